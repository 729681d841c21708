package dev.easel.generate;

import dev.easel.image.FloatImage;

import java.util.List;

/**
 * The images a request produced, each with its A1111 infotext, plus the seeds used.
 *
 * @param images      RGB images in [0, 1], in A1111's order (batch by batch)
 * @param infotexts   one A1111 {@code parameters} text per image
 * @param seeds       the seed of each image
 * @param subseeds    the variation seed of each image
 * @param interrupted true when the job was interrupted before every step ran
 * @param warnings    things the user should know (an unknown sampler replaced, tiling not possible, ...)
 */
public record GenerationResult(List<FloatImage> images, List<String> infotexts, List<Long> seeds,
                               List<Long> subseeds, boolean interrupted, List<String> warnings) {
}

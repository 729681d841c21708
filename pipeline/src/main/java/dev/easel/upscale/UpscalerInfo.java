package dev.easel.upscale;

import java.nio.file.Path;

/**
 * One entry of the upscaler list, in the shape of A1111's {@code /sdapi/v1/upscalers} items.
 *
 * @param name      what clients pass as {@code upscaler_1} or {@code hr_upscaler}
 * @param modelName the model file's name without extension; null for the built-in resamplers
 * @param path      the model file; null for the built-in resamplers
 * @param scale     the model's factor guessed from its file name ("x2", "4x"), else 4 (A1111's default)
 */
public record UpscalerInfo(String name, String modelName, Path path, int scale) {
}

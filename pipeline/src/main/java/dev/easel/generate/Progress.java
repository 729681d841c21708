package dev.easel.generate;

import dev.easel.image.FloatImage;

/**
 * A snapshot of a running generation.
 *
 * @param step      steps done so far over the whole job (all images, all passes), 0-based count
 * @param total     steps the whole job will take
 * @param elapsedMs time since the job started
 * @param etaMs     estimated time left, -1 while unknown
 * @param preview   a cheap preview of the current latent (may be null when none is due this step)
 */
public record Progress(int step, int total, long elapsedMs, long etaMs, FloatImage preview) {
}

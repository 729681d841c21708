package dev.easel.sampling;

import dev.easel.onnx.Tensor;

/**
 * What a sampler run ended with.
 *
 * @param latent       the latent after the last step that ran (the input latent when none ran)
 * @param lastDenoised the x0 prediction of the last step that ran, or null when none ran; A1111 returns
 *                     this one on interrupt, as it looks cleaner than a noisy latent
 * @param stepsDone    steps that ran
 * @param totalSteps   steps the run would have made
 * @param interrupted  whether the cancellation check stopped the run early
 */
public record SamplingResult(Tensor latent, Tensor lastDenoised, int stepsDone, int totalSteps, boolean interrupted) {
}

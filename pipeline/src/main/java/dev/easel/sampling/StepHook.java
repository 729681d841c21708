package dev.easel.sampling;

import dev.easel.onnx.Tensor;

/**
 * Rewrites the latent after each sampler step, before the next one starts (e.g. inpainting with a
 * 4-channel model keeping the unmasked area). Returns the latent to continue from, which may be
 * {@code x} itself modified in place.
 */
@FunctionalInterface
public interface StepHook {
    Tensor afterStep(int step, Tensor x);
}

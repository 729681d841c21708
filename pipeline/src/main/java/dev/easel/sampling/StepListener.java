package dev.easel.sampling;

import dev.easel.onnx.Tensor;

/** Told after every sampler step: progress, previews, A1111's {@code callback_state}. */
@FunctionalInterface
public interface StepListener {
    /**
     * @param step     0-based index of the step just finished
     * @param total    sampler steps in this run
     * @param x        the latent after the step (do not modify)
     * @param denoised the step's first x0 prediction (for DDIM, {@code pred_x0}; do not modify)
     */
    void onStep(int step, int total, Tensor x, Tensor denoised);
}

package dev.easel.sampling;

import dev.easel.onnx.Tensor;

/**
 * The model as a k-diffusion sampler sees it: the prediction of the clean latent {@code x0} from a noisy
 * latent {@code x [B, C, h, w]} at noise level {@code sigma} (the same sigma for every image). In the
 * pipeline this is a {@link CfgDenoiser}; the whole model call happens inside one {@code denoise}.
 * Implementations must return a new tensor and leave {@code x} unchanged.
 */
@FunctionalInterface
public interface Denoiser {
    Tensor denoise(Tensor x, double sigma);
}

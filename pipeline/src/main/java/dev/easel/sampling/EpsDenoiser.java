package dev.easel.sampling;

import dev.easel.onnx.Tensor;

/**
 * The model as A1111's timestep samplers (DDIM) see it: the guided noise prediction for the unscaled
 * latent {@code x [B, C, h, w]} at integer training timestep {@code t}. Implementations must return a
 * new tensor and leave {@code x} unchanged.
 */
@FunctionalInterface
public interface EpsDenoiser {
    Tensor eps(Tensor x, int timestep);
}

package dev.easel.sampling;

import dev.easel.onnx.Tensor;

/**
 * Fresh standard-normal noise shaped like the latent, for a sampler step from {@code sigma} to
 * {@code sigmaNext}. Ancestral samplers ignore the sigmas ({@code ImageRng.next()}); Brownian samplers
 * return the scaled Brownian increment over that interval.
 */
@FunctionalInterface
public interface NoiseSampler {
    Tensor noise(double sigma, double sigmaNext);
}

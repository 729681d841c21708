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

    /**
     * Tells the sampler which {@code (sigma, sigmaNext)} pairs the run will ask for, in order, so it may
     * compute them ahead (Brownian trees do); asking for anything else still works.
     */
    default void expect(java.util.List<double[]> queries) { }

    /** The run is over: stop any work ahead. */
    default void cancel() { }
}

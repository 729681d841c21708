package dev.easel.sampling;

/** Builds the Brownian noise for one SDE sampler run over {@code [sigmaMin, sigmaMax]}. */
@FunctionalInterface
public interface BrownianNoiseFactory {
    NoiseSampler create(long[] latentShape, double sigmaMin, double sigmaMax);
}

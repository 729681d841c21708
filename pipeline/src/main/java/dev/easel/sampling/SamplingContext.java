package dev.easel.sampling;

import dev.easel.noise.ImageRng;
import dev.easel.noise.NoiseSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Everything a sampler run needs besides the model, the latent and the sigmas: where noise comes from,
 * who hears about steps, how to stop, and A1111's sampler parameters. Fluent and mutable; build one per
 * run. Defaults are A1111's: {@code eta} 1 (ancestral), {@code eta_ddim} 0, {@code s_noise} 1, no churn.
 */
public final class SamplingContext {
    /** A1111 {@code eta_ancestral} default. */
    public static final double DEFAULT_ETA = 1.0;
    /** A1111 {@code eta_ddim} default. */
    public static final double DEFAULT_ETA_DDIM = 0.0;

    private NoiseSampler noise;
    private BrownianNoiseFactory brownian;
    private StepListener listener = (i, n, x, d) -> { };
    private StepHook hook;
    private BooleanSupplier cancelled = () -> false;
    private double eta = DEFAULT_ETA;
    private double etaDdim = DEFAULT_ETA_DDIM;
    private double sNoise = 1.0;
    private double sChurn = 0.0;
    private double sTmin = 0.0;
    private double sTmax = Double.POSITIVE_INFINITY;

    /** Ancestral noise: each request is one {@code rng.next()} (A1111's {@code TorchHijack.randn_like}). */
    public SamplingContext noise(ImageRng rng) {
        this.noise = (s, sn) -> rng.next();
        return this;
    }

    public SamplingContext noise(NoiseSampler sampler) {
        this.noise = sampler;
        return this;
    }

    /**
     * Brownian-tree noise for the SDE samplers, one tree per image seed, as A1111's
     * {@code create_noise_sampler} builds them ({@code p.all_seeds} of the current batch).
     */
    public SamplingContext brownianSeeds(long[] seeds, NoiseSource source) {
        long[] copy = seeds.clone();
        this.brownian = (shape, sigmaMin, sigmaMax) -> new BrownianTreeNoise(shape, sigmaMin, sigmaMax, copy, source);
        return this;
    }

    public SamplingContext brownian(BrownianNoiseFactory factory) {
        this.brownian = factory;
        return this;
    }

    public SamplingContext listener(StepListener l) {
        this.listener = l == null ? (i, n, x, d) -> { } : l;
        return this;
    }

    public SamplingContext afterStep(StepHook h) {
        this.hook = h;
        return this;
    }

    /** Checked before every step; when true the run stops and returns what it has. */
    public SamplingContext cancelWhen(BooleanSupplier c) {
        this.cancelled = c == null ? () -> false : c;
        return this;
    }

    public SamplingContext eta(double v) {
        this.eta = v;
        return this;
    }

    public SamplingContext etaDdim(double v) {
        this.etaDdim = v;
        return this;
    }

    public SamplingContext sNoise(double v) {
        this.sNoise = v;
        return this;
    }

    /** Euler/Heun/DPM2 churn ({@code s_churn}, {@code s_tmin}, {@code s_tmax}). */
    public SamplingContext churn(double churn, double tmin, double tmax) {
        this.sChurn = churn;
        this.sTmin = tmin;
        this.sTmax = tmax;
        return this;
    }

    public double eta() { return eta; }

    public double etaDdim() { return etaDdim; }

    public double sNoise() { return sNoise; }

    public double sChurn() { return sChurn; }

    public double sTmin() { return sTmin; }

    public double sTmax() { return sTmax; }

    boolean isCancelled() { return cancelled.getAsBoolean(); }

    StepListener listener() { return listener; }

    StepHook hook() { return hook; }

    /** The ancestral noise sampler; fails with a clear message when none was given. */
    NoiseSampler noiseSampler() {
        if (noise == null) throw new IllegalStateException("this sampler draws noise: give the SamplingContext an ImageRng or NoiseSampler");
        return noise;
    }

    /** Brownian noise for the given latent shape and sigma range, or the ancestral noise when no seeds were given. */
    NoiseSampler brownianSampler(long[] shape, double sigmaMin, double sigmaMax) {
        return brownian != null ? brownian.create(shape, sigmaMin, sigmaMax) : noiseSampler();
    }

    /** Brownian noise over a run's whole sigma range (k-diffusion: smallest positive sigma to the largest). */
    NoiseSampler brownianSampler(long[] shape, double[] sigmas) {
        double min = Arrays.stream(sigmas).filter(v -> v > 0).min().orElseThrow(
                () -> new IllegalArgumentException("sigmas have no positive value"));
        return brownianSampler(shape, min, Arrays.stream(sigmas).max().orElseThrow());
    }

    /**
     * Brownian noise for samplers that query once per step, from each sigma to the next (the DPM++ 2M
     * and 3M SDE family); told those queries up front so it can compute them ahead of the model calls.
     */
    NoiseSampler brownianStepSampler(long[] shape, double[] sigmas) {
        NoiseSampler sampler = brownianSampler(shape, sigmas);
        List<double[]> queries = new ArrayList<>();
        for (int i = 0; i + 1 < sigmas.length; i++) {
            if (sigmas[i + 1] != 0) queries.add(new double[] {sigmas[i], sigmas[i + 1]});
        }
        sampler.expect(queries);
        return sampler;
    }
}

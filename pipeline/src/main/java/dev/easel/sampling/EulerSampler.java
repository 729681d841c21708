package dev.easel.sampling;

import dev.easel.onnx.Tensor;

/** k-diffusion {@code sample_euler} (A1111 "Euler"), with optional churn. */
final class EulerSampler extends KSampler {
    /** Karras et al. cap the churn factor at sqrt(2) - 1. */
    static final double MAX_GAMMA = Math.sqrt(2) - 1;

    @Override
    protected Tensor step(int i, double[] sigmas, float[] x, long[] shape, Denoiser model, SamplingContext ctx) {
        double sigmaHat = churn(i, sigmas, x, ctx);
        float[] den = denoise(model, x, shape, sigmaHat);
        eulerUpdate(x, den, sigmaHat, sigmas[i + 1] - sigmaHat);
        return new Tensor(shape, den);
    }

    /**
     * The churn shared by Euler, Heun and DPM2: returns sigma-hat, having added noise to {@code x} when
     * gamma &gt; 0. A1111 draws this noise every step even unused; without churn the draw is skipped,
     * since the rest of the run never reads those generators again.
     */
    static double churn(int i, double[] sigmas, float[] x, SamplingContext ctx) {
        if (ctx.sChurn() <= 0) return sigmas[i];
        double s = sigmas[i];
        int steps = sigmas.length - 1;
        double gamma = ctx.sTmin() <= s && s <= ctx.sTmax() ? Math.min(ctx.sChurn() / steps, MAX_GAMMA) : 0;
        Tensor eps = ctx.noiseSampler().noise(s, sigmas[i + 1]);
        double sigmaHat = s * (gamma + 1);
        if (gamma > 0) addNoise(x, eps, ctx.sNoise() * Math.sqrt(sigmaHat * sigmaHat - s * s));
        return sigmaHat;
    }
}

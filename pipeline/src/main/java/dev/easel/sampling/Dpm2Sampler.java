package dev.easel.sampling;

import dev.easel.onnx.Tensor;

/**
 * k-diffusion {@code sample_dpm_2} (A1111 "DPM2") and {@code sample_dpm_2_ancestral} ("DPM2 a"): a
 * midpoint step in log-sigma with a second model call there; an Euler step where the target is 0.
 */
final class Dpm2Sampler extends KSampler {
    private final boolean ancestral;

    Dpm2Sampler(boolean ancestral) {
        this.ancestral = ancestral;
    }

    @Override
    protected Tensor step(int i, double[] sigmas, float[] x, long[] shape, Denoiser model, SamplingContext ctx) {
        double next = sigmas[i + 1];
        double from;
        double target;
        double up = 0;
        if (ancestral) {
            from = sigmas[i];
            double[] du = ancestralStep(from, next, ctx.eta());
            target = du[0];
            up = du[1];
        } else {
            from = EulerSampler.churn(i, sigmas, x, ctx);
            target = next;
        }
        float[] den = denoise(model, x, shape, from);
        if (target == 0) {
            eulerUpdate(x, den, from, target - from);
            return new Tensor(shape, den);
        }
        double sigmaMid = Math.exp(Math.log(from) + 0.5 * (Math.log(target) - Math.log(from)));
        float f = (float) from, dt1 = (float) (sigmaMid - from), dt2 = (float) (target - from);
        float[] x2 = new float[x.length];
        for (int k = 0; k < x.length; k++) x2[k] = x[k] + (x[k] - den[k]) / f * dt1;
        float[] den2 = denoise(model, x2, shape, sigmaMid);
        float m = (float) sigmaMid;
        for (int k = 0; k < x.length; k++) x[k] = x[k] + (x2[k] - den2[k]) / m * dt2;
        if (ancestral) addNoise(x, ctx.noiseSampler().noise(from, next), ctx.sNoise() * up);
        return new Tensor(shape, den);
    }
}

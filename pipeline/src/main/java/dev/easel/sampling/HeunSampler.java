package dev.easel.sampling;

import dev.easel.onnx.Tensor;

/** k-diffusion {@code sample_heun} (A1111 "Heun"): 2 model calls per step, an Euler step to sigma 0. */
final class HeunSampler extends KSampler {
    @Override
    protected Tensor step(int i, double[] sigmas, float[] x, long[] shape, Denoiser model, SamplingContext ctx) {
        double sigmaHat = EulerSampler.churn(i, sigmas, x, ctx);
        double next = sigmas[i + 1];
        float[] den = denoise(model, x, shape, sigmaHat);
        float dt = (float) (next - sigmaHat);
        float sh = (float) sigmaHat;
        if (next == 0) {
            eulerUpdate(x, den, sigmaHat, dt);
            return new Tensor(shape, den);
        }
        float[] d = new float[x.length];
        float[] x2 = new float[x.length];
        for (int k = 0; k < x.length; k++) {
            d[k] = (x[k] - den[k]) / sh;
            x2[k] = x[k] + d[k] * dt;
        }
        float[] den2 = denoise(model, x2, shape, next);
        float sn = (float) next;
        for (int k = 0; k < x.length; k++) {
            float d2 = (x2[k] - den2[k]) / sn;
            x[k] = x[k] + (d[k] + d2) / 2 * dt;
        }
        return new Tensor(shape, den);
    }
}

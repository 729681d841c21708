package dev.easel.sampling;

import dev.easel.onnx.Tensor;

/** k-diffusion {@code sample_euler_ancestral} (A1111 "Euler a"). */
final class EulerAncestralSampler extends KSampler {
    @Override
    protected Tensor step(int i, double[] sigmas, float[] x, long[] shape, Denoiser model, SamplingContext ctx) {
        double s = sigmas[i], next = sigmas[i + 1];
        float[] den = denoise(model, x, shape, s);
        double[] du = ancestralStep(s, next, ctx.eta());
        eulerUpdate(x, den, s, du[0] - s);
        if (next > 0) addNoise(x, ctx.noiseSampler().noise(s, next), ctx.sNoise() * du[1]);
        return new Tensor(shape, den);
    }
}

package dev.easel.sampling;

import dev.easel.onnx.Tensor;

/** k-diffusion {@code sample_dpmpp_2s_ancestral} (A1111 "DPM++ 2S a"): DPM-Solver++(2S) plus ancestral noise. */
final class DpmPp2sAncestralSampler extends KSampler {
    /** k-diffusion's midpoint ratio r = 1/2. */
    private static final double R = 0.5;

    @Override
    protected Tensor step(int i, double[] sigmas, float[] x, long[] shape, Denoiser model, SamplingContext ctx) {
        double s = sigmas[i], next = sigmas[i + 1];
        float[] den = denoise(model, x, shape, s);
        double[] du = ancestralStep(s, next, ctx.eta());
        double down = du[0];
        if (down == 0) {
            eulerUpdate(x, den, s, down - s);
        } else {
            double t = -Math.log(s), tNext = -Math.log(down);
            double h = tNext - t;
            double sMid = t + R * h;
            double sigmaMid = Math.exp(-sMid);
            float[] x2 = x.clone();
            linear(x2, sigmaMid / s, den, -Math.expm1(-h * R));
            float[] den2 = denoise(model, x2, shape, sigmaMid);
            linear(x, down / s, den2, -Math.expm1(-h));
        }
        if (next > 0) addNoise(x, ctx.noiseSampler().noise(s, next), ctx.sNoise() * du[1]);
        return new Tensor(shape, den);
    }
}

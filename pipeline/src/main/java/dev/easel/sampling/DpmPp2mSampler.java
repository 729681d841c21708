package dev.easel.sampling;

import dev.easel.onnx.Tensor;

/** k-diffusion {@code sample_dpmpp_2m} (A1111 "DPM++ 2M"): DPM-Solver++(2M), first order on the first and last step. */
final class DpmPp2mSampler extends KSampler {
    private float[] oldDenoised;

    @Override
    protected void begin(long[] shape, double[] sigmas, SamplingContext ctx) {
        oldDenoised = null;
    }

    @Override
    protected Tensor step(int i, double[] sigmas, float[] x, long[] shape, Denoiser model, SamplingContext ctx) {
        double s = sigmas[i], next = sigmas[i + 1];
        float[] den = denoise(model, x, shape, s);
        if (next == 0) {
            // -ln 0 = inf and -expm1(-inf) = 1: the update is x = den.
            System.arraycopy(den, 0, x, 0, x.length);
        } else {
            double t = -Math.log(s), tNext = -Math.log(next);
            double h = tNext - t;
            double ratio = next / s, c = -Math.expm1(-h);
            if (oldDenoised == null) {
                linear(x, ratio, den, c);
            } else {
                double hLast = t + Math.log(sigmas[i - 1]);
                double r = hLast / h;
                float a = (float) (1 + 1 / (2 * r)), b = (float) (1 / (2 * r));
                float fr = (float) ratio, fc = (float) c;
                for (int k = 0; k < x.length; k++) {
                    float dd = a * den[k] - b * oldDenoised[k];
                    x[k] = fr * x[k] + fc * dd;
                }
            }
        }
        oldDenoised = den;
        return new Tensor(shape, den);
    }
}

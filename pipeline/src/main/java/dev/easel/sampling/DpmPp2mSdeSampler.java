package dev.easel.sampling;

import dev.easel.onnx.Tensor;

/**
 * k-diffusion {@code sample_dpmpp_2m_sde} (A1111 "DPM++ 2M SDE", midpoint; "DPM++ 2M SDE Heun", heun),
 * with Brownian-tree noise.
 */
final class DpmPp2mSdeSampler extends KSampler {
    private final boolean heun;
    private NoiseSampler noise;
    private float[] oldDenoised;
    private double hLast;

    DpmPp2mSdeSampler(boolean heun) {
        this.heun = heun;
    }

    @Override
    protected void begin(long[] shape, double[] sigmas, SamplingContext ctx) {
        noise = ctx.eta() != 0 ? ctx.brownianStepSampler(shape, sigmas) : null;
        oldDenoised = null;
        hLast = Double.NaN;
    }

    @Override
    protected void end() {
        if (noise != null) noise.cancel();
    }

    @Override
    protected Tensor step(int i, double[] sigmas, float[] x, long[] shape, Denoiser model, SamplingContext ctx) {
        double s = sigmas[i], next = sigmas[i + 1];
        float[] den = denoise(model, x, shape, s);
        double h = Double.NaN;
        if (next == 0) {
            System.arraycopy(den, 0, x, 0, x.length);
        } else {
            double eta = ctx.eta();
            h = Math.log(s) - Math.log(next);
            double etaH = eta * h;
            double c = -Math.expm1(-h - etaH);
            linear(x, next / s * Math.exp(-etaH), den, c);
            if (oldDenoised != null) {
                double r = hLast / h;
                double k2 = heun ? (c / (-h - etaH) + 1) * (1 / r) : 0.5 * c * (1 / r);
                float f = (float) k2;
                for (int k = 0; k < x.length; k++) x[k] = x[k] + f * (den[k] - oldDenoised[k]);
            }
            if (eta != 0) addNoise(x, noise.noise(s, next), next * Math.sqrt(-Math.expm1(-2 * etaH)) * ctx.sNoise());
        }
        oldDenoised = den;
        hLast = h;
        return new Tensor(shape, den);
    }
}

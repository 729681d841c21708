package dev.easel.sampling;

import dev.easel.onnx.Tensor;

/** k-diffusion {@code sample_dpmpp_3m_sde} (A1111 "DPM++ 3M SDE"), with Brownian-tree noise. */
final class DpmPp3mSdeSampler extends KSampler {
    private NoiseSampler noise;
    private float[] den1;
    private float[] den2;
    private double h1;
    private double h2;

    @Override
    protected void begin(long[] shape, double[] sigmas, SamplingContext ctx) {
        noise = ctx.eta() != 0 ? ctx.brownianStepSampler(shape, sigmas) : null;
        den1 = null;
        den2 = null;
        h1 = Double.NaN;
        h2 = Double.NaN;
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
            double hEta = h * (eta + 1);
            linear(x, Math.exp(-hEta), den, -Math.expm1(-hEta));
            double phi2 = Math.expm1(-hEta) / hEta + 1;
            if (!Double.isNaN(h2)) {
                double r0 = h1 / h, r1 = h2 / h;
                double phi3 = phi2 / hEta - 0.5;
                float fr0 = (float) r0, fr1 = (float) r1, sum = (float) (r0 + r1);
                float fp2 = (float) phi2, fp3 = (float) phi3;
                for (int k = 0; k < x.length; k++) {
                    float d10 = (den[k] - den1[k]) / fr0;
                    float d11 = (den1[k] - den2[k]) / fr1;
                    float d1 = d10 + (d10 - d11) * fr0 / sum;
                    float d2 = (d10 - d11) / sum;
                    x[k] = x[k] + fp2 * d1 - fp3 * d2;
                }
            } else if (!Double.isNaN(h1)) {
                float r = (float) (h1 / h), fp2 = (float) phi2;
                for (int k = 0; k < x.length; k++) x[k] = x[k] + fp2 * ((den[k] - den1[k]) / r);
            }
            if (eta != 0) addNoise(x, noise.noise(s, next), next * Math.sqrt(-Math.expm1(-2 * h * eta)) * ctx.sNoise());
        }
        den2 = den1;
        den1 = den;
        h2 = h1;
        h1 = h;
        return new Tensor(shape, den);
    }
}

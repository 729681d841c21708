package dev.easel.sampling;

import dev.easel.onnx.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * k-diffusion {@code sample_dpmpp_sde} (A1111 "DPM++ SDE"): DPM-Solver++ (stochastic, r = 1/2) with
 * Brownian-tree noise, two model calls per step, an Euler step to sigma 0.
 */
final class DpmPpSdeSampler extends KSampler {
    private static final double R = 0.5;
    private NoiseSampler noise;

    @Override
    protected void begin(long[] shape, double[] sigmas, SamplingContext ctx) {
        noise = ctx.brownianSampler(shape, sigmas);
        List<double[]> queries = new ArrayList<>();
        for (int i = 0; i + 1 < sigmas.length; i++) {
            if (sigmas[i + 1] == 0) continue;
            double[] p = points(sigmas[i], sigmas[i + 1]);
            queries.add(new double[] {p[0], p[1]});
            queries.add(new double[] {p[0], p[2]});
        }
        noise.expect(queries);
    }

    @Override
    protected void end() {
        noise.cancel();
    }

    /**
     * {@code sigma_fn(t)}, {@code sigma_fn(s)}, {@code sigma_fn(t_next)}: the sigmas pass through
     * {@code exp(-(-ln sigma))} in float32 as in k-diffusion, and the Brownian queries use these values.
     */
    private static double[] points(double s, double next) {
        double t = -Math.log(s), tNext = -Math.log(next);
        double sMid = t + (tNext - t) * R;
        return new double[] {(float) Math.exp(-t), (float) Math.exp(-sMid), (float) Math.exp(-tNext)};
    }

    @Override
    protected Tensor step(int i, double[] sigmas, float[] x, long[] shape, Denoiser model, SamplingContext ctx) {
        double s = sigmas[i], next = sigmas[i + 1];
        float[] den = denoise(model, x, shape, s);
        if (next == 0) {
            eulerUpdate(x, den, s, next - s);
            return new Tensor(shape, den);
        }
        double eta = ctx.eta();
        double t = -Math.log(s);
        double fac = 1 / (2 * R);
        double[] p = points(s, next);
        double sigmaT = p[0], sigmaS = p[1], sigmaNext = p[2];

        double[] du = ancestralStep(sigmaT, sigmaS, eta);
        double s2 = -Math.log(du[0]);
        float[] x2 = x.clone();
        linear(x2, Math.exp(-s2) / sigmaT, den, -Math.expm1(t - s2));
        addNoise(x2, noise.noise(sigmaT, sigmaS), ctx.sNoise() * du[1]);
        float[] den2 = denoise(model, x2, shape, sigmaS);

        du = ancestralStep(sigmaT, sigmaNext, eta);
        double tNext2 = -Math.log(du[0]);
        float a = (float) (1 - fac), b = (float) fac;
        float ratio = (float) (Math.exp(-tNext2) / sigmaT), c = (float) -Math.expm1(t - tNext2);
        for (int k = 0; k < x.length; k++) {
            float dd = a * den[k] + b * den2[k];
            x[k] = ratio * x[k] + c * dd;
        }
        addNoise(x, noise.noise(sigmaT, sigmaNext), ctx.sNoise() * du[1]);
        return new Tensor(shape, den);
    }
}

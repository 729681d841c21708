package dev.easel.sampling;

import dev.easel.onnx.Tensor;

/**
 * The fixtures of diffusers' scheduler tests ({@code tests/schedulers/test_schedulers.py}) and the parts
 * of diffusers' own schedule set-up they need, so Easel's samplers can be run on the same inputs.
 */
final class DiffusersFixtures {
    static final long[] SHAPE = {4, 3, 8, 8};
    static final int N = 768;

    private DiffusersFixtures() { }

    /** {@code arange(768).reshape(3, 8, 8, 4) / 768} permuted to (4, 3, 8, 8): {@code [b,c,h,w] = (((c*8+h)*8+w)*4+b)/768}. */
    static float[] sampleDeter() {
        float[] out = new float[N];
        for (int b = 0; b < 4; b++)
            for (int c = 0; c < 3; c++)
                for (int h = 0; h < 8; h++)
                    for (int w = 0; w < 8; w++) out[((b * 3 + c) * 8 + h) * 8 + w] = (float) ((((c * 8 + h) * 8 + w) * 4 + b)) / 768f;
        return out;
    }

    /** The same with the arange flipped: {@code (767 - flat) / 768}. */
    static float[] noiseDeter() {
        float[] out = new float[N];
        for (int b = 0; b < 4; b++)
            for (int c = 0; c < 3; c++)
                for (int h = 0; h < 8; h++)
                    for (int w = 0; w < 8; w++) out[((b * 3 + c) * 8 + h) * 8 + w] = (float) (767 - (((c * 8 + h) * 8 + w) * 4 + b)) / 768f;
        return out;
    }

    /** {@code model(sample, t) = sample * t / (t + 1)} in float32. */
    static float[] dummyModel(float[] sample, float t) {
        float[] out = new float[sample.length];
        for (int k = 0; k < out.length; k++) out[k] = sample[k] * t / (t + 1f);
        return out;
    }

    /** diffusers {@code beta_schedule="linear"}: float32 betas, float32 {@code 1 - beta}, cumprod accumulated in double. */
    static float[] alphasCumprodLinear(double start, double end, int n) {
        double[] betas = Sigmas.linspaceF32(start, end, n);
        float[] ac = new float[n];
        double prod = 1;
        for (int i = 0; i < n; i++) {
            prod *= 1f - (float) betas[i];
            ac[i] = (float) prod;
        }
        return ac;
    }

    /** {@code ((1 - ac) / ac) ** 0.5} in float32. */
    static float[] sigmas(float[] ac) {
        float[] s = new float[ac.length];
        for (int i = 0; i < ac.length; i++) s[i] = (float) Math.sqrt((1f - ac[i]) / ac[i]);
        return s;
    }

    /** numpy {@code interp(x, arange(len), table)}. */
    static double interp(double x, float[] table) {
        int lo = (int) Math.floor(x);
        if (lo >= table.length - 1) return table[table.length - 1];
        double w = x - lo;
        return table[lo] + (table[lo + 1] - (double) table[lo]) * w;
    }

    /** diffusers {@code _sigma_to_t}: log-sigma interpolation in float64 against float32 log sigmas. */
    static double sigmaToT(double sigma, float[] trainSigmas) {
        double logSigma = Math.log(Math.max(sigma, 1e-10));
        int low = 0;
        for (int i = 0; i < trainSigmas.length; i++) if (logSigma - (float) Math.log(trainSigmas[i]) >= 0) low = i;
        low = Math.min(low, trainSigmas.length - 2);
        double lo = (float) Math.log(trainSigmas[low]), hi = (float) Math.log(trainSigmas[low + 1]);
        double w = Math.max(0, Math.min(1, (lo - logSigma) / (lo - hi)));
        return (1 - w) * low + w * (low + 1);
    }

    static double sumAbs(float[] x) {
        double s = 0;
        for (float v : x) s += Math.abs(v);
        return s;
    }

    static Tensor tensor(float[] data) {
        return new Tensor(SHAPE.clone(), data);
    }
}

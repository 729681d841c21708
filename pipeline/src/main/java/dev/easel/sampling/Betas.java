package dev.easel.sampling;

/** Training beta schedules, computed in float64 as ldm's {@code make_beta_schedule} does. */
final class Betas {
    /** diffusers {@code squaredcos_cap_v2}: beta clipped at 0.999, offset s = 0.008 (Nichol and Dhariwal 2021). */
    private static final double COSINE_MAX_BETA = 0.999;
    private static final double COSINE_OFFSET = 0.008;

    private Betas() { }

    /** ldm "linear" = diffusers "scaled_linear": {@code linspace(sqrt(start), sqrt(end), n)^2}. */
    static double[] scaledLinear(double start, double end, int n) {
        double[] b = Sigmas.linspace(Math.sqrt(start), Math.sqrt(end), n);
        for (int i = 0; i < n; i++) b[i] *= b[i];
        return b;
    }

    /** diffusers "linear": {@code linspace(start, end, n)}. */
    static double[] linear(double start, double end, int n) {
        return Sigmas.linspace(start, end, n);
    }

    static double[] squaredCosCapV2(int n) {
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            double t1 = (double) i / n, t2 = (double) (i + 1) / n;
            b[i] = Math.min(1 - alphaBar(t2) / alphaBar(t1), COSINE_MAX_BETA);
        }
        return b;
    }

    private static double alphaBar(double t) {
        double c = Math.cos((t + COSINE_OFFSET) / (1 + COSINE_OFFSET) * Math.PI / 2);
        return c * c;
    }
}

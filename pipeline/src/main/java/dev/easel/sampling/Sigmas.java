package dev.easel.sampling;

import java.util.Arrays;

/**
 * Sigma lists: k-diffusion's schedule formulas and A1111's list surgery (discarding the penultimate
 * sigma, img2img slicing). Lists run from the largest sigma down to the last (usually 0), one entry
 * more than the number of sampler steps.
 */
public final class Sigmas {
    /** k-diffusion {@code get_sigmas_karras} default rho (Karras et al. 2022). */
    public static final double KARRAS_RHO = 7.0;
    /** A1111 {@code setup_img2img_steps}: strength is capped at 0.999. */
    static final double IMG2IMG_MAX_STRENGTH = 0.999;

    private Sigmas() { }

    /** torch's {@code linspace} in float64: the first half counts up from start, the second down from end. */
    static double[] linspace(double start, double end, int n) {
        double[] out = new double[n];
        if (n == 1) {
            out[0] = start;
            return out;
        }
        double step = (end - start) / (n - 1);
        int half = n / 2;
        for (int i = 0; i < n; i++) out[i] = i < half ? start + step * i : end - step * (n - 1 - i);
        return out;
    }

    /**
     * {@code torch.linspace} in the default float32, widened to double: each value is the float64 value
     * rounded once to float32, which is what the reference sigma tables show (a float32 step accumulation
     * differs by an ulp at some points, e.g. t = 946.4211 for n = 20).
     */
    static double[] linspaceF32(double start, double end, int n) {
        double[] out = linspace(start, end, n);
        for (int i = 0; i < n; i++) out[i] = (float) out[i];
        return out;
    }

    /** numpy's {@code linspace} (float64): {@code arange(n) * step + start}, the last value set to end. */
    static double[] linspaceNumpy(double start, double end, int n) {
        double[] out = new double[n];
        if (n == 1) {
            out[0] = start;
            return out;
        }
        double step = (end - start) / (n - 1);
        for (int i = 0; i < n; i++) out[i] = i * step + start;
        out[n - 1] = end;
        return out;
    }

    static double[] appendZero(double[] sigmas) {
        return Arrays.copyOf(sigmas, sigmas.length + 1);
    }

    /** Rounds every value to float32, as a {@code torch.FloatTensor} of the list does. */
    static double[] toFloat32(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) out[i] = (float) v[i];
        return out;
    }

    /** {@code get_sigmas_karras}: {@code (max^(1/rho) + ramp (min^(1/rho) - max^(1/rho)))^rho}, then 0. */
    public static double[] karras(int n, double sigmaMin, double sigmaMax, double rho) {
        double[] ramp = linspaceF32(0, 1, n);
        double minInv = Math.pow(sigmaMin, 1 / rho);
        double maxInv = Math.pow(sigmaMax, 1 / rho);
        double[] out = new double[n + 1];
        for (int i = 0; i < n; i++) {
            float base = (float) maxInv + (float) ramp[i] * (float) (minInv - maxInv);
            out[i] = (float) Math.pow(base, rho);
        }
        return out;
    }

    /** {@code get_sigmas_exponential}: log-uniform from sigmaMax to sigmaMin, then 0. */
    public static double[] exponential(int n, double sigmaMin, double sigmaMax) {
        double[] logs = linspaceF32(Math.log(sigmaMax), Math.log(sigmaMin), n);
        double[] out = new double[n + 1];
        for (int i = 0; i < n; i++) out[i] = (float) Math.exp(logs[i]);
        return out;
    }

    /** {@code get_sigmas_polyexponential}: {@code exp(ramp^rho (ln max - ln min) + ln min)}, ramp 1..0, then 0. */
    public static double[] polyexponential(int n, double sigmaMin, double sigmaMax, double rho) {
        double[] ramp = linspaceF32(1, 0, n);
        double logMin = Math.log(sigmaMin), logMax = Math.log(sigmaMax);
        double[] out = new double[n + 1];
        for (int i = 0; i < n; i++) {
            float r = (float) Math.pow(ramp[i], rho);
            out[i] = (float) Math.exp((float) (r * (float) (logMax - logMin)) + (float) logMin);
        }
        return out;
    }

    /**
     * A1111's {@code discard_next_to_last_sigma} (DPM2, DPM2 a, DPM++ 3M SDE): the list was computed for
     * one step more; drop its penultimate entry so the sampler runs the requested number of steps.
     */
    public static double[] discardPenultimate(double[] sigmas) {
        if (sigmas.length < 3) return sigmas.clone();
        double[] out = Arrays.copyOf(sigmas, sigmas.length - 1);
        out[out.length - 1] = sigmas[sigmas.length - 1];
        return out;
    }

    /**
     * A1111 img2img ({@code setup_img2img_steps} with default options): of the {@code steps + 1} sigmas,
     * keep {@code sigmas[steps - t_enc - 1:]} with {@code t_enc = int(min(strength, 0.999) * steps)}, so
     * {@code t_enc + 1} sampler steps run.
     */
    public static double[] forImg2img(double[] sigmas, int steps, double strength) {
        int tEnc = img2imgEncodeSteps(steps, strength);
        return Arrays.copyOfRange(sigmas, steps - tEnc - 1, sigmas.length);
    }

    /** {@code t_enc = int(min(strength, 0.999) * steps)} (A1111 caps strength so one step is skipped at most). */
    public static int img2imgEncodeSteps(int steps, double strength) {
        return (int) (Math.min(strength, IMG2IMG_MAX_STRENGTH) * steps);
    }

    /** The list from index {@code start} on (a partial schedule, e.g. to resume or for custom img2img). */
    public static double[] from(double[] sigmas, int start) {
        return Arrays.copyOfRange(sigmas, start, sigmas.length);
    }
}

package dev.easel.sampling;

import dev.easel.onnx.Tensor;

import java.util.Arrays;

/**
 * A k-diffusion sampler: walks a latent down a sigma list, one step per pair of neighbouring sigmas,
 * calling the {@link Denoiser} once or twice per step. Instances keep per-run state (multistep history):
 * use one instance per run ({@link SamplerInfo#create()}). The latent is updated in float32, as torch does.
 */
public abstract class KSampler {

    /**
     * Runs every step of {@code sigmas} (length = steps + 1) from latent {@code x}, which is not modified.
     * Before each step the context's cancellation check runs; when it says stop, the latent so far is
     * returned with {@code interrupted = true}.
     */
    public final SamplingResult sample(Denoiser model, Tensor x, double[] sigmas, SamplingContext ctx) {
        checkSigmas(sigmas);
        long[] shape = x.shape().clone();
        float[] data = x.data().clone();
        Tensor current = new Tensor(shape, data);
        int total = sigmas.length - 1;
        begin(shape, sigmas, ctx);
        try {
            Tensor lastDenoised = null;
            for (int i = 0; i < total; i++) {
                if (ctx.isCancelled()) return new SamplingResult(current, lastDenoised, i, total, true);
                lastDenoised = step(i, sigmas, data, shape, model, ctx);
                StepHook hook = ctx.hook();
                if (hook != null) {
                    Tensor hooked = hook.afterStep(i, current);
                    if (hooked.data() != data) System.arraycopy(hooked.data(), 0, data, 0, data.length);
                }
                ctx.listener().onStep(i, total, current, lastDenoised);
            }
            return new SamplingResult(current, lastDenoised, total, total, false);
        } finally {
            end();
        }
    }

    /** Called once before the first step with the run's inputs; resets per-run state. */
    protected void begin(long[] shape, double[] sigmas, SamplingContext ctx) { }

    /** Called once when the run ends, however it ends. */
    protected void end() { }

    /**
     * Advances {@code x} (in place) from {@code sigmas[i]} to {@code sigmas[i + 1]}.
     *
     * @return the step's first x0 prediction
     */
    protected abstract Tensor step(int i, double[] sigmas, float[] x, long[] shape, Denoiser model, SamplingContext ctx);

    /** One model call on a snapshot of {@code x}. */
    protected static float[] denoise(Denoiser model, float[] x, long[] shape, double sigma) {
        Tensor out = model.denoise(new Tensor(shape, x.clone()), sigma);
        if (out.data().length != x.length) {
            throw new IllegalStateException("denoiser returned " + Arrays.toString(out.shape()) + " for a latent of " + Arrays.toString(shape));
        }
        return out.data();
    }

    /** k-diffusion {@code get_ancestral_step}: {@code {sigma_down, sigma_up}}. */
    static double[] ancestralStep(double sigmaFrom, double sigmaTo, double eta) {
        if (eta == 0) return new double[] {sigmaTo, 0};
        double up = Math.min(sigmaTo, eta * Math.sqrt(sigmaTo * sigmaTo * (sigmaFrom * sigmaFrom - sigmaTo * sigmaTo) / (sigmaFrom * sigmaFrom)));
        double down = Math.sqrt(sigmaTo * sigmaTo - up * up);
        return new double[] {down, up};
    }

    /** {@code x += (x - den) / sigma * dt} in float32 (A1111's {@code to_d} then an Euler update). */
    static void eulerUpdate(float[] x, float[] den, double sigma, double dt) {
        float s = (float) sigma, h = (float) dt;
        for (int k = 0; k < x.length; k++) x[k] = x[k] + (x[k] - den[k]) / s * h;
    }

    /** {@code x += noise * scale}. */
    static void addNoise(float[] x, Tensor noise, double scale) {
        float[] n = noise.data();
        if (n.length != x.length) throw new IllegalStateException("noise has " + n.length + " values, the latent " + x.length);
        float f = (float) scale;
        for (int k = 0; k < x.length; k++) x[k] = x[k] + n[k] * f;
    }

    /** {@code x = a * x + b * den}. */
    static void linear(float[] x, double a, float[] den, double b) {
        float fa = (float) a, fb = (float) b;
        for (int k = 0; k < x.length; k++) x[k] = fa * x[k] + fb * den[k];
    }

    static void checkSigmas(double[] sigmas) {
        if (sigmas == null || sigmas.length < 2) {
            throw new IllegalArgumentException("a sampler needs at least 2 sigmas (1 step), got "
                    + (sigmas == null ? "none" : String.valueOf(sigmas.length)));
        }
        for (double s : sigmas) {
            if (!(s >= 0) || Double.isInfinite(s)) throw new IllegalArgumentException("sigmas must be finite and non-negative: " + Arrays.toString(sigmas));
        }
    }
}

package dev.easel.sampling;

import dev.easel.onnx.Tensor;

/**
 * A1111's own DDIM ({@code sd_samplers_timesteps_impl.ddim}), not k-diffusion's or diffusers': timesteps
 * {@code 1, 1 + 1000//steps, ...}, {@code alphas_prev[0] = ac[0]} (not 1), guidance on eps, and
 * {@code len(timesteps) - 1} model calls ending at noise level {@code ac[timesteps[0]]}.
 */
public final class DdimSampler {
    /** A1111 hard-codes the 1000-step training range in {@code get_timesteps}. */
    static final int TRAIN_TIMESTEPS = 1000;

    private DdimSampler() { }

    /**
     * {@code clip(arange(0, 1000, 1000 // steps) + 1, 0, 999)}: {@code ceil(1000 / (1000 // steps))}
     * entries, which can be {@code steps + 1} (steps = 30 gives 31).
     */
    public static int[] timesteps(int steps) {
        if (steps < 1 || steps > TRAIN_TIMESTEPS) {
            throw new IllegalArgumentException("DDIM needs 1 to " + TRAIN_TIMESTEPS + " steps, got " + steps);
        }
        int stride = TRAIN_TIMESTEPS / steps;
        int n = (TRAIN_TIMESTEPS + stride - 1) / stride;
        int[] t = new int[n];
        for (int i = 0; i < n; i++) t[i] = Math.min(Math.max(i * stride + 1, 0), TRAIN_TIMESTEPS - 1);
        return t;
    }

    /**
     * Runs DDIM over {@code timesteps} (ascending, as {@link #timesteps} gives them) from the last entry
     * down; {@code len - 1} model calls. With {@code eta_ddim > 0} each step adds noise from the context.
     */
    public static SamplingResult sample(EpsDenoiser model, Tensor x, int[] timesteps, NoiseSchedule schedule, SamplingContext ctx) {
        int n = timesteps.length;
        long[] shape = x.shape().clone();
        float[] data = x.data().clone();
        Tensor current = new Tensor(shape, data);
        int total = Math.max(n - 1, 0);
        double eta = ctx.etaDdim();
        Tensor lastPredX0 = null;
        for (int i = 0; i < total; i++) {
            if (ctx.isCancelled()) return new SamplingResult(current, lastPredX0, i, total, true);
            int index = n - 1 - i;
            double aT = schedule.alphaCumprod(timesteps[index]);
            double aPrev = schedule.alphaCumprod(timesteps[index - 1]);
            double sigmaT = eta * Math.sqrt((1 - aPrev) / (1 - aT) * (1 - aT / aPrev));
            Tensor eps = model.eps(new Tensor(shape, data.clone()), timesteps[index]);
            float[] predX0 = predictX0(data, eps.data(), aT);
            // A1111 draws randn_like every step; with eta 0 it is multiplied by 0 and nothing reads the generators later.
            Tensor noise = sigmaT != 0 ? ctx.noiseSampler().noise(0, 0) : null;
            update(data, predX0, eps.data(), aPrev, sigmaT, noise);
            lastPredX0 = new Tensor(shape, predX0);
            StepHook hook = ctx.hook();
            if (hook != null) {
                Tensor hooked = hook.afterStep(i, current);
                if (hooked.data() != data) System.arraycopy(hooked.data(), 0, data, 0, data.length);
            }
            ctx.listener().onStep(i, total, current, lastPredX0);
        }
        return new SamplingResult(current, lastPredX0, total, total, false);
    }

    /** {@code pred_x0 = (x - sqrt(1 - a_t) eps) / sqrt(a_t)} in float32. */
    public static float[] predictX0(float[] x, float[] eps, double aT) {
        float a = (float) aT;
        float sqrtOneMinus = (float) Math.sqrt(1f - a);
        float sqrtA = (float) Math.sqrt(a);
        float[] out = new float[x.length];
        for (int k = 0; k < x.length; k++) out[k] = (x[k] - sqrtOneMinus * eps[k]) / sqrtA;
        return out;
    }

    /** {@code x = sqrt(a_prev) pred_x0 + sqrt(1 - a_prev - sigma_t^2) eps + sigma_t noise}, in place. */
    public static void update(float[] x, float[] predX0, float[] eps, double aPrev, double sigmaT, Tensor noise) {
        float ap = (float) aPrev, st = (float) sigmaT;
        float sqrtAp = (float) Math.sqrt(ap);
        float dir = (float) Math.sqrt(1f - ap - st * st);
        float[] nz = noise == null ? null : noise.data();
        for (int k = 0; k < x.length; k++) {
            float v = sqrtAp * predX0[k] + dir * eps[k];
            x[k] = nz == null ? v : v + st * nz[k];
        }
    }

    /**
     * A1111 img2img start for DDIM: {@code sqrt(ac[ts[t_enc]]) x0 + sqrt(1 - ac[ts[t_enc]]) noise}; the run
     * then uses {@code timesteps[:t_enc]} (quirk: noised at {@code ts[t_enc]}, denoised from one below).
     */
    public static Tensor img2imgStart(Tensor initLatent, Tensor noise, int[] timesteps, int tEnc, NoiseSchedule schedule) {
        float a = (float) schedule.alphaCumprod(timesteps[tEnc]);
        float sa = (float) Math.sqrt(a), s1 = (float) Math.sqrt(1f - a);
        float[] x = initLatent.data(), nz = noise.data();
        float[] out = new float[x.length];
        for (int k = 0; k < x.length; k++) out[k] = x[k] * sa + nz[k] * s1;
        return new Tensor(initLatent.shape().clone(), out);
    }
}

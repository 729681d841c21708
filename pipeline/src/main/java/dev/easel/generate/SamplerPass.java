package dev.easel.generate;

import dev.easel.model.DiffusionModel;
import dev.easel.noise.ImageRng;
import dev.easel.noise.NoiseSource;
import dev.easel.onnx.Tensor;
import dev.easel.sampling.CfgDenoiser;
import dev.easel.sampling.Conditioning;
import dev.easel.sampling.DdimSampler;
import dev.easel.sampling.NoiseSchedule;
import dev.easel.sampling.SamplerChoice;
import dev.easel.sampling.SamplingContext;
import dev.easel.sampling.SamplingResult;

import java.util.concurrent.CancellationException;

/**
 * One denoising pass over one batch: start latent from noise (txt2img) or from a noised init latent
 * (img2img), the sampler's steps with CFG, the inpainting blend, progress with previews, and
 * interrupt or skip. On interrupt or skip the pass ends after the current step and returns the last
 * x0 prediction, as A1111 returns its {@code last_latent}.
 */
final class SamplerPass {

    /**
     * What one pass needs.
     *
     * @param initLatent        scaled init latent {@code [b, 4, h, w]}, or null for txt2img
     * @param nmask             latent mask {@code [1, 1, h, w]}, 1 = repaint, or null (no inpainting blend)
     * @param imageConditioning 9-channel models' extra channels {@code [b, 5, h, w]}, or null
     * @param noiseMultiplier   img2img's {@code initial_noise_multiplier}
     */
    record Spec(SamplerChoice choice, StepPlan plan, Conditioning conditioning, double cfgScale, Tensor initLatent,
                Tensor nmask, Tensor imageConditioning, double noiseMultiplier, double eta, double sNoise,
                double sChurn, double sTmin, double sTmax, NoiseSource source, long[] seeds) { }

    /** The pass's latent and how it ended. */
    record Outcome(Tensor latent, int stepsDone, boolean interrupted, boolean skipped) { }

    private SamplerPass() { }

    static Outcome run(DiffusionModel model, NoiseSchedule schedule, Spec spec, ImageRng rng, Control control,
                       ProgressTracker tracker, int previewEvery) {
        StepPlan plan = spec.plan();
        Tensor noise = rng.next();
        Tensor x = start(spec, plan, schedule, noise);
        CfgDenoiser denoiser = new CfgDenoiser(model::unet, schedule, spec.conditioning(), spec.cfgScale());
        if (spec.imageConditioning() != null) denoiser.imageConditioning(spec.imageConditioning());
        if (spec.nmask() != null) denoiser.latentMask(spec.initLatent(), spec.nmask());

        Tensor[] last = {null};
        int[] done = {0};
        boolean[] skipped = {false};
        int h = (int) x.dim(2);
        int w = (int) x.dim(3);
        SamplingContext ctx = new SamplingContext()
                .noise(rng)
                .eta(spec.eta()).etaDdim(spec.eta())
                .sNoise(spec.sNoise())
                .churn(spec.sChurn(), spec.sTmin(), spec.sTmax())
                .cancelWhen(() -> {
                    if (control.isInterrupted()) return true;
                    if (control.takeSkip()) skipped[0] = true;
                    return skipped[0];
                })
                .listener((i, n, lat, den) -> {
                    last[0] = den;
                    done[0] = i + 1;
                    boolean preview = previewEvery > 0 && (i + 1) % previewEvery == 0;
                    tracker.step(preview ? LatentPreview.of(den.data(), 0, h, w) : null);
                });
        if (spec.choice().sampler().brownian()) ctx.brownianSeeds(spec.seeds(), spec.source());

        SamplingResult result = null;
        boolean aborted = false;
        try {
            result = plan.sigmas() != null
                    ? spec.choice().sampler().create().sample(denoiser, x, plan.sigmas(), ctx)
                    : DdimSampler.sample(denoiser, x, plan.timesteps(), schedule, ctx);
        } catch (CancellationException e) {
            aborted = true; // a model call was aborted by Control.interrupt(): keep the last finished step
            model.clearInterrupt();
        }
        boolean interrupted = aborted || (result != null && result.interrupted() && control.isInterrupted());
        boolean wasSkipped = !interrupted && skipped[0];
        tracker.dropFromTotal(plan.total() - done[0]);
        Tensor latent;
        if (result != null && !result.interrupted()) {
            latent = result.latent();
        } else {
            latent = last[0] != null ? last[0] : (result != null ? result.latent() : x);
        }
        if (spec.nmask() != null) latent = blend(latent, spec.initLatent(), spec.nmask());
        return new Outcome(latent, done[0], interrupted, wasSkipped);
    }

    private static Tensor start(Spec spec, StepPlan plan, NoiseSchedule schedule, Tensor noise) {
        float[] n = noise.data();
        if (spec.initLatent() == null) {
            float s = plan.sigmas() != null ? (float) plan.sigmas()[0] : 1f; // DDIM starts from unit noise
            float[] x = new float[n.length];
            for (int k = 0; k < n.length; k++) x[k] = n[k] * s;
            return new Tensor(noise.shape().clone(), x);
        }
        float mult = (float) spec.noiseMultiplier();
        float[] init = spec.initLatent().data();
        float[] x = new float[n.length];
        if (plan.sigmas() != null) {
            float s = (float) plan.sigmas()[0];
            for (int k = 0; k < n.length; k++) x[k] = init[k] + n[k] * mult * s;
        } else {
            float a = (float) schedule.alphaCumprod(plan.startT());
            float sa = (float) Math.sqrt(a), s1 = (float) Math.sqrt(1f - a);
            for (int k = 0; k < n.length; k++) x[k] = init[k] * sa + n[k] * mult * s1;
        }
        return new Tensor(noise.shape().clone(), x);
    }

    /** {@code samples * nmask + init * (1 - nmask)}, nmask broadcast over batch and channels. */
    static Tensor blend(Tensor samples, Tensor init, Tensor nmask) {
        float[] s = samples.data();
        float[] i = init.data();
        float[] m = nmask.data();
        int plane = m.length;
        float[] out = new float[s.length];
        for (int k = 0; k < s.length; k++) {
            float mk = m[k % plane];
            out[k] = s[k] * mk + i[k] * (1f - mk);
        }
        return new Tensor(samples.shape().clone(), out);
    }
}

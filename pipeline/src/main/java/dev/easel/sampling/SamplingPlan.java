package dev.easel.sampling;

import dev.easel.onnx.Tensor;

import java.util.Arrays;

/**
 * What one A1111 sampling pass will do, worked out before it starts: the sigma list (or DDIM's
 * timesteps) for the chosen sampler and schedule, the number of steps that run, the start latent from
 * the noise, and the run itself. txt2img starts from {@code noise * sigmas[0]}; img2img runs the last
 * {@code int(min(strength, 0.999) * steps) + 1} steps from {@code init + noise * sigma_sched[0]}.
 */
public final class SamplingPlan {
    private final SamplerChoice choice;
    private final NoiseSchedule schedule;
    private final double[] sigmas;
    private final int[] timesteps;
    private final int ddimEncodeIndex;

    private SamplingPlan(SamplerChoice choice, NoiseSchedule schedule, double[] sigmas, int[] timesteps, int ddimEncodeIndex) {
        this.choice = choice;
        this.schedule = schedule;
        this.sigmas = sigmas;
        this.timesteps = timesteps;
        this.ddimEncodeIndex = ddimEncodeIndex;
    }

    /** A txt2img pass of {@code steps} steps. */
    public static SamplingPlan txt2img(SamplerChoice choice, int steps, NoiseSchedule schedule, ScheduleOptions options) {
        if (choice.sampler().timesteps()) return new SamplingPlan(choice, schedule, null, DdimSampler.timesteps(steps), -1);
        return new SamplingPlan(choice, schedule, sigmas(choice, steps, schedule, options), null, -1);
    }

    /** An img2img pass: {@code steps} as requested, {@code strength} = denoising strength in [0, 1]. */
    public static SamplingPlan img2img(SamplerChoice choice, int steps, double strength, NoiseSchedule schedule, ScheduleOptions options) {
        if (!(strength >= 0 && strength <= 1)) throw new IllegalArgumentException("denoising strength must be in [0, 1], got " + strength);
        int tEnc = Sigmas.img2imgEncodeSteps(steps, strength);
        if (choice.sampler().timesteps()) {
            int[] all = DdimSampler.timesteps(steps);
            return new SamplingPlan(choice, schedule, null, Arrays.copyOf(all, tEnc), all[tEnc]);
        }
        double[] full = sigmas(choice, steps, schedule, options);
        int start = Math.max(0, Math.min(steps - tEnc - 1, full.length - 2));
        return new SamplingPlan(choice, schedule, Sigmas.from(full, start), null, -1);
    }

    /** {@code KDiffusionSampler.get_sigmas}: the schedule for {@code steps} (one more, then discarded, where flagged). */
    static double[] sigmas(SamplerChoice choice, int steps, NoiseSchedule schedule, ScheduleOptions options) {
        boolean discard = choice.sampler().discardPenultimate();
        double[] s = choice.effectiveSchedule().sigmas(discard ? steps + 1 : steps, schedule, options);
        return discard ? Sigmas.discardPenultimate(s) : s;
    }

    public SamplerChoice choice() { return choice; }

    /** The sigma list the k-diffusion sampler walks, or null for DDIM. */
    public double[] sigmas() { return sigmas == null ? null : sigmas.clone(); }

    /** DDIM's timesteps (ascending), or null for k-diffusion samplers. */
    public int[] timesteps() { return timesteps == null ? null : timesteps.clone(); }

    /** Sampler steps that will run (progress total; second-order samplers make up to 2 model calls each). */
    public int steps() {
        return sigmas != null ? sigmas.length - 1 : Math.max(timesteps.length - 1, 0);
    }

    /**
     * The latent the sampler starts from: txt2img {@code noise * sigmas[0]} (DDIM: the noise itself);
     * img2img {@code init + noise * sigmas[0]} (DDIM: {@code sqrt(ac) init + sqrt(1 - ac) noise} at
     * {@code timesteps[t_enc]}).
     *
     * @param initLatent the encoded init image for img2img, or null for txt2img
     */
    public Tensor startLatent(Tensor noise, Tensor initLatent) {
        float[] n = noise.data();
        if (timesteps != null) {
            if (initLatent == null) return new Tensor(noise.shape().clone(), n.clone());
            int[] withEncode = Arrays.copyOf(timesteps, timesteps.length + 1);
            withEncode[timesteps.length] = ddimEncodeIndex;
            return DdimSampler.img2imgStart(initLatent, noise, withEncode, timesteps.length, schedule);
        }
        float s0 = (float) sigmas[0];
        float[] out = new float[n.length];
        if (initLatent == null) {
            for (int k = 0; k < n.length; k++) out[k] = n[k] * s0;
        } else {
            float[] x = initLatent.data();
            if (x.length != n.length) throw new IllegalArgumentException("init latent " + initLatent + " and noise " + noise + " differ in size");
            for (int k = 0; k < n.length; k++) out[k] = x[k] + n[k] * s0;
        }
        return new Tensor(noise.shape().clone(), out);
    }

    /** Runs the pass from {@code start} with the given denoiser (usually a {@link CfgDenoiser}). */
    public <D extends Denoiser & EpsDenoiser> SamplingResult run(D model, Tensor start, SamplingContext ctx) {
        if (timesteps != null) return DdimSampler.sample(model, start, timesteps, schedule, ctx);
        return choice.sampler().create().sample(model, start, sigmas, ctx);
    }
}

package dev.easel.generate;

import dev.easel.sampling.DdimSampler;
import dev.easel.sampling.NoiseSchedule;
import dev.easel.sampling.SamplerChoice;
import dev.easel.sampling.ScheduleOptions;
import dev.easel.sampling.Sigmas;

import java.util.Arrays;

/**
 * The noise levels one sampling pass walks: sigmas for k-diffusion samplers, timesteps for A1111's
 * DDIM. {@code total} is the number of denoiser steps the pass makes (what progress counts).
 *
 * @param sigmas    k-diffusion sigma list (null for DDIM)
 * @param timesteps DDIM timesteps the run uses (null for k-diffusion)
 * @param startT    DDIM img2img: the timestep the init latent is noised to; -1 otherwise
 * @param steps     the step count the schedule was computed for (prompt schedules span it)
 */
record StepPlan(double[] sigmas, int[] timesteps, int startT, int steps) {

    int total() {
        return sigmas != null ? sigmas.length - 1 : Math.max(timesteps.length - 1, 0);
    }

    /** txt2img: every step from the top of the schedule. */
    static StepPlan full(SamplerChoice c, NoiseSchedule schedule, int steps) {
        if (c.sampler().timesteps()) return new StepPlan(null, DdimSampler.timesteps(steps), -1, steps);
        return new StepPlan(sigmas(c, schedule, steps), null, -1, steps);
    }

    /**
     * img2img ({@code setup_img2img_steps}): by default {@code int(min(strength, 0.999) * steps) + 1}
     * steps of the full schedule's tail. With {@code fixSteps} (the hires pass, which passes its steps
     * explicitly) the schedule is computed for {@code int(steps / strength)} and exactly {@code steps} run.
     */
    static StepPlan partial(SamplerChoice c, NoiseSchedule schedule, int requested, double strength, boolean fixSteps) {
        double s = Math.min(strength, 0.999);
        int steps;
        int tEnc;
        if (fixSteps) {
            steps = strength > 0 ? (int) (requested / s) : 0;
            tEnc = requested - 1;
        } else {
            steps = requested;
            tEnc = (int) (s * steps);
        }
        steps = Math.max(steps, 1);
        if (c.sampler().timesteps()) {
            int[] all = DdimSampler.timesteps(steps);
            int t = Math.min(tEnc, all.length - 1);
            return new StepPlan(null, Arrays.copyOf(all, t), all[t], steps);
        }
        double[] all = sigmas(c, schedule, steps);
        int from = Math.max(0, steps - tEnc - 1);
        return new StepPlan(Arrays.copyOfRange(all, from, all.length), null, -1, steps);
    }

    /** {@code get_sigmas}: the effective schedule, with one extra step dropped again for DPM2 and friends. */
    static double[] sigmas(SamplerChoice c, NoiseSchedule schedule, int steps) {
        boolean discard = c.sampler().discardPenultimate();
        double[] s = c.effectiveSchedule().sigmas(discard ? steps + 1 : steps, schedule, ScheduleOptions.DEFAULT);
        return discard ? Sigmas.discardPenultimate(s) : s;
    }
}

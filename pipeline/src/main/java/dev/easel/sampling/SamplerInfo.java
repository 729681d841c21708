package dev.easel.sampling;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One of A1111's samplers: its name, aliases and options as {@code /sdapi/v1/samplers} lists them, and
 * how it runs.
 *
 * @param name               A1111's name ("DPM++ 2M")
 * @param aliases            A1111's aliases ("k_dpmpp_2m")
 * @param defaultSchedule    what "Automatic" means for it: a schedule type, or {@link ScheduleType#UNIFORM}
 *                           where A1111 uses the model's own {@code get_sigmas}
 * @param secondOrder        two model calls per step (prompt schedules use {@code steps * 2})
 * @param discardPenultimate compute one sigma more and drop the penultimate (DPM2, DPM2 a, DPM++ 3M SDE)
 * @param usesEnsd           the sampler draws noise, so ENSD changes its images (infotext writes ENSD)
 * @param brownian           noise from per-seed Brownian trees instead of the image generators
 * @param timesteps          a timestep sampler (A1111's DDIM), not a k-diffusion one
 */
public record SamplerInfo(String name, List<String> aliases, ScheduleType defaultSchedule, boolean secondOrder,
                          boolean discardPenultimate, boolean usesEnsd, boolean brownian, boolean timesteps,
                          Supplier<KSampler> factory) {

    /** A fresh k-diffusion sampler (samplers keep per-run state).
     *
     * @throws UnsupportedOperationException for DDIM, which runs through {@link DdimSampler}
     */
    public KSampler create() {
        if (factory == null) throw new UnsupportedOperationException(name + " is a timestep sampler: run it with DdimSampler");
        return factory.get();
    }

    /** The schedule a request's type means for this sampler ("Automatic" becomes the sampler's default). */
    public ScheduleType resolve(ScheduleType requested) {
        return requested == null || requested == ScheduleType.AUTOMATIC ? defaultSchedule : requested;
    }

    /** A1111's {@code step_multiplier}: prompt-editing schedules count {@code steps * this} denoiser calls. */
    public int stepMultiplier() { return secondOrder ? 2 : 1; }

    /** A1111's {@code options} dict as {@code /sdapi/v1/samplers} shows it. */
    public Map<String, Object> options() {
        Map<String, Object> o = new LinkedHashMap<>();
        if (defaultSchedule != ScheduleType.UNIFORM && !timesteps) o.put("scheduler", defaultSchedule.id());
        if (discardPenultimate) o.put("discard_next_to_last_sigma", true);
        if (usesEnsd) o.put("uses_ensd", true);
        if (secondOrder) o.put("second_order", true);
        if (brownian) o.put("brownian_noise", true);
        if (name.endsWith(" Heun") && brownian) o.put("solver_type", "heun");
        return o;
    }
}

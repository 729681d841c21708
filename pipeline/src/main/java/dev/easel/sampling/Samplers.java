package dev.easel.sampling;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The samplers Easel offers, under A1111's names and in A1111's order ({@code sd_samplers_kdiffusion}
 * then {@code sd_samplers_timesteps}). Lookups are case-insensitive over names and aliases.
 */
public final class Samplers {
    private static final List<SamplerInfo> ALL = List.of(
            k("DPM++ 2M", List.of("k_dpmpp_2m"), ScheduleType.KARRAS, false, false, false, false, DpmPp2mSampler::new),
            k("DPM++ SDE", List.of("k_dpmpp_sde"), ScheduleType.KARRAS, true, false, false, true, DpmPpSdeSampler::new),
            k("DPM++ 2M SDE", List.of("k_dpmpp_2m_sde"), ScheduleType.EXPONENTIAL, false, false, false, true,
                    () -> new DpmPp2mSdeSampler(false)),
            k("DPM++ 2M SDE Heun", List.of("k_dpmpp_2m_sde_heun"), ScheduleType.EXPONENTIAL, false, false, false, true,
                    () -> new DpmPp2mSdeSampler(true)),
            k("DPM++ 2S a", List.of("k_dpmpp_2s_a"), ScheduleType.KARRAS, true, false, true, false, DpmPp2sAncestralSampler::new),
            k("DPM++ 3M SDE", List.of("k_dpmpp_3m_sde"), ScheduleType.EXPONENTIAL, false, true, false, true, DpmPp3mSdeSampler::new),
            k("Euler a", List.of("k_euler_a", "k_euler_ancestral"), ScheduleType.UNIFORM, false, false, true, false,
                    EulerAncestralSampler::new),
            k("Euler", List.of("k_euler"), ScheduleType.UNIFORM, false, false, false, false, EulerSampler::new),
            k("LMS", List.of("k_lms"), ScheduleType.UNIFORM, false, false, false, false, LmsSampler::new),
            k("Heun", List.of("k_heun"), ScheduleType.UNIFORM, true, false, false, false, HeunSampler::new),
            k("DPM2", List.of("k_dpm_2"), ScheduleType.KARRAS, true, true, false, false, () -> new Dpm2Sampler(false)),
            k("DPM2 a", List.of("k_dpm_2_a"), ScheduleType.KARRAS, true, true, true, false, () -> new Dpm2Sampler(true)),
            new SamplerInfo("DDIM", List.of("ddim"), ScheduleType.UNIFORM, false, false, false, false, true, null));

    /** A1111's default sampler ({@code samplers[0]}). */
    public static final String DEFAULT = "DPM++ 2M";

    private Samplers() { }

    private static SamplerInfo k(String name, List<String> aliases, ScheduleType schedule, boolean secondOrder,
                                 boolean discard, boolean ensd, boolean brownian, Supplier<KSampler> factory) {
        return new SamplerInfo(name, aliases, schedule, secondOrder, discard, ensd, brownian, false, factory);
    }

    /** Every sampler, in A1111's order. */
    public static List<SamplerInfo> all() { return ALL; }

    /** Every name, in order. */
    public static List<String> names() {
        List<String> out = new ArrayList<>();
        for (SamplerInfo s : ALL) out.add(s.name());
        return out;
    }

    /**
     * The sampler with this name or alias (case-insensitive, surrounding spaces ignored).
     *
     * @throws IllegalArgumentException naming the valid samplers
     */
    public static SamplerInfo byName(String name) {
        SamplerInfo s = find(name);
        if (s == null) throw new IllegalArgumentException("unknown sampler '" + name + "', expected one of " + names());
        return s;
    }

    /** As {@link #byName} but null when unknown. */
    public static SamplerInfo find(String name) {
        if (name == null) return null;
        String key = name.trim().toLowerCase(Locale.ROOT);
        for (SamplerInfo s : ALL) {
            if (s.name().toLowerCase(Locale.ROOT).equals(key)) return s;
            for (String a : s.aliases()) if (a.toLowerCase(Locale.ROOT).equals(key)) return s;
        }
        return null;
    }

    /**
     * A1111's {@code get_sampler_and_scheduler}: a trailing schedule label or alias is split off the
     * sampler name ("DPM++ 2M Karras" is DPM++ 2M with Karras), otherwise {@code scheduleName} applies.
     * A null or empty sampler name means {@link #DEFAULT}.
     *
     * @throws IllegalArgumentException for an unknown sampler or schedule, naming the valid ones
     */
    public static SamplerChoice resolve(String samplerName, String scheduleName) {
        String name = samplerName == null || samplerName.isBlank() ? DEFAULT : samplerName.trim();
        ScheduleType schedule = ScheduleType.byName(scheduleName);
        if (find(name) == null) {
            String lower = name.toLowerCase(Locale.ROOT);
            for (ScheduleType t : ScheduleType.values()) {
                List<String> labels = new ArrayList<>(t.aliases());
                labels.add(0, t.label());
                for (String label : labels) {
                    String suffix = " " + label.toLowerCase(Locale.ROOT);
                    if (lower.endsWith(suffix)) {
                        SamplerInfo s = find(name.substring(0, name.length() - suffix.length()));
                        if (s != null) return new SamplerChoice(s, t);
                    }
                }
            }
        }
        return new SamplerChoice(byName(name), schedule);
    }

    /** A1111's choices for {@code /sdapi/v1/schedulers}, in order. */
    public static List<ScheduleType> scheduleTypes() {
        return List.of(ScheduleType.values());
    }
}

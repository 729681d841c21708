package dev.easel.infotext;

import java.util.List;
import java.util.Map;

/**
 * What infotexts need to know about A1111's samplers and schedulers: each sampler's default
 * scheduler (what "Automatic" resolves to), which samplers use ENSD, and the scheduler labels that
 * legacy sampler names carry as a suffix ({@code "DPM++ 2M Karras"}). Values from A1111's
 * {@code sd_samplers_kdiffusion.py}, {@code sd_samplers_timesteps.py} and {@code sd_schedulers.py}.
 */
public final class SamplerNames {

    /** A1111's default sampler, {@code samplers[0]}. */
    public static final String DEFAULT_SAMPLER = "DPM++ 2M";
    public static final String AUTOMATIC = "Automatic";

    /** Scheduler (internal name, UI label, aliases). */
    record Scheduler(String name, String label, List<String> aliases) { }

    static final List<Scheduler> SCHEDULERS = List.of(
            new Scheduler("automatic", "Automatic", List.of()),
            new Scheduler("uniform", "Uniform", List.of()),
            new Scheduler("karras", "Karras", List.of()),
            new Scheduler("exponential", "Exponential", List.of()),
            new Scheduler("polyexponential", "Polyexponential", List.of()),
            new Scheduler("sgm_uniform", "SGM Uniform", List.of("SGMUniform")),
            new Scheduler("kl_optimal", "KL Optimal", List.of()),
            new Scheduler("align_your_steps", "Align Your Steps", List.of()),
            new Scheduler("simple", "Simple", List.of()),
            new Scheduler("normal", "Normal", List.of()),
            new Scheduler("ddim", "DDIM", List.of()),
            new Scheduler("beta", "Beta", List.of()));

    /** Sampler name to its {@code options['scheduler']} (absent: none, the uniform {@code get_sigmas} path). */
    private static final Map<String, String> DEFAULT_SCHEDULER = Map.ofEntries(
            Map.entry("DPM++ 2M", "karras"),
            Map.entry("DPM++ SDE", "karras"),
            Map.entry("DPM++ 2M SDE", "exponential"),
            Map.entry("DPM++ 2M SDE Heun", "exponential"),
            Map.entry("DPM++ 2S a", "karras"),
            Map.entry("DPM++ 3M SDE", "exponential"),
            Map.entry("DPM2", "karras"),
            Map.entry("DPM2 a", "karras"),
            Map.entry("Restart", "karras"));

    /** Samplers whose options carry {@code uses_ensd}. */
    private static final List<String> USES_ENSD = List.of(
            "Euler a", "DPM++ 2S a", "DPM2 a", "DPM fast", "DPM adaptive", "DDIM");

    /** Samplers built on A1111's timestep path: their eta option is {@code eta_ddim} (default 0). */
    private static final List<String> ETA_DEFAULT_ZERO = List.of("DDIM", "DDIM CFG++", "PLMS", "UniPC", "LCM");

    private SamplerNames() { }

    /** The label "Automatic" resolves to for {@code sampler}, or "Automatic" when the sampler has no default. */
    public static String scheduleLabel(String sampler, String scheduler) {
        String s = scheduler == null || scheduler.isEmpty() ? AUTOMATIC : scheduler;
        Scheduler found = find(s);
        if (found == null) return s;
        if (!found.name().equals("automatic")) return found.label();
        String def = DEFAULT_SCHEDULER.get(sampler);
        Scheduler d = def == null ? null : find(def);
        return d == null ? AUTOMATIC : d.label();
    }

    /** Whether {@code sampler} with effective eta uses {@code eta_noise_seed_delta} (A1111 {@code is_sampler_using_eta_noise_seed_delta}). */
    public static boolean usesEnsd(String sampler, Double eta, double etaAncestral, double etaDdim) {
        double e = eta != null ? eta : (ETA_DEFAULT_ZERO.contains(sampler) ? etaDdim : etaAncestral);
        return e != 0 && USES_ENSD.contains(sampler);
    }

    /** The infotext key and default of {@code sampler}'s eta ("Eta" / 1.0 for k-diffusion, "Eta DDIM" / 0.0 for DDIM). */
    public static boolean etaIsDdim(String sampler) {
        return ETA_DEFAULT_ZERO.contains(sampler);
    }

    /** Finds a scheduler by label, internal name or alias. */
    static Scheduler find(String s) {
        for (Scheduler sc : SCHEDULERS) {
            if (sc.label().equals(s) || sc.name().equals(s) || sc.aliases().contains(s)) return sc;
        }
        return null;
    }

    /**
     * A1111's {@code get_sampler_and_scheduler(sampler, scheduler)}: splits a trailing scheduler label off a
     * legacy name, and turns the scheduler back into "Automatic" when it is the sampler's own default.
     *
     * @return {sampler, schedule label}
     */
    public static String[] samplerAndScheduler(String samplerName, String schedulerName) {
        Scheduler found = schedulerName == null ? null : find(schedulerName);
        if (found == null) found = SCHEDULERS.get(0);
        String name = samplerName == null || samplerName.isEmpty() ? DEFAULT_SAMPLER : samplerName;
        for (Scheduler sc : SCHEDULERS) {
            List<String> options = new java.util.ArrayList<>(List.of(sc.label(), sc.name()));
            options.addAll(sc.aliases());
            for (String opt : options) {
                if (name.endsWith(" " + opt)) {
                    found = sc;
                    name = name.substring(0, name.length() - opt.length() - 1);
                    break; // A1111 breaks only the inner loop, so later schedulers may strip again
                }
            }
        }
        if (found.name().equals(DEFAULT_SCHEDULER.get(name))) found = SCHEDULERS.get(0);
        return new String[] {name, found.label()};
    }
}

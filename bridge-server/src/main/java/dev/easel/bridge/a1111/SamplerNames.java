package dev.easel.bridge.a1111;

import dev.easel.bridge.engine.SamplerEntry;
import dev.easel.bridge.engine.SchedulerEntry;
import dev.easel.bridge.http.ApiException;

import java.util.List;
import java.util.Locale;

/**
 * Resolves the sampler and schedule type a client asked for, as A1111's
 * {@code get_sampler_and_scheduler} does: names and aliases match case-insensitively, a trailing
 * schedule label is split off a combined name ("DPM++ 2M Karras"), and, in the lenient dialect, an
 * unknown sampler falls back to the first listed one and an unknown schedule type to Automatic.
 */
public final class SamplerNames {
    public static final String AUTOMATIC = "Automatic";

    /** The resolution and, when something was replaced, a warning for the info. */
    public record Resolved(String sampler, String scheduler, String warning) { }

    private final List<SamplerEntry> samplers;
    private final List<SchedulerEntry> schedulers;

    public SamplerNames(List<SamplerEntry> samplers, List<SchedulerEntry> schedulers) {
        this.samplers = samplers;
        this.schedulers = schedulers;
    }

    /**
     * @param samplerField the field the sampler came from, for errors
     * @param name         requested sampler (may be combined with a schedule label), null for {@code def}
     * @param scheduler    requested schedule type, null for Automatic
     */
    public Resolved resolve(String samplerField, String name, String def, String scheduler, boolean strict) {
        String warning = null;
        String sched = null;
        if (scheduler != null && !scheduler.isBlank()) {
            sched = schedulerLabel(scheduler);
            if (sched == null) {
                if (strict) {
                    throw ApiException.badField("scheduler", "unknown schedule type '" + scheduler + "'; GET /sdapi/v1/schedulers lists them");
                }
                warning = "Unknown schedule type '" + scheduler + "', used " + AUTOMATIC + " instead.";
            }
        }
        String wanted = name == null || name.isBlank() ? def : name.trim();
        String sampler = samplerName(wanted);
        if (sampler == null) {
            for (SchedulerEntry s : schedulers) {
                String suffix = " " + s.label().toLowerCase(Locale.ROOT);
                if (wanted.toLowerCase(Locale.ROOT).endsWith(suffix)) {
                    String base = samplerName(wanted.substring(0, wanted.length() - suffix.length()));
                    if (base != null) {
                        sampler = base;
                        if (sched == null || sched.equals(AUTOMATIC)) sched = s.label();
                        break;
                    }
                }
            }
        }
        if (sampler == null) {
            if (strict) {
                throw ApiException.badField(samplerField, "unknown sampler '" + wanted + "'; GET /sdapi/v1/samplers lists them");
            }
            sampler = samplers.isEmpty() ? def : samplers.get(0).name();
            String w = "Unknown sampler '" + wanted + "', used " + sampler + " instead.";
            warning = warning == null ? w : warning + " " + w;
        }
        return new Resolved(sampler, sched == null ? AUTOMATIC : sched, warning);
    }

    private String samplerName(String n) {
        for (SamplerEntry s : samplers) {
            if (s.name().equalsIgnoreCase(n)) return s.name();
            for (String a : s.aliases()) if (a.equalsIgnoreCase(n)) return s.name();
        }
        return null;
    }

    /** The label for a schedule type given by id, label or alias; null when unknown. */
    public String schedulerLabel(String n) {
        if (n.equalsIgnoreCase(AUTOMATIC)) return AUTOMATIC;
        for (SchedulerEntry s : schedulers) {
            if (s.name().equalsIgnoreCase(n) || s.label().equalsIgnoreCase(n)) return s.label();
            for (String a : s.aliases()) if (a.equalsIgnoreCase(n)) return s.label();
        }
        return null;
    }
}

package dev.easel.sampling;

/** A sampler with the schedule type the request asked for (possibly {@link ScheduleType#AUTOMATIC}). */
public record SamplerChoice(SamplerInfo sampler, ScheduleType schedule) {

    /** The schedule that actually runs ("Automatic" resolved against the sampler). */
    public ScheduleType effectiveSchedule() { return sampler.resolve(schedule); }

    /**
     * What A1111 writes as {@code Schedule type}: the label of the schedule that ran, or "Automatic" when
     * the model's own uniform sigmas ran by default (samplers without a default schedule).
     */
    public String infotextLabel() {
        if (schedule == ScheduleType.AUTOMATIC && sampler.defaultSchedule() == ScheduleType.UNIFORM) return ScheduleType.AUTOMATIC.label();
        return effectiveSchedule().label();
    }

    /** The request's schedule as A1111's API stores it: "Automatic" when it equals the sampler's default. */
    public ScheduleType requestSchedule() {
        return schedule == sampler.defaultSchedule() && schedule != ScheduleType.UNIFORM ? ScheduleType.AUTOMATIC : schedule;
    }
}

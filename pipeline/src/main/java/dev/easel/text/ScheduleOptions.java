package dev.easel.text;

/**
 * How {@code [from:to:when]} numbers become steps. {@code hiresSteps} non-null means the hires-fix
 * pass, where integers count from the end of the first pass and fractions span 1..2 (A1111's
 * {@code hires_steps}); {@code oldScheduling} is A1111's {@code use_old_scheduling} option.
 */
public record ScheduleOptions(Integer hiresSteps, boolean oldScheduling) {

    public static final ScheduleOptions DEFAULT = new ScheduleOptions(null, false);

    public static ScheduleOptions hires(int hiresSteps) { return new ScheduleOptions(hiresSteps, false); }
}

package dev.easel.sampling;

import java.util.List;

/**
 * A prompt-editing schedule of conditionings: entry {@code k} applies up to and including denoiser call
 * {@code endAtStep(k)}. A1111's {@code reconstruct_cond_batch} rule: the first entry with
 * {@code step <= end_at_step}; past the last end, the first entry (A1111 leaves the index at 0).
 */
public record CondSchedule<T>(List<Entry<T>> entries) {

    public record Entry<T>(int endAtStep, T value) { }

    public CondSchedule {
        if (entries.isEmpty()) throw new IllegalArgumentException("a conditioning schedule needs at least one entry");
        entries = List.copyOf(entries);
    }

    public static <T> CondSchedule<T> constant(T value) {
        return new CondSchedule<>(List.of(new Entry<>(Integer.MAX_VALUE, value)));
    }

    public T at(int step) {
        for (Entry<T> e : entries) if (step <= e.endAtStep()) return e.value();
        return entries.get(0).value();
    }
}

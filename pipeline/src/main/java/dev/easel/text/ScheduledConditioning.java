package dev.easel.text;

import dev.easel.onnx.Tensor;

import java.util.List;

/**
 * The encoded prompt over the steps: each entry's conditioning {@code [1, 77k, hidden]} is used
 * up to and including denoiser call {@code endAtStep} (0-based count of calls, A1111's
 * {@code CFGDenoiser.step}). Every entry of one schedule has the same length 77k.
 */
public record ScheduledConditioning(List<Entry> entries) {

    public record Entry(int endAtStep, String text, Tensor cond) {}

    public ScheduledConditioning {
        if (entries.isEmpty()) throw new IllegalArgumentException("a schedule needs at least one entry");
        entries = List.copyOf(entries);
    }

    /**
     * The conditioning for denoiser call {@code step}: the first entry with {@code step <= endAtStep}.
     * Past the last entry A1111 falls back to the first one (its search starts from index 0), and so do we.
     */
    public Tensor forStep(int step) {
        for (Entry e : entries) if (step <= e.endAtStep()) return e.cond();
        return entries.get(0).cond();
    }

    /** 77 times the number of chunks. */
    public int tokenLength() { return (int) entries.get(0).cond().dim(1); }

    public int hiddenSize() { return (int) entries.get(0).cond().dim(2); }
}

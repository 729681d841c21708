package dev.easel.sampling;

import dev.easel.onnx.Tensor;

/**
 * One AND part of a prompt at one step: its text-encoder output {@code [tokens, hidden]} (or
 * {@code [1, tokens, hidden]}) and its weight (1 unless written {@code AND text :w}).
 */
public record WeightedCond(Tensor cond, double weight) {
    public WeightedCond {
        int r = cond.rank();
        if (r != 2 && !(r == 3 && cond.dim(0) == 1)) {
            throw new IllegalArgumentException("conditioning must be [tokens, hidden] or [1, tokens, hidden], got " + cond);
        }
    }

    /** Rows (tokens) of the conditioning. */
    public int tokens() { return (int) cond.dim(cond.rank() - 2); }

    public int hidden() { return (int) cond.dim(cond.rank() - 1); }
}

package dev.easel.sampling;

import dev.easel.onnx.Tensor;

import java.util.List;

/**
 * The prompt and negative prompt conditioning a {@link CfgDenoiser} asks for at every model call. The
 * text side builds it from A1111's prompt schedules: {@code step} is the 0-based count of denoiser calls
 * in this run, and an entry applies while {@code step <= end_at_step} (see {@link CondSchedule}).
 */
public interface Conditioning {

    /** The AND parts of image {@code image}'s prompt at denoiser call {@code step} (at least one). */
    List<WeightedCond> cond(int image, int step);

    /** Image {@code image}'s negative-prompt conditioning {@code [tokens, hidden]} at call {@code step}. */
    Tensor uncond(int image, int step);

    /** The same prompt and negative prompt for every image and step (no editing, no AND). */
    static Conditioning fixed(Tensor cond, Tensor uncond) {
        List<WeightedCond> parts = List.of(new WeightedCond(cond, 1.0));
        return new Conditioning() {
            @Override
            public List<WeightedCond> cond(int image, int step) { return parts; }

            @Override
            public Tensor uncond(int image, int step) { return uncond; }
        };
    }
}

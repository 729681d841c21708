package dev.easel.text;

import dev.easel.onnx.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * A positive prompt's conditioning: one schedule per {@code AND} part, each with its CFG weight.
 * The sampler combines them as {@code uncond + sum(weight_j * cfg * (cond_j - uncond))}.
 */
public record PromptConditioning(List<Part> parts) {

    public record Part(String text, double weight, ScheduledConditioning schedule) {}

    public PromptConditioning {
        if (parts.isEmpty()) throw new IllegalArgumentException("a prompt has at least one part");
        parts = List.copyOf(parts);
    }

    /** Each part's conditioning for denoiser call {@code step}, lengths as they are. */
    public List<Tensor> forStep(int step) {
        List<Tensor> out = new ArrayList<>(parts.size());
        for (Part p : parts) out.add(p.schedule().forStep(step));
        return out;
    }

    public double[] weights() {
        double[] w = new double[parts.size()];
        for (int i = 0; i < w.length; i++) w[i] = parts.get(i).weight();
        return w;
    }

    /**
     * All parts for {@code step} in one batch {@code [parts, maxLen, hidden]}: shorter ones padded by
     * repeating their last row, as A1111's {@code reconstruct_multicond_batch} does.
     */
    public Tensor stackedForStep(int step) {
        List<Tensor> conds = forStep(step);
        int hidden = (int) conds.get(0).dim(2);
        int maxLen = 0;
        for (Tensor t : conds) maxLen = Math.max(maxLen, (int) t.dim(1));
        float[] data = new float[conds.size() * maxLen * hidden];
        for (int p = 0; p < conds.size(); p++) {
            float[] src = conds.get(p).data();
            int len = (int) conds.get(p).dim(1);
            int base = p * maxLen * hidden;
            System.arraycopy(src, 0, data, base, len * hidden);
            for (int r = len; r < maxLen; r++) System.arraycopy(src, (len - 1) * hidden, data, base + r * hidden, hidden);
        }
        return new Tensor(new long[] {conds.size(), maxLen, hidden}, data);
    }
}

package dev.easel.sampling;

import dev.easel.onnx.Tensor;

import java.util.List;

/** Small tensor operations the sampling code needs (broadcast blends, channel concat, cond stacking). */
public final class Latents {
    private Latents() { }

    /**
     * {@code x = x * nmask + init * (1 - nmask)} in place (A1111's latent mask blend). {@code init} and
     * {@code nmask} broadcast over batch (first dim 1) and, for the mask, channels (second dim 1).
     */
    public static void blendInPlace(Tensor x, Tensor init, Tensor nmask) {
        long[] s = x.shape();
        int b = (int) s[0], c = (int) s[1];
        int hw = x.batchStride() / c;
        float[] xd = x.data(), id = init.data(), md = nmask.data();
        boolean initBatch = init.dim(0) != 1 || b == 1;
        boolean maskBatch = nmask.dim(0) != 1 || b == 1;
        boolean maskChannels = nmask.dim(1) != 1 || c == 1;
        checkSize(init, initBatch ? b : 1, c, hw, "init latent");
        checkSize(nmask, maskBatch ? b : 1, maskChannels ? c : 1, hw, "latent mask");
        for (int i = 0; i < b; i++) {
            for (int ch = 0; ch < c; ch++) {
                int xo = (i * c + ch) * hw;
                int io = ((initBatch ? i : 0) * c + ch) * hw;
                int mo = ((maskBatch ? i : 0) * (maskChannels ? c : 1) + (maskChannels ? ch : 0)) * hw;
                for (int k = 0; k < hw; k++) {
                    float m = md[mo + k];
                    xd[xo + k] = xd[xo + k] * m + id[io + k] * (1f - m);
                }
            }
        }
    }

    private static void checkSize(Tensor t, int b, int c, int hw, String what) {
        if (t.data().length != (long) b * c * hw) {
            throw new IllegalArgumentException(what + " " + t + " does not match a latent batch of " + b + "x" + c + " planes of " + hw);
        }
    }

    /**
     * Stacks {@code [tokens, hidden]} conditionings into {@code [n, maxTokens, hidden]}, padding shorter
     * ones by repeating their last row (A1111's {@code stack_conds}).
     */
    static Tensor stackConds(List<Tensor> conds) {
        int tokens = 0, hidden = -1;
        for (Tensor t : conds) {
            tokens = Math.max(tokens, rows(t));
            int h = (int) t.dim(t.rank() - 1);
            if (hidden >= 0 && h != hidden) throw new IllegalArgumentException("conditionings differ in width: " + hidden + " and " + h);
            hidden = h;
        }
        float[] out = new float[conds.size() * tokens * hidden];
        for (int i = 0; i < conds.size(); i++) {
            Tensor t = conds.get(i);
            int n = rows(t);
            int base = i * tokens * hidden;
            System.arraycopy(t.data(), 0, out, base, n * hidden);
            for (int r = n; r < tokens; r++) System.arraycopy(t.data(), (n - 1) * hidden, out, base + r * hidden, hidden);
        }
        return new Tensor(new long[] {conds.size(), tokens, hidden}, out);
    }

    private static int rows(Tensor t) {
        if (t.rank() == 2) return (int) t.dim(0);
        if (t.rank() == 3 && t.dim(0) == 1) return (int) t.dim(1);
        throw new IllegalArgumentException("conditioning must be [tokens, hidden] or [1, tokens, hidden], got " + t);
    }

    /** Concatenates two {@code [n, tokens, hidden]} tensors of equal token length along the batch. */
    static Tensor concatRows(Tensor a, Tensor b) {
        float[] out = new float[a.data().length + b.data().length];
        System.arraycopy(a.data(), 0, out, 0, a.data().length);
        System.arraycopy(b.data(), 0, out, a.data().length, b.data().length);
        return new Tensor(new long[] {a.dim(0) + b.dim(0), a.dim(1), a.dim(2)}, out);
    }
}

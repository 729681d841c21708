package dev.easel.sampling;

import dev.easel.onnx.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * A1111's {@code CFGDenoiser} around the k-diffusion CompVis wrapper: for each call it lays out every
 * image once per AND part followed by the whole batch again for the negative prompt, runs the UNet (one
 * call when prompt and negative prompt have the same token length, one each otherwise), and combines
 * {@code uncond + sum_j (cond_j - uncond) * weight_j * cfg}. As a {@link Denoiser} it scales the input by
 * {@code c_in = 1/sqrt(sigma^2+1)}, feeds the timestep {@code sigma_to_t(sigma)} and returns x0; as an
 * {@link EpsDenoiser} (DDIM) it feeds the latent unscaled and combines the noise predictions.
 * Not thread-safe; one per run (it counts its calls to pick the prompt schedule entry).
 */
public final class CfgDenoiser implements Denoiser, EpsDenoiser {
    private final UnetFunction unet;
    private final NoiseSchedule schedule;
    private final Conditioning conditioning;
    private final double cfgScale;
    private Tensor imageConditioning;
    private Tensor initLatent;
    private Tensor nmask;
    private int calls;

    public CfgDenoiser(UnetFunction unet, NoiseSchedule schedule, Conditioning conditioning, double cfgScale) {
        this.unet = unet;
        this.schedule = schedule;
        this.conditioning = conditioning;
        this.cfgScale = cfgScale;
    }

    /**
     * Extra input channels appended to the (scaled) latent on every call: for 9-channel inpainting UNets
     * the mask and the masked image's latent, {@code [B, 5, h, w]} (or {@code [1, ...]} for all images).
     */
    public CfgDenoiser imageConditioning(Tensor channels) {
        this.imageConditioning = channels;
        return this;
    }

    /**
     * Inpainting with an ordinary model: blend {@code denoised * nmask + initLatent * (1 - nmask)} on
     * every call (k-diffusion: after CFG, on x0; DDIM: before the model, on the latent, A1111's
     * {@code mask_before_denoising}). {@code nmask} is 1 where the image is repainted; both tensors are
     * {@code [B or 1, C or 1, h, w]}.
     */
    public CfgDenoiser latentMask(Tensor initLatent, Tensor nmask) {
        this.initLatent = initLatent;
        this.nmask = nmask;
        return this;
    }

    /** Denoiser calls made so far (the prompt schedule's step counter). */
    public int calls() { return calls; }

    @Override
    public Tensor denoise(Tensor x, double sigma) {
        int step = calls++;
        float s = (float) sigma;
        float cIn = 1f / (float) Math.sqrt(s * s + 1f);
        float t = (float) schedule.sigmaToT(s);
        boolean v = schedule.prediction() == Prediction.V_PREDICTION;
        Tensor out = guided(x, step, cIn, t, (xin, raw) -> {
            float[] a = xin, o = raw;
            float[] x0 = new float[a.length];
            if (v) {
                // CompVisVDenoiser: c_skip = 1/(s^2+1), c_out = -s/sqrt(s^2+1).
                float cSkip = 1f / (s * s + 1f), cOut = -s * cIn;
                for (int k = 0; k < a.length; k++) x0[k] = o[k] * cOut + a[k] * cSkip;
            } else {
                float cOut = -s;
                for (int k = 0; k < a.length; k++) x0[k] = a[k] + o[k] * cOut;
            }
            return x0;
        });
        if (nmask != null) Latents.blendInPlace(out, initLatent, nmask);
        return out;
    }

    @Override
    public Tensor eps(Tensor x, int timestep) {
        int step = calls++;
        if (nmask != null) {
            x = new Tensor(x.shape(), x.data().clone());
            Latents.blendInPlace(x, initLatent, nmask);
        }
        boolean v = schedule.prediction() == Prediction.V_PREDICTION;
        float a = (float) schedule.alphaCumprod(timestep);
        float sa = (float) Math.sqrt(a), s1 = (float) Math.sqrt(1f - a);
        return guided(x, step, 1f, timestep, (xin, raw) -> {
            if (!v) return raw;
            // CompVisTimestepsVDenoiser: eps = sqrt(ac) v + sqrt(1 - ac) x.
            float[] e = new float[raw.length];
            for (int k = 0; k < raw.length; k++) e[k] = sa * raw[k] + s1 * xin[k];
            return e;
        });
    }

    /** Converts a raw model output for the unscaled inputs into what CFG combines (x0 or eps). */
    private interface Convert {
        float[] apply(float[] unscaledInput, float[] modelOutput);
    }

    private Tensor guided(Tensor x, int step, float inputScale, float timestep, Convert convert) {
        long[] shape = x.shape();
        int batch = (int) shape[0];
        int per = x.batchStride();
        List<List<WeightedCond>> parts = new ArrayList<>(batch);
        List<Tensor> conds = new ArrayList<>();
        List<Tensor> unconds = new ArrayList<>(batch);
        for (int i = 0; i < batch; i++) {
            List<WeightedCond> p = conditioning.cond(i, step);
            if (p.isEmpty()) throw new IllegalStateException("image " + i + " has no prompt conditioning at step " + step);
            parts.add(p);
            for (WeightedCond c : p) conds.add(c.cond());
            unconds.add(conditioning.uncond(i, step));
        }
        int condRows = conds.size();
        int rows = condRows + batch;
        // x_in: image i once per AND part, then the whole batch for the negative prompt.
        float[] xin = new float[rows * per];
        int r = 0;
        for (int i = 0; i < batch; i++) {
            for (int j = 0; j < parts.get(i).size(); j++) System.arraycopy(x.data(), i * per, xin, (r++) * per, per);
        }
        System.arraycopy(x.data(), 0, xin, r * per, batch * per);
        int[] imageOfRow = new int[rows];
        r = 0;
        for (int i = 0; i < batch; i++) for (int j = 0; j < parts.get(i).size(); j++) imageOfRow[r++] = i;
        for (int i = 0; i < batch; i++) imageOfRow[r++] = i;

        Tensor condTensor = Latents.stackConds(conds);
        Tensor uncondTensor = Latents.stackConds(unconds);
        float[] raw;
        if (condTensor.dim(1) == uncondTensor.dim(1)) {
            raw = run(xin, 0, rows, imageOfRow, shape, inputScale, timestep, Latents.concatRows(condTensor, uncondTensor));
        } else {
            // A1111 (pad_cond_uncond off): different lengths go through the UNet separately, unpadded.
            float[] a = run(xin, 0, condRows, imageOfRow, shape, inputScale, timestep, condTensor);
            float[] b = run(xin, condRows, rows, imageOfRow, shape, inputScale, timestep, uncondTensor);
            raw = new float[rows * per];
            System.arraycopy(a, 0, raw, 0, a.length);
            System.arraycopy(b, 0, raw, a.length, b.length);
        }
        float[] out = convert.apply(xin, raw);
        return combine(out, parts, batch, per, shape);
    }

    /** One UNet call on rows {@code [from, to)} of {@code xin}, scaled, with image conditioning appended. */
    private float[] run(float[] xin, int from, int to, int[] imageOfRow, long[] shape, float scale, float timestep, Tensor cond) {
        int per = xin.length / imageOfRow.length;
        int n = to - from;
        long[] rowShape = shape.clone();
        rowShape[0] = n;
        float[] scaled = new float[n * per];
        for (int k = 0; k < scaled.length; k++) scaled[k] = xin[from * per + k] * scale;
        Tensor input = new Tensor(rowShape, scaled);
        if (imageConditioning != null) {
            int[] images = new int[n];
            System.arraycopy(imageOfRow, from, images, 0, n);
            input = Latents.appendChannels(input, imageConditioning, images);
        }
        float[] ts = new float[n];
        java.util.Arrays.fill(ts, timestep);
        Tensor eps = unet.apply(input, ts, cond);
        if (eps.data().length != n * per) {
            throw new IllegalStateException("UNet returned " + eps + " for " + n + " latents of " + per + " values");
        }
        return eps.data();
    }

    /** {@code combine_denoised}: {@code uncond_i + sum_j (out_j - uncond_i) * (weight_j * cfg)}. */
    private Tensor combine(float[] out, List<List<WeightedCond>> parts, int batch, int per, long[] shape) {
        int condRows = out.length / per - batch;
        float[] result = new float[batch * per];
        System.arraycopy(out, condRows * per, result, 0, batch * per);
        int row = 0;
        for (int i = 0; i < batch; i++) {
            int u = (condRows + i) * per;
            int base = i * per;
            for (WeightedCond c : parts.get(i)) {
                float w = (float) (c.weight() * cfgScale);
                int o = row * per;
                for (int k = 0; k < per; k++) result[base + k] += (out[o + k] - out[u + k]) * w;
                row++;
            }
        }
        return new Tensor(shape.clone(), result);
    }
}

package dev.easel.sampling;

import dev.easel.onnx.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
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
    private final StackCache condCache = new StackCache();
    private final StackCache uncondCache = new StackCache();
    private final StackCache bothCache = new StackCache();

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
        Tensor out;
        if (schedule.prediction() == Prediction.V_PREDICTION) {
            // CompVisVDenoiser: x0 = v * c_out + x * c_skip, c_skip = 1/(s^2+1), c_out = -s/sqrt(s^2+1).
            out = guided(x, step, cIn, t, -s * cIn, 1f / (s * s + 1f));
        } else {
            // CompVisDenoiser: x0 = x + eps * c_out, c_out = -s.
            out = guided(x, step, cIn, t, -s, 1f);
        }
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
        if (schedule.prediction() == Prediction.V_PREDICTION) {
            // CompVisTimestepsVDenoiser: eps = sqrt(ac) v + sqrt(1 - ac) x.
            float a = (float) schedule.alphaCumprod(timestep);
            return guided(x, step, 1f, timestep, (float) Math.sqrt(a), (float) Math.sqrt(1f - a));
        }
        return guided(x, step, 1f, timestep, 1f, 0f);
    }

    /**
     * One guided prediction. The model output {@code o} of a row for image latent {@code x} becomes
     * {@code outScale * o + xScale * x} (x0 or eps) before the CFG combine.
     */
    private Tensor guided(Tensor x, int step, float inputScale, float timestep, float outScale, float xScale) {
        int batch = (int) x.dim(0);
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
        // Row layout (A1111 x_in): image i once per AND part, then the whole batch for the negative prompt.
        int[] imageOfRow = new int[rows];
        int r = 0;
        for (int i = 0; i < batch; i++) for (int j = 0; j < parts.get(i).size(); j++) imageOfRow[r++] = i;
        for (int i = 0; i < batch; i++) imageOfRow[r++] = i;

        Tensor condTensor = condCache.stack(conds);
        Tensor uncondTensor = uncondCache.stack(unconds);
        float[] raw;
        if (condTensor.dim(1) == uncondTensor.dim(1)) {
            raw = run(x, 0, rows, imageOfRow, inputScale, timestep, bothCache.concat(condTensor, uncondTensor));
        } else {
            // A1111 (pad_cond_uncond off): different lengths go through the UNet separately, unpadded.
            float[] a = run(x, 0, condRows, imageOfRow, inputScale, timestep, condTensor);
            float[] b = run(x, condRows, rows, imageOfRow, inputScale, timestep, uncondTensor);
            raw = new float[rows * per];
            System.arraycopy(a, 0, raw, 0, a.length);
            System.arraycopy(b, 0, raw, a.length, b.length);
        }
        return combine(x, raw, parts, condRows, outScale, xScale);
    }

    /** One UNet call on rows {@code [from, to)}: each row's image latent, scaled, with image conditioning appended. */
    private float[] run(Tensor x, int from, int to, int[] imageOfRow, float scale, float timestep, Tensor cond) {
        long[] shape = x.shape();
        int c = (int) shape[1];
        int per = x.batchStride();
        int hw = per / c;
        int extra = imageConditioning == null ? 0 : (int) imageConditioning.dim(1);
        if (imageConditioning != null && imageConditioning.batchStride() != extra * hw) {
            throw new IllegalArgumentException("image conditioning " + imageConditioning + " does not match latent " + x);
        }
        int n = to - from;
        int rowSize = (c + extra) * hw;
        float[] input = new float[n * rowSize];
        float[] xd = x.data();
        for (int q = 0; q < n; q++) {
            int img = imageOfRow[from + q];
            int src = img * per, dst = q * rowSize;
            for (int k = 0; k < per; k++) input[dst + k] = xd[src + k] * scale;
            if (extra > 0) {
                int icImg = imageConditioning.dim(0) == 1 ? 0 : img;
                if (icImg >= imageConditioning.dim(0)) {
                    throw new IllegalArgumentException("image conditioning has " + imageConditioning.dim(0) + " images, need image " + icImg);
                }
                System.arraycopy(imageConditioning.data(), icImg * extra * hw, input, dst + per, extra * hw);
            }
        }
        float[] ts = new float[n];
        Arrays.fill(ts, timestep);
        Tensor eps = unet.apply(new Tensor(new long[] {n, c + extra, shape[2], shape[3]}, input), ts, cond);
        if (eps.data().length != n * per) {
            throw new IllegalStateException("UNet returned " + eps + " for " + n + " latents of " + per + " values");
        }
        return eps.data();
    }

    /**
     * {@code combine_denoised}: {@code uncond_i + sum_j (out_j - uncond_i) * (weight_j * cfg)}, summed part by
     * part in A1111's order, where each row's output is first converted to x0 (or eps).
     */
    private Tensor combine(Tensor x, float[] raw, List<List<WeightedCond>> parts, int condRows, float outScale, float xScale) {
        int batch = parts.size();
        int per = x.batchStride();
        float[] xd = x.data();
        float[] result = new float[batch * per];
        int row = 0;
        for (int i = 0; i < batch; i++) {
            int base = i * per;
            int u = (condRows + i) * per;
            for (int k = 0; k < per; k++) result[base + k] = outScale * raw[u + k] + xScale * xd[base + k];
            for (WeightedCond c : parts.get(i)) {
                float w = (float) (c.weight() * cfgScale);
                int o = row * per;
                for (int k = 0; k < per; k++) {
                    float xv = xd[base + k];
                    float un = outScale * raw[u + k] + xScale * xv;
                    float co = outScale * raw[o + k] + xScale * xv;
                    result[base + k] += (co - un) * w;
                }
                row++;
            }
        }
        return new Tensor(x.shape().clone(), result);
    }

    /**
     * Remembers the last stacked conditioning: prompts change only at schedule boundaries, and restacking
     * [n, 77k, 768] floats on every call would cost more than the rest of the step.
     */
    private static final class StackCache {
        private List<Tensor> key = List.of();
        private Tensor a;
        private Tensor b;
        private Tensor value;

        Tensor stack(List<Tensor> conds) {
            if (!sameTensors(conds, key)) {
                value = Latents.stackConds(conds);
                key = new ArrayList<>(conds);
            }
            return value;
        }

        Tensor concat(Tensor first, Tensor second) {
            if (first != a || second != b) {
                value = Latents.concatRows(first, second);
                a = first;
                b = second;
            }
            return value;
        }

        private static boolean sameTensors(List<Tensor> x, List<Tensor> y) {
            if (x.size() != y.size()) return false;
            for (int i = 0; i < x.size(); i++) if (x.get(i) != y.get(i)) return false;
            return true;
        }
    }
}

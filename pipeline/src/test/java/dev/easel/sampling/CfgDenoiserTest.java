package dev.easel.sampling;

import dev.easel.onnx.Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A1111's CFG denoiser (A1111-SEMANTICS 5.3, 2.5, 1.6) around the CompVis wrapper (4.2). */
class CfgDenoiserTest {
    private static final NoiseSchedule SD1 = NoiseSchedule.sd1();
    private static final int HIDDEN = 3;
    private static final long[] LATENT = {2, 4, 2, 2};
    private static final int PER = 16;

    /** A UNet whose output for a row is the first value of that row's conditioning, everywhere. */
    static final class MarkerUnet implements UnetFunction {
        final List<Tensor> samples = new ArrayList<>();
        final List<float[]> timesteps = new ArrayList<>();
        final List<Tensor> conds = new ArrayList<>();

        @Override
        public Tensor apply(Tensor sample, float[] t, Tensor cond) {
            samples.add(sample);
            timesteps.add(t);
            conds.add(cond);
            int rows = (int) sample.dim(0);
            int per = (int) (4 * sample.dim(2) * sample.dim(3));
            int condStride = (int) (cond.dim(1) * cond.dim(2));
            float[] out = new float[rows * per];
            for (int r = 0; r < rows; r++) for (int k = 0; k < per; k++) out[r * per + k] = cond.data()[r * condStride];
            return new Tensor(new long[] {rows, 4, sample.dim(2), sample.dim(3)}, out);
        }
    }

    /** A [tokens, HIDDEN] conditioning filled with {@code marker}, last row {@code marker + 100}. */
    static Tensor cond(int tokens, float marker) {
        float[] d = new float[tokens * HIDDEN];
        java.util.Arrays.fill(d, marker);
        for (int h = 0; h < HIDDEN; h++) d[(tokens - 1) * HIDDEN + h] = marker + 100;
        return new Tensor(new long[] {tokens, HIDDEN}, d);
    }

    static Tensor latent() {
        float[] x = new float[2 * PER];
        for (int k = 0; k < x.length; k++) x[k] = k * 0.25f - 3;
        return new Tensor(LATENT.clone(), x);
    }

    @Test
    void singlePromptBatchesCondAndUncondInOneScaledCall() {
        MarkerUnet unet = new MarkerUnet();
        CfgDenoiser cfg = new CfgDenoiser(unet, SD1, Conditioning.fixed(cond(77, 2f), cond(77, 0.5f)), 7.0);
        double sigma = 5.0;
        Tensor out = cfg.denoise(latent(), sigma);
        assertEquals(1, unet.samples.size());
        Tensor in = unet.samples.get(0);
        assertArrayEquals(new long[] {4, 4, 2, 2}, in.shape());
        float cIn = (float) (1 / Math.sqrt(26));
        float[] x = latent().data();
        for (int r = 0; r < 4; r++) {
            int img = r % 2;
            for (int k = 0; k < PER; k++) assertEquals(x[img * PER + k] * cIn, in.data()[r * PER + k], 1e-6);
        }
        assertArrayEquals(new float[] {(float) SD1.sigmaToT(5.0), (float) SD1.sigmaToT(5.0), (float) SD1.sigmaToT(5.0),
                (float) SD1.sigmaToT(5.0)}, unet.timesteps.get(0));
        assertEquals(795.1731, unet.timesteps.get(0)[0], 1e-3);
        assertArrayEquals(new long[] {4, 77, HIDDEN}, unet.conds.get(0).shape());
        // x0 = x - sigma * eps per row; CFG: uncond + (cond - uncond) * 7.
        for (int i = 0; i < 2; i++) {
            for (int k = 0; k < PER; k++) {
                double xv = x[i * PER + k];
                double c = xv - sigma * 2, u = xv - sigma * 0.5;
                assertEquals(u + (c - u) * 7, out.data()[i * PER + k], 1e-4);
            }
        }
        assertEquals(1, cfg.calls());
    }

    @Test
    void andPartsWithWeightsAndPaddingOfShorterParts() {
        MarkerUnet unet = new MarkerUnet();
        Conditioning c = new Conditioning() {
            @Override
            public List<WeightedCond> cond(int image, int step) {
                return image == 0
                        ? List.of(new WeightedCond(CfgDenoiserTest.cond(154, 1f), 1.0), new WeightedCond(CfgDenoiserTest.cond(77, 3f), -0.5))
                        : List.of(new WeightedCond(CfgDenoiserTest.cond(154, 5f), 1.5));
            }

            @Override
            public Tensor uncond(int image, int step) { return CfgDenoiserTest.cond(154, 0f); }
        };
        double sigma = 2.0, scale = 4.0;
        Tensor out = new CfgDenoiser(unet, SD1, c, scale).denoise(latent(), sigma);
        assertEquals(1, unet.samples.size());
        assertEquals(5, unet.samples.get(0).dim(0), "img0 twice, img1 once, then both for uncond");
        Tensor conds = unet.conds.get(0);
        assertArrayEquals(new long[] {5, 154, HIDDEN}, conds.shape());
        // The 77-token part is padded by repeating its last row (A1111 stack_conds).
        int row1 = 154 * HIDDEN;
        assertEquals(3f, conds.data()[row1]);
        assertEquals(103f, conds.data()[row1 + 76 * HIDDEN]);
        assertEquals(103f, conds.data()[row1 + 153 * HIDDEN]);
        float[] x = latent().data();
        for (int k = 0; k < PER; k++) {
            double x0 = x[k], x1 = x[PER + k];
            double u0 = x0 - sigma * 0, u1 = x1 - sigma * 0;
            double e0 = u0 + ((x0 - sigma * 1) - u0) * (1.0 * scale) + ((x0 - sigma * 3) - u0) * (-0.5 * scale);
            double e1 = u1 + ((x1 - sigma * 5) - u1) * (1.5 * scale);
            assertEquals(e0, out.data()[k], 1e-4);
            assertEquals(e1, out.data()[PER + k], 1e-4);
        }
    }

    @Test
    void differentLengthsGoThroughTheUnetSeparately() {
        MarkerUnet unet = new MarkerUnet();
        Tensor out = new CfgDenoiser(unet, SD1, Conditioning.fixed(cond(154, 2f), cond(77, 1f)), 3.0).denoise(latent(), 1.0);
        assertEquals(2, unet.samples.size());
        assertArrayEquals(new long[] {2, 154, HIDDEN}, unet.conds.get(0).shape());
        assertArrayEquals(new long[] {2, 77, HIDDEN}, unet.conds.get(1).shape());
        float[] x = latent().data();
        assertEquals((x[0] - 1) + ((x[0] - 2) - (x[0] - 1)) * 3, out.data()[0], 1e-5);
    }

    @Test
    void promptScheduleFollowsTheDenoiserCallCount() {
        MarkerUnet unet = new MarkerUnet();
        CondSchedule<Tensor> schedule = new CondSchedule<>(List.of(new CondSchedule.Entry<>(3, cond(77, 1f)),
                new CondSchedule.Entry<>(10, cond(77, 2f))));
        List<Integer> steps = new ArrayList<>();
        Conditioning c = new Conditioning() {
            @Override
            public List<WeightedCond> cond(int image, int step) {
                if (image == 0) steps.add(step);
                return List.of(new WeightedCond(schedule.at(step), 1));
            }

            @Override
            public Tensor uncond(int image, int step) { return CfgDenoiserTest.cond(77, 0f); }
        };
        CfgDenoiser cfg = new CfgDenoiser(unet, SD1, c, 7);
        for (int i = 0; i < 6; i++) cfg.denoise(latent(), 3.0);
        assertEquals(List.of(0, 1, 2, 3, 4, 5), steps);
        float[] markers = new float[6];
        for (int i = 0; i < 6; i++) markers[i] = unet.conds.get(i).data()[0];
        // "a [b:3]" over 10 steps: 4 calls with the first entry (0..3), then the second.
        assertArrayEquals(new float[] {1, 1, 1, 1, 2, 2}, markers);
        assertEquals(cond(77, 1f), schedule.at(99), "past the last end A1111 falls back to the first entry");
    }

    @Test
    void imageConditioningIsAppendedUnscaled() {
        MarkerUnet unet = new MarkerUnet();
        float[] ic = new float[2 * 5 * 4];
        for (int k = 0; k < ic.length; k++) ic[k] = 100 + k;
        CfgDenoiser cfg = new CfgDenoiser(unet, SD1, Conditioning.fixed(cond(77, 1f), cond(77, 0f)), 7)
                .imageConditioning(new Tensor(new long[] {2, 5, 2, 2}, ic));
        cfg.denoise(latent(), 10.0);
        Tensor in = unet.samples.get(0);
        assertArrayEquals(new long[] {4, 9, 2, 2}, in.shape());
        int rowStride = 9 * 4;
        for (int r = 0; r < 4; r++) {
            int img = r % 2;
            for (int k = 0; k < 20; k++) assertEquals(ic[img * 20 + k], in.data()[r * rowStride + 16 + k]);
        }
    }

    @Test
    void latentMaskBlendsTheDenoisedPrediction() {
        MarkerUnet unet = new MarkerUnet();
        float[] init = new float[2 * PER];
        java.util.Arrays.fill(init, 42f);
        float[] nmask = {1, 0, 1, 0};
        CfgDenoiser cfg = new CfgDenoiser(unet, SD1, Conditioning.fixed(cond(77, 1f), cond(77, 1f)), 7)
                .latentMask(new Tensor(LATENT.clone(), init), new Tensor(new long[] {1, 1, 2, 2}, nmask));
        Tensor out = cfg.denoise(latent(), 1.0);
        float[] x = latent().data();
        for (int i = 0; i < 2; i++) {
            for (int ch = 0; ch < 4; ch++) {
                for (int p = 0; p < 4; p++) {
                    int k = i * PER + ch * 4 + p;
                    assertEquals(nmask[p] == 1 ? x[k] - 1 : 42f, out.data()[k], 1e-5);
                }
            }
        }
    }

    @Test
    void epsModeForDdimIsUnscaledAtIntegerTimesteps() {
        MarkerUnet unet = new MarkerUnet();
        CfgDenoiser cfg = new CfgDenoiser(unet, SD1, Conditioning.fixed(cond(77, 2f), cond(77, 1f)), 7.5);
        Tensor eps = cfg.eps(latent(), 951);
        assertArrayEquals(latent().data(), java.util.Arrays.copyOfRange(unet.samples.get(0).data(), 0, 2 * PER));
        assertEquals(951f, unet.timesteps.get(0)[0]);
        for (float v : eps.data()) assertEquals(1 + (2 - 1) * 7.5, v, 1e-5);
    }

    @Test
    void vPredictionConversion() {
        NoiseSchedule v = NoiseSchedule.fromAlphasCumprod(new float[] {0.99f, 0.5f, 0.1f}, Prediction.V_PREDICTION);
        MarkerUnet unet = new MarkerUnet();
        CfgDenoiser cfg = new CfgDenoiser(unet, v, Conditioning.fixed(cond(77, 2f), cond(77, 2f)), 1);
        double s = 1.5;
        Tensor out = cfg.denoise(latent(), s);
        float[] x = latent().data();
        // CompVisVDenoiser: x0 = v * (-s / sqrt(s^2+1)) + x / (s^2+1).
        for (int k = 0; k < x.length; k++) assertEquals(2 * (-s / Math.sqrt(s * s + 1)) + x[k] / (s * s + 1), out.data()[k], 1e-5);
    }
}

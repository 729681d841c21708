package dev.easel.sampling;

import dev.easel.onnx.Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each sampler's update rule on a two-value latent with the ideal denoiser for N(0, 1) data,
 * {@code D(x, s) = x / (1 + s^2)}, and a fixed noise sequence. Expected values: hand arithmetic for
 * Euler (0.5x, then 0.64x), the rest from a double-precision transcription of k-diffusion's loops.
 */
class SamplerUpdateTest {
    private static final float[] X0 = {1.2f, -0.8f};
    private static final double[] TWO = {2.0, 0.75, 0.0};
    private static final double[] THREE = {3.0, 1.5, 0.5, 0.0};
    private static final double[] FOUR = {4.0, 2.0, 1.0, 0.4, 0.0};
    private static final float[][] NOISE = {{0.5f, -1.0f}, {-0.25f, 0.75f}, {1.5f, 0.1f}, {0.3f, -0.6f}, {0.2f, 0.2f},
            {-0.7f, 0.4f}, {0.9f, -0.9f}, {0.05f, 0.6f}};
    private static final long[] SHAPE = {1, 1, 1, 2};
    /** float32 updates of O(1) values over a few steps. */
    private static final double TOLERANCE = 2e-6;

    /** D(x, s) = x / (1 + s^2), counting calls. */
    static final class IdealDenoiser implements Denoiser {
        final List<Double> sigmas = new ArrayList<>();

        @Override
        public Tensor denoise(Tensor x, double sigma) {
            sigmas.add(sigma);
            float[] out = new float[x.data().length];
            for (int k = 0; k < out.length; k++) out[k] = (float) (x.data()[k] / (1 + sigma * sigma));
            return new Tensor(x.shape().clone(), out);
        }
    }

    static SamplingContext fixedNoise() {
        AtomicInteger next = new AtomicInteger();
        return new SamplingContext().noise((s, sn) -> new Tensor(SHAPE.clone(), NOISE[next.getAndIncrement() % NOISE.length].clone()));
    }

    private static IdealDenoiser run(String sampler, double[] sigmas, double[] expected) {
        IdealDenoiser model = new IdealDenoiser();
        SamplingResult r = Samplers.byName(sampler).create().sample(model, new Tensor(SHAPE.clone(), X0.clone()), sigmas, fixedNoise());
        assertEquals(sigmas.length - 1, r.stepsDone());
        assertFalse(r.interrupted());
        for (int k = 0; k < expected.length; k++) assertEquals(expected[k], r.latent().data()[k], TOLERANCE, sampler + " value " + k);
        return model;
    }

    @Test
    void euler() {
        IdealDenoiser m = run("Euler", TWO, new double[] {0.384, -0.256});
        assertEquals(List.of(2.0, 0.75), m.sigmas);
    }

    @Test
    void eulerAncestral() {
        run("Euler a", TWO, new double[] {0.4624859546128699, -0.6049719092257397});
    }

    @Test
    void heunMakesTwoCallsExceptOnTheLastStep() {
        IdealDenoiser m = run("Heun", TWO, new double[] {0.4608, -0.30720000000000003});
        assertEquals(List.of(2.0, 0.75, 0.75), m.sigmas);
    }

    @Test
    void lms() {
        run("LMS", FOUR, new double[] {0.26559504770490566, -0.1770633651366038});
    }

    @Test
    void dpm2() {
        IdealDenoiser m = run("DPM2", TWO, new double[] {0.44353959387712594, -0.29569306258475064});
        assertEquals(3, m.sigmas.size());
        assertEquals(Math.sqrt(2.0 * 0.75), m.sigmas.get(1), 1e-12);
    }

    @Test
    void dpm2Ancestral() {
        run("DPM2 a", TWO, new double[] {0.6736859546128698, -0.7457719092257398});
    }

    @Test
    void dpmpp2sAncestral() {
        run("DPM++ 2S a", TWO, new double[] {0.54168595461287, -0.6577719092257398});
    }

    @Test
    void dpmpp2m() {
        run("DPM++ 2M", THREE, new double[] {0.319420707708284, -0.21294713847218935});
    }

    @Test
    void dpmppSde() {
        run("DPM++ SDE", TWO, new double[] {0.23526406471426892, -0.039285152122103});
    }

    @Test
    void dpmpp2mSde() {
        run("DPM++ 2M SDE", THREE, new double[] {0.33819616150858056, -0.4221114188589549});
        run("DPM++ 2M SDE Heun", THREE, new double[] {0.3764617353969185, -0.49864256663563095});
    }

    @Test
    void dpmpp3mSde() {
        run("DPM++ 3M SDE", FOUR, new double[] {0.4952489208182413, 0.308493317820263});
    }

    @Test
    void a1111DdimTwoCalls() {
        NoiseSchedule sd1 = NoiseSchedule.sd1();
        int[] ts = {1, 501, 901};
        List<Integer> calls = new ArrayList<>();
        EpsDenoiser eps = (x, t) -> {
            calls.add(t);
            float[] o = new float[x.data().length];
            for (int k = 0; k < o.length; k++) o[k] = 0.5f * x.data()[k];
            return new Tensor(x.shape().clone(), o);
        };
        SamplingResult r = DdimSampler.sample(eps, new Tensor(SHAPE.clone(), X0.clone()), ts, sd1, new SamplingContext());
        assertEquals(List.of(901, 501), calls);
        // By hand: x' = sqrt(a_prev) (x - sqrt(1-a) e) / sqrt(a) + sqrt(1 - a_prev) e, e = x/2.
        double[] x = {1.2, -0.8};
        int[][] pairs = {{901, 501}, {501, 1}};
        for (int[] p : pairs) {
            double a = sd1.alphaCumprod(p[0]), ap = sd1.alphaCumprod(p[1]);
            for (int k = 0; k < 2; k++) {
                double e = 0.5 * x[k];
                x[k] = Math.sqrt(ap) * (x[k] - Math.sqrt(1 - a) * e) / Math.sqrt(a) + Math.sqrt(1 - ap) * e;
            }
        }
        assertEquals(x[0], r.latent().data()[0], 1e-5);
        assertEquals(x[1], r.latent().data()[1], 1e-5);
    }

    @Test
    void a1111DdimTimestepsAndCallCount() {
        int[] t20 = DdimSampler.timesteps(20);
        assertEquals(20, t20.length);
        assertEquals(1, t20[0]);
        assertEquals(51, t20[1]);
        assertEquals(951, t20[19]);
        assertEquals(31, DdimSampler.timesteps(30).length);
        assertArrayEquals(new int[] {1, 101, 201, 301, 401, 501, 601, 701, 801, 901}, DdimSampler.timesteps(10));
        AtomicInteger calls = new AtomicInteger();
        DdimSampler.sample((x, t) -> {
            calls.incrementAndGet();
            return new Tensor(x.shape().clone(), new float[x.data().length]);
        }, new Tensor(SHAPE.clone(), X0.clone()), t20, NoiseSchedule.sd1(), new SamplingContext());
        assertEquals(19, calls.get(), "A1111 DDIM: 20 steps make 19 model calls");
    }

    @Test
    void cancellationStopsBeforeTheNextStepAndReturnsTheLatentSoFar() {
        IdealDenoiser model = new IdealDenoiser();
        AtomicInteger steps = new AtomicInteger();
        SamplingContext ctx = fixedNoise().listener((i, n, x, d) -> steps.incrementAndGet()).cancelWhen(() -> steps.get() >= 1);
        SamplingResult r = Samplers.byName("Euler").create().sample(model, new Tensor(SHAPE.clone(), X0.clone()), TWO, ctx);
        assertTrue(r.interrupted());
        assertEquals(1, r.stepsDone());
        assertEquals(2, r.totalSteps());
        assertArrayEquals(new float[] {0.6f, -0.4f}, r.latent().data(), 1e-6f);
        assertArrayEquals(new float[] {0.24f, -0.16f}, r.lastDenoised().data(), 1e-6f);

        SamplingResult none = Samplers.byName("Euler").create().sample(model, new Tensor(SHAPE.clone(), X0.clone()), TWO,
                new SamplingContext().cancelWhen(() -> true));
        assertEquals(0, none.stepsDone());
        assertNull(none.lastDenoised());
        assertArrayEquals(X0, none.latent().data());
    }

    @Test
    void listenerSeesEveryStepAndTheHookRewritesTheLatent() {
        List<String> seen = new ArrayList<>();
        SamplingContext ctx = fixedNoise()
                .afterStep((i, x) -> {
                    x.data()[1] = 0;
                    return x;
                })
                .listener((i, n, x, d) -> seen.add(i + "/" + n + ":" + x.data()[1]));
        SamplingResult r = Samplers.byName("Euler").create().sample(new IdealDenoiser(), new Tensor(SHAPE.clone(), X0.clone()), TWO, ctx);
        assertEquals(List.of("0/2:0.0", "1/2:0.0"), seen);
        assertEquals(0.384, r.latent().data()[0], 1e-6);
        assertEquals(0, r.latent().data()[1]);
    }

    @Test
    void inputLatentIsNotModified() {
        float[] x = X0.clone();
        Samplers.byName("DPM++ 2M").create().sample(new IdealDenoiser(), new Tensor(SHAPE.clone(), x), THREE, fixedNoise());
        assertArrayEquals(X0, x);
    }

    @Test
    void badSigmasAreRejected() {
        KSampler s = Samplers.byName("Euler").create();
        Tensor x = new Tensor(SHAPE.clone(), X0.clone());
        assertThrows(IllegalArgumentException.class, () -> s.sample(new IdealDenoiser(), x, new double[] {1.0}, fixedNoise()));
        assertThrows(IllegalArgumentException.class, () -> s.sample(new IdealDenoiser(), x, new double[] {1.0, Double.NaN}, fixedNoise()));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Samplers.byName("Euler a").create().sample(new IdealDenoiser(), x, TWO, new SamplingContext()));
        assertTrue(e.getMessage().contains("ImageRng"), e.getMessage());
    }
}

package dev.easel.sampling;

import dev.easel.noise.NoiseGenerator;
import dev.easel.noise.NoiseSource;
import dev.easel.onnx.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static dev.easel.sampling.DiffusersFixtures.N;
import static dev.easel.sampling.DiffusersFixtures.SHAPE;
import static dev.easel.sampling.DiffusersFixtures.dummyModel;
import static dev.easel.sampling.DiffusersFixtures.sumAbs;
import static dev.easel.sampling.DiffusersFixtures.tensor;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The full-loop values of diffusers' scheduler tests (A1111-SEMANTICS 4.6), reproduced by Easel's
 * samplers with the same dummy model, dummy samples, configs and generator. diffusers' loops pass the
 * <em>scaled</em> sample on to {@code step}; that is reproduced with a step hook rescaling the latent.
 */
class DiffusersReferenceTest {
    /** The reference's advice: sums agree to about 2e-6 relative (float32 summation order). */
    private static final double SUM_RELATIVE = 2e-6;

    /**
     * The reference's intermediate sigmas come from a numpy transcription that accumulates the cumprod in
     * float32; torch's CPU cumprod accumulates float in double (as here). They differ by about 1e-6.
     */
    private static final double SIGMA_RELATIVE = 2e-6;

    private static void assertSigmas(double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) assertEquals(expected[i], actual[i], expected[i] * SIGMA_RELATIVE, "sigma " + i);
    }

    private static void assertSum(double expected, double actual) {
        assertEquals(expected, actual, Math.abs(expected) * SUM_RELATIVE, "sum of |x|");
    }

    /** Euler/LMS config: 1100 train steps, linear 1e-4..0.02, 10 steps, linspace spacing, linear interpolation. */
    private static final class EulerSetup {
        final float[] train = DiffusersFixtures.sigmas(DiffusersFixtures.alphasCumprodLinear(1e-4, 0.02, 1100));
        final double[] timesteps;
        final double[] sigmas;

        EulerSetup(boolean karras) {
            double[] t = Sigmas.linspaceF32(0, 1099, 10);
            int n = t.length;
            double[] s = new double[n];
            double[] ts = new double[n];
            for (int i = 0; i < n; i++) {
                ts[i] = t[n - 1 - i];
                s[i] = DiffusersFixtures.interp(ts[i], train);
            }
            if (karras) {
                double min = s[n - 1], max = s[0];
                double[] ramp = Sigmas.linspace(0, 1, n);
                double minInv = Math.pow(min, 1 / 7.0), maxInv = Math.pow(max, 1 / 7.0);
                for (int i = 0; i < n; i++) {
                    s[i] = Math.pow(maxInv + ramp[i] * (minInv - maxInv), 7.0);
                    ts[i] = (float) DiffusersFixtures.sigmaToT(s[i], train);
                }
            }
            sigmas = new double[n + 1];
            for (int i = 0; i < n; i++) sigmas[i] = (float) s[i];
            timesteps = ts;
        }

        double timestepOf(double sigma) {
            for (int i = 0; i < sigmas.length - 1; i++) if (sigmas[i] == sigma) return timesteps[i];
            throw new AssertionError("sigma " + sigma + " is not on the schedule");
        }

        /** diffusers' denoiser for epsilon prediction, fed the (already scaled) sample. */
        Denoiser denoiser() {
            return (x, sigma) -> {
                float[] eps = dummyModel(x.data(), (float) timestepOf(sigma));
                float s = (float) sigma;
                float[] out = new float[eps.length];
                for (int k = 0; k < out.length; k++) out[k] = x.data()[k] - s * eps[k];
                return new Tensor(x.shape().clone(), out);
            };
        }

        /** {@code scale_model_input} before every step: the state entering step i is x / sqrt(sigma_i^2 + 1). */
        SamplingContext context(double[] run) {
            return new SamplingContext().afterStep((i, x) -> scale(x, run[i + 1]));
        }

        static Tensor scale(Tensor x, double sigma) {
            float s = (float) sigma;
            float c = (float) Math.sqrt(s * s + 1f);
            float[] d = x.data();
            for (int k = 0; k < d.length; k++) d[k] = d[k] / c;
            return x;
        }

        /** {@code dummy_sample_deter * init_noise_sigma} (sigma max for linspace spacing), optionally noised at step start. */
        float[] start(int from) {
            float init = (float) sigmas[0];
            float[] x = DiffusersFixtures.sampleDeter();
            for (int k = 0; k < N; k++) x[k] *= init;
            if (from > 0) {
                float[] noise = DiffusersFixtures.noiseDeter();
                float s = (float) sigmas[from];
                for (int k = 0; k < N; k++) x[k] = x[k] + noise[k] * s;
            }
            scale(tensor(x), sigmas[from]);
            return x;
        }

        double run(String sampler, int from, SamplingContext extra) {
            double[] run = Arrays.copyOfRange(sigmas, from, sigmas.length);
            SamplingContext ctx = extra.afterStep((i, x) -> scale(x, run[i + 1]));
            SamplingResult r = Samplers.byName(sampler).create().sample(denoiser(), tensor(start(from)), run, ctx);
            return sumAbs(r.latent().data());
        }
    }

    /** torch.manual_seed(0) on the CPU, drawn 768 values per step. */
    private static SamplingContext cpuGenerator() {
        NoiseGenerator g = NoiseSource.CPU.generator(0);
        return new SamplingContext().noise((s, sn) -> new Tensor(SHAPE.clone(), g.randn(N)));
    }

    @Test
    void eulerScheduleMatchesDerivedValues() {
        EulerSetup e = new EulerSetup(false);
        assertSigmas(new double[] {261.05576, 81.405739, 29.112135, 11.912572, 5.5358214, 2.864876, 1.5868183,
                0.87408262, 0.40016317, 0.01000133, 0}, e.sigmas);
        assertEquals(976.8889, e.timesteps[1], 1e-4);
        assertEquals(122.111115, e.timesteps[8], 1e-5);
    }

    @Test
    void eulerNoNoise() {
        double sum = new EulerSetup(false).run("Euler", 0, new SamplingContext());
        assertEquals(10.0807, sum, 1e-2);
        assertEquals(0.0131, sum / N, 1e-3);
    }

    @Test
    void eulerKarras() {
        double sum = new EulerSetup(true).run("Euler", 0, new SamplingContext());
        assertEquals(124.52299499511719, sum, 1e-2);
        assertEquals(0.16213932633399963, sum / N, 1e-3);
    }

    @Test
    void eulerWithNoise() {
        double sum = new EulerSetup(false).run("Euler", 8, new SamplingContext());
        assertSum(57062.9297, sum);
        assertEquals(74.3007, sum / N, 1e-3);
    }

    @Test
    void eulerAncestralNoNoise() {
        double sum = new EulerSetup(false).run("Euler a", 0, cpuGenerator());
        assertEquals(152.3192, sum, 1e-2);
        assertEquals(0.1983, sum / N, 1e-3);
    }

    @Test
    void eulerAncestralWithNoise() {
        double sum = new EulerSetup(false).run("Euler a", 8, cpuGenerator());
        assertSum(56163.0508, sum);
        assertEquals(73.1290, sum / N, 1e-3);
    }

    @Test
    void lmsNoNoise() {
        double sum = new EulerSetup(false).run("LMS", 0, new SamplingContext());
        assertEquals(1006.388, sum, 1e-2);
        assertEquals(1.31, sum / N, 1e-3);
    }

    @Test
    void lmsKarras() {
        double sum = new EulerSetup(true).run("LMS", 0, new SamplingContext());
        assertEquals(3812.9927, sum, 2e-2);
        assertEquals(4.9648, sum / N, 1e-3);
    }

    /**
     * diffusers' LMS picks its order from the step index ({@code min(step_index + 1, 4)}), so a loop started
     * at step 8 uses 4th-order coefficients with one derivative; k-diffusion (A1111) counts from the first
     * step that runs. The diffusers loop is reproduced here with Easel's coefficient function.
     */
    @Test
    void lmsWithNoiseUsingDiffusersOrderRule() {
        EulerSetup e = new EulerSetup(false);
        float[] x = e.start(8);
        java.util.ArrayDeque<float[]> ds = new java.util.ArrayDeque<>();
        for (int i = 8; i < 10; i++) {
            float s = (float) e.sigmas[i];
            float[] eps = dummyModel(x, (float) e.timesteps[i]);
            float[] d = new float[N];
            for (int k = 0; k < N; k++) d[k] = (x[k] - (x[k] - s * eps[k])) / s;
            ds.addLast(d);
            int order = Math.min(i + 1, LmsSampler.ORDER);
            float[] sum = new float[N];
            java.util.Iterator<float[]> newest = ds.descendingIterator();
            for (int j = 0; j < order && newest.hasNext(); j++) {
                float c = (float) LmsSampler.coefficient(order, e.sigmas, i, j);
                float[] dj = newest.next();
                for (int k = 0; k < N; k++) sum[k] += c * dj[k];
            }
            for (int k = 0; k < N; k++) x[k] = x[k] + sum[k];
            EulerSetup.scale(tensor(x), e.sigmas[i + 1]);
        }
        double total = sumAbs(x);
        assertSum(27663.6895, total);
        assertEquals(36.0204, total / N, 1e-3);
    }

    /**
     * DPMSolverMultistep (dpmsolver++, order 2, midpoint, final sigma = sigma_min) is DPM++ 2M in
     * variance-preserving coordinates: run through the real CfgDenoiser (c_in scaling, sigma_to_t,
     * eps and v conversions) with CFG scale 1 and the dummy model as the UNet.
     */
    private static double dpmMultistep(Prediction prediction, int from) {
        float[] ac = DiffusersFixtures.alphasCumprodLinear(1e-4, 0.02, 1000);
        NoiseSchedule schedule = NoiseSchedule.fromAlphasCumprod(ac, prediction);
        int[] ts = {999, 899, 799, 699, 599, 500, 400, 300, 200, 100};
        double[] sigmas = new double[ts.length + 1];
        for (int i = 0; i < ts.length; i++) sigmas[i] = schedule.sigma(ts[i]);
        sigmas[ts.length] = schedule.sigma(0);
        assertSigmas(new double[] {157.40723, 60.271404, 25.528479, 11.939519, 6.1352096, 3.4429669, 2.0410874,
                1.2401614, 0.72359127, 0.34226054, 0.01000133}, sigmas);
        double[] run = Arrays.copyOfRange(sigmas, from, sigmas.length);

        Tensor empty = new Tensor(new long[] {1, 1}, new float[1]);
        UnetFunction unet = (sample, t, cond) -> new Tensor(sample.shape().clone(), dummyModel(sample.data(), t[0]));
        CfgDenoiser cfg = new CfgDenoiser(unet, schedule, Conditioning.fixed(empty, empty), 1.0);
        // The variance-preserving sample x_vp is x / sqrt(sigma^2 + 1).
        float[] x = DiffusersFixtures.sampleDeter();
        float c0 = (float) Math.sqrt(run[0] * run[0] + 1);
        if (from > 0) {
            float[] noise = DiffusersFixtures.noiseDeter();
            float s = (float) run[0];
            // add_noise gives alpha_t (x + sigma noise) in VP terms, so x + sigma noise here.
            for (int k = 0; k < N; k++) x[k] = x[k] + noise[k] * s;
        } else {
            for (int k = 0; k < N; k++) x[k] *= c0;
        }
        SamplingResult r = Samplers.byName("DPM++ 2M").create().sample(cfg, tensor(x), run, new SamplingContext());
        double last = run[run.length - 1];
        float cEnd = (float) Math.sqrt(last * last + 1);
        float[] out = r.latent().data();
        double sum = 0;
        for (float v : out) sum += Math.abs(v / cEnd);
        return sum;
    }

    @Test
    void dpmMultistepNoNoise() {
        assertEquals(0.3301, dpmMultistep(Prediction.EPSILON, 0) / N, 1e-3);
    }

    @Test
    void dpmMultistepVPrediction() {
        assertEquals(0.2251, dpmMultistep(Prediction.V_PREDICTION, 0) / N, 1e-3);
    }

    @Test
    void dpmMultistepWithNoise() {
        double sum = dpmMultistep(Prediction.EPSILON, 5);
        assertEquals(318.4111, sum, 1e-2);
        assertEquals(0.4146, sum / N, 1e-3);
    }

    /**
     * DDIMScheduler (leading spacing, set_alpha_to_one, clip_sample, eta 0) built from Easel's DDIM update
     * primitives; the clip is diffusers-only and applied here.
     */
    private static double diffusersDdim(int from) {
        float[] ac = DiffusersFixtures.alphasCumprodLinear(1e-4, 0.02, 1000);
        List<Integer> ts = List.of(900, 800, 700, 600, 500, 400, 300, 200, 100, 0);
        float[] x = DiffusersFixtures.sampleDeter();
        if (from > 0) {
            float a = ac[ts.get(from)];
            float sa = (float) Math.sqrt(a), s1 = (float) Math.sqrt(1f - a);
            float[] noise = DiffusersFixtures.noiseDeter();
            for (int k = 0; k < N; k++) x[k] = sa * x[k] + s1 * noise[k];
        }
        for (int i = from; i < ts.size(); i++) {
            int t = ts.get(i);
            int prev = t - 100;
            float[] eps = dummyModel(x, t);
            float[] x0 = DdimSampler.predictX0(x, eps, ac[t]);
            for (int k = 0; k < N; k++) x0[k] = Math.max(-1f, Math.min(1f, x0[k]));
            DdimSampler.update(x, x0, eps, prev >= 0 ? ac[prev] : 1.0, 0, null);
        }
        return sumAbs(x);
    }

    @Test
    void ddimNoNoise() {
        double sum = diffusersDdim(0);
        assertEquals(172.0067, sum, 1e-2);
        assertEquals(0.223967, sum / N, 1e-3);
    }

    @Test
    void ddimWithNoise() {
        double sum = diffusersDdim(8);
        assertEquals(354.5418, sum, 1e-2);
        assertEquals(0.4616, sum / N, 1e-3);
    }
}

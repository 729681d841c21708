package dev.easel.sampling;

import dev.easel.noise.ImageRng;
import dev.easel.noise.NoiseSettings;
import dev.easel.noise.NoiseSource;
import dev.easel.onnx.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sampler names, aliases, legacy "X Karras" names, step counting and whole-plan runs. */
class SamplersTest {
    private static final NoiseSchedule SD1 = NoiseSchedule.sd1();

    @Test
    void namesInA1111Order() {
        assertEquals(List.of("DPM++ 2M", "DPM++ SDE", "DPM++ 2M SDE", "DPM++ 2M SDE Heun", "DPM++ 2S a", "DPM++ 3M SDE", "Euler a",
                "Euler", "LMS", "Heun", "DPM2", "DPM2 a", "DDIM"), Samplers.names());
        assertEquals("DPM++ 2M", Samplers.byName(Samplers.DEFAULT).name());
    }

    @Test
    void lookupIsCaseInsensitiveOverNamesAndAliases() {
        assertEquals("Euler a", Samplers.byName("euler A").name());
        assertEquals("Euler a", Samplers.byName("k_euler_ancestral").name());
        assertEquals("DDIM", Samplers.byName(" ddim ").name());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Samplers.byName("Euler b"));
        assertTrue(e.getMessage().contains("Euler b") && e.getMessage().contains("DPM++ 2M SDE Heun"), e.getMessage());
        assertNull(Samplers.find("UniPC"));
    }

    @Test
    void legacyScheduleSuffixesAreSplitOff() {
        SamplerChoice c = Samplers.resolve("DPM++ 2M Karras", null);
        assertEquals("DPM++ 2M", c.sampler().name());
        assertEquals(ScheduleType.KARRAS, c.schedule());
        assertEquals(ScheduleType.AUTOMATIC, c.requestSchedule(), "Karras is DPM++ 2M's own default");
        assertEquals("Karras", c.infotextLabel());

        SamplerChoice sde = Samplers.resolve("DPM++ SDE Karras", "Automatic");
        assertEquals("DPM++ SDE", sde.sampler().name());
        assertEquals(ScheduleType.KARRAS, sde.effectiveSchedule());

        SamplerChoice eulerExp = Samplers.resolve("Euler a Exponential", null);
        assertEquals("Euler a", eulerExp.sampler().name());
        assertEquals(ScheduleType.EXPONENTIAL, eulerExp.requestSchedule());

        SamplerChoice plain = Samplers.resolve("Euler a", "automatic");
        assertEquals(ScheduleType.UNIFORM, plain.effectiveSchedule());
        assertEquals("Automatic", plain.infotextLabel());
        assertEquals("DPM++ 2M SDE Heun", Samplers.resolve("DPM++ 2M SDE Heun", null).sampler().name());
        assertEquals("DPM++ 2M", Samplers.resolve(null, null).sampler().name());
        assertThrows(IllegalArgumentException.class, () -> Samplers.resolve("Nope Karras", null));
    }

    @Test
    void optionsAsA1111ListsThem() {
        assertEquals(Map.of("scheduler", "karras"), Samplers.byName("DPM++ 2M").options());
        assertEquals(Map.of("scheduler", "karras", "discard_next_to_last_sigma", true, "uses_ensd", true, "second_order", true),
                Samplers.byName("DPM2 a").options());
        assertEquals(Map.of("uses_ensd", true), Samplers.byName("Euler a").options());
        assertEquals(Map.of(), Samplers.byName("DDIM").options());
        assertEquals(2, Samplers.byName("Heun").stepMultiplier());
        assertEquals(1, Samplers.byName("Euler").stepMultiplier());
        assertEquals(12, Samplers.scheduleTypes().size());
    }

    @Test
    void secondOrderAndDiscardingSamplersRunTheRequestedSteps() {
        for (String name : List.of("DPM2", "DPM2 a", "DPM++ 3M SDE", "Heun", "Euler")) {
            SamplingPlan p = SamplingPlan.txt2img(Samplers.resolve(name, null), 20, SD1, ScheduleOptions.DEFAULT);
            assertEquals(20, p.steps(), name);
            assertEquals(0, p.sigmas()[20], name);
        }
        // DPM2 takes 21 Karras sigmas and drops the penultimate: the last non-zero sigma is Karras(21)'s 19th.
        double[] k21 = ScheduleType.KARRAS.sigmas(21, SD1, ScheduleOptions.DEFAULT);
        double[] dpm2 = SamplingPlan.txt2img(Samplers.resolve("DPM2", null), 20, SD1, ScheduleOptions.DEFAULT).sigmas();
        assertEquals(k21[19], dpm2[19]);
        assertEquals(30, SamplingPlan.txt2img(Samplers.resolve("DDIM", null), 30, SD1, ScheduleOptions.DEFAULT).steps(),
                "A1111 DDIM with 30 steps has 31 timesteps, so 30 calls");
        assertEquals(19, SamplingPlan.txt2img(Samplers.resolve("DDIM", null), 20, SD1, ScheduleOptions.DEFAULT).steps());
    }

    @Test
    void img2imgRunsIntStrengthTimesStepsPlusOne() {
        SamplingPlan p = SamplingPlan.img2img(Samplers.resolve("DPM++ 2M", null), 20, 0.75, SD1, ScheduleOptions.DEFAULT);
        assertEquals(16, p.steps());
        assertEquals(5.789421, p.sigmas()[0], 1e-6);
        assertEquals(20, SamplingPlan.img2img(Samplers.resolve("Euler", null), 20, 1.0, SD1, ScheduleOptions.DEFAULT).steps());
        assertEquals(1, SamplingPlan.img2img(Samplers.resolve("Euler", null), 20, 0.0, SD1, ScheduleOptions.DEFAULT).steps());
        float[] noise = {1, 2};
        float[] init = {10, 20};
        Tensor start = p.startLatent(new Tensor(new long[] {1, 1, 1, 2}, noise), new Tensor(new long[] {1, 1, 1, 2}, init));
        assertArrayEquals(new float[] {10 + 5.789421f, 20 + 2 * 5.789421f}, start.data(), 1e-4f);

        SamplingPlan ddim = SamplingPlan.img2img(Samplers.resolve("DDIM", null), 20, 0.75, SD1, ScheduleOptions.DEFAULT);
        assertArrayEquals(Arrays.copyOf(DdimSampler.timesteps(20), 15), ddim.timesteps());
        assertEquals(14, ddim.steps());
        Tensor ds = ddim.startLatent(new Tensor(new long[] {1, 1, 1, 2}, noise), new Tensor(new long[] {1, 1, 1, 2}, init));
        double a = SD1.alphaCumprod(751);
        assertEquals(Math.sqrt(a) * 10 + Math.sqrt(1 - a) * 1, ds.data()[0], 1e-4, "noised at ts[t_enc] = 751");
        assertThrows(IllegalArgumentException.class,
                () -> SamplingPlan.img2img(Samplers.resolve("Euler", null), 20, 1.5, SD1, ScheduleOptions.DEFAULT));
    }

    /** Every sampler through a whole plan with a CFG denoiser over a smooth fake UNet: finite, deterministic, batch-independent. */
    @Test
    void everySamplerRunsAPlanAndBatchesMatchSingleRuns() {
        UnetFunction unet = (sample, t, cond) -> {
            float[] o = new float[(int) (sample.dim(0) * 4 * sample.dim(2) * sample.dim(3))];
            int per = o.length / (int) sample.dim(0);
            for (int r = 0; r < sample.dim(0); r++) {
                for (int k = 0; k < per; k++) o[r * per + k] = 0.9f * sample.data()[r * per + k] + 0.01f * cond.data()[r * (int) (cond.dim(1) * cond.dim(2))];
            }
            return new Tensor(new long[] {sample.dim(0), 4, sample.dim(2), sample.dim(3)}, o);
        };
        Tensor c = new Tensor(new long[] {77, 2}, filled(154, 1f));
        Tensor u = new Tensor(new long[] {77, 2}, filled(154, 0f));
        long[] seeds = {11, 12};
        for (SamplerInfo info : Samplers.all()) {
            SamplerChoice choice = new SamplerChoice(info, ScheduleType.AUTOMATIC);
            float[] batch = runPlan(choice, unet, c, u, seeds);
            for (float v : batch) assertTrue(Float.isFinite(v), info.name());
            for (int i = 0; i < 2; i++) {
                float[] single = runPlan(choice, unet, c, u, new long[] {seeds[i]});
                assertArrayEquals(Arrays.copyOfRange(batch, i * 64, (i + 1) * 64), single, 1e-5f, info.name() + " image " + i);
            }
            assertArrayEquals(batch, runPlan(choice, unet, c, u, seeds), info.name() + " is deterministic");
        }
    }

    private static float[] runPlan(SamplerChoice choice, UnetFunction unet, Tensor c, Tensor u, long[] seeds) {
        SamplingPlan plan = SamplingPlan.txt2img(choice, 6, SD1, ScheduleOptions.DEFAULT);
        ImageRng rng = new ImageRng(4, 4, 4, seeds, null, NoiseSettings.DEFAULT);
        Tensor start = plan.startLatent(rng.next(), null);
        CfgDenoiser cfg = new CfgDenoiser(unet, SD1, Conditioning.fixed(c, u), 7);
        SamplingContext ctx = new SamplingContext().noise(rng).brownianSeeds(seeds, NoiseSource.GPU);
        return plan.run(cfg, start, ctx).latent().data();
    }

    private static float[] filled(int n, float v) {
        float[] f = new float[n];
        Arrays.fill(f, v);
        return f;
    }
}

package dev.easel.generate;

import dev.easel.image.FloatImage;
import dev.easel.image.GaussianBlur;
import dev.easel.image.Pixels;
import dev.easel.image.Png;
import dev.easel.infotext.InfotextParser;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** End-to-end generation on the tiny ONNX models. */
class GeneratorTest {

    static GenerationRequest txt2img() {
        GenerationRequest r = new GenerationRequest();
        r.prompt = "a red fox in the snow";
        r.negativePrompt = "blurry";
        r.seed = 1234;
        r.steps = 6;
        r.width = 64;
        r.height = 64;
        r.sampler = "Euler a";
        return r;
    }

    static FloatImage picture(int w, int h) {
        FloatImage img = FloatImage.zeros(w, h, 3);
        for (int c = 0; c < 3; c++)
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++) img.set(x, y, c, ((x * 5 + y * 3 + c * 70) % 256) / 255f);
        return img;
    }

    static byte[] png(GenerationResult res, int i) {
        return Png.encode(res.images().get(i), Map.of("parameters", res.infotexts().get(i)));
    }

    @Test
    void txt2imgHasTheRequestedSizeAndIsDeterministic() {
        Generator g = new Generator(TinyStore.sd());
        GenerationRequest r = txt2img();
        r.width = 96;
        GenerationResult a = g.generate(r, null, null);
        GenerationResult b = g.generate(r, null, null);
        assertEquals(1, a.images().size());
        assertEquals(96, a.images().get(0).width());
        assertEquals(64, a.images().get(0).height());
        assertEquals(3, a.images().get(0).channels());
        assertArrayEquals(png(a, 0), png(b, 0), "same request, same PNG bytes");
        assertEquals(List.of(1234L), a.seeds());
        assertTrue(a.infotexts().get(0).contains("Seed: 1234, Size: 96x64, Model: tiny-sd"), a.infotexts().get(0));
        r.seed = 1235;
        assertFalse(Arrays.equals(png(a, 0), png(g.generate(r, null, null), 0)), "another seed, another image");
    }

    @Test
    void aBatchOfFourEqualsFourSingleRunsWithSeedPlusI() {
        Generator g = new Generator(TinyStore.sd());
        for (String sampler : List.of("Euler a", "DPM++ 2M")) {
            GenerationRequest r = txt2img();
            r.sampler = sampler;
            r.batchSize = 4;
            GenerationResult batch = g.generate(r, null, null);
            assertEquals(4, batch.images().size());
            for (int i = 0; i < 4; i++) {
                GenerationRequest single = txt2img();
                single.sampler = sampler;
                single.seed = 1234 + i;
                GenerationResult one = g.generate(single, null, null);
                assertEquals(1234L + i, batch.seeds().get(i));
                assertArrayEquals(Pixels.toBytes(one.images().get(0)), Pixels.toBytes(batch.images().get(i)), sampler + " image " + i);
            }
        }
    }

    @Test
    void batchCountRepeatsWithFollowingSeeds() {
        GenerationRequest r = txt2img();
        r.batchSize = 2;
        r.batchCount = 2;
        GenerationResult res = new Generator(TinyStore.sd()).generate(r, null, null);
        assertEquals(List.of(1234L, 1235L, 1236L, 1237L), res.seeds());
    }

    @Test
    void img2imgRunsIntStrengthTimesStepsPlusOneSteps() {
        GenerationRequest r = txt2img();
        r.mode = GenerationRequest.Mode.IMG2IMG;
        r.initImages = List.of(picture(80, 64));
        r.steps = 20;
        r.denoisingStrength = 0.75;
        r.width = 64;
        List<Progress> seen = new ArrayList<>();
        GenerationResult res = new Generator(TinyStore.sd()).generate(r, seen::add, null);
        assertEquals(16, seen.size(), "A1111: int(0.75 * 20) + 1 steps");
        assertEquals(16, seen.get(seen.size() - 1).total());
        assertEquals(64, res.images().get(0).width());
        assertTrue(res.infotexts().get(0).contains("Denoising strength: 0.75"));
        GenerationResult again = new Generator(TinyStore.sd()).generate(r, null, null);
        assertArrayEquals(png(res, 0), png(again, 0), "seeded VAE posterior makes img2img reproducible");
    }

    @Test
    void inpaintingKeepsEveryPixelOutsideTheBlurredMask() {
        FloatImage init = picture(64, 64);
        FloatImage mask = FloatImage.zeros(64, 64, 1);
        for (int y = 24; y < 40; y++) for (int x = 20; x < 44; x++) mask.set(x, y, 0, 1f);
        for (boolean onlyMasked : new boolean[] {false, true}) {
            for (int fill = 0; fill < 4; fill++) {
                GenerationRequest r = txt2img();
                r.mode = GenerationRequest.Mode.INPAINT;
                r.initImages = List.of(init);
                r.mask = mask;
                r.inpaintFullRes = onlyMasked;
                r.inpaintFullResPadding = 8;
                r.inpaintingFill = fill;
                r.denoisingStrength = 0.9;
                GenerationResult res = new Generator(TinyStore.sd()).generate(r, null, null);
                FloatImage out = res.images().get(0);
                FloatImage blurred = GaussianBlur.maskBlur(mask, 4, 4);
                int changed = 0;
                for (int y = 0; y < 64; y++) {
                    for (int x = 0; x < 64; x++) {
                        boolean outside = Pixels.toByte(blurred.get(x, y, 0)) == 0;
                        for (int c = 0; c < 3; c++) {
                            int a = Pixels.toByte(out.get(x, y, c));
                            int b = Pixels.toByte(init.get(x, y, c));
                            if (outside) assertEquals(b, a, "pixel " + x + "," + y + " outside the mask changed (fill " + fill + ")");
                            else if (a != b) changed++;
                        }
                    }
                }
                assertTrue(changed > 0, "the masked area was repainted");
                if (onlyMasked) assertTrue(res.infotexts().get(0).contains("Inpaint area: Only masked"));
            }
        }
    }

    @Test
    void nineChannelModelGetsMaskedImageConditioning() {
        RecordingModel rec = new RecordingModel(TinyStore.inpainting());
        GenerationRequest r = txt2img();
        r.mode = GenerationRequest.Mode.INPAINT;
        r.initImages = List.of(picture(64, 64));
        FloatImage mask = FloatImage.zeros(64, 64, 1);
        for (int y = 10; y < 30; y++) for (int x = 10; x < 30; x++) mask.set(x, y, 0, 1f);
        r.mask = mask;
        GenerationResult res = new Generator(rec).generate(r, null, null);
        assertFalse(rec.unetChannels.isEmpty());
        assertTrue(rec.unetChannels.stream().allMatch(c -> c == 9), "9-channel input: " + rec.unetChannels);
        assertTrue(res.infotexts().get(0).contains("Conditional mask weight: 1.0"));
        rec.unetChannels.clear();
        new Generator(rec).generate(txt2img(), null, null);
        assertTrue(rec.unetChannels.stream().allMatch(c -> c == 9), "txt2img on an inpainting model also conditions");
        RecordingModel plain = new RecordingModel(TinyStore.sd());
        new Generator(plain).generate(r, null, null);
        assertTrue(plain.unetChannels.stream().allMatch(c -> c == 4));
    }

    @Test
    void interruptAfterStepThreeOfTwentyReturnsWithinOneStep() {
        RecordingModel rec = new RecordingModel(TinyStore.sd());
        Control control = new Control();
        GenerationRequest r = txt2img();
        r.steps = 20;
        r.sampler = "Euler";
        List<Progress> seen = new ArrayList<>();
        GenerationResult res = new Generator(rec).generate(r, p -> {
            seen.add(p);
            if (p.step() == 3) control.interrupt();
        }, control);
        assertTrue(res.interrupted());
        assertEquals(1, res.images().size(), "the image decoded from what was done");
        assertTrue(seen.size() <= 4, "stopped within one step, saw " + seen.size());
        assertTrue(rec.unetChannels.size() <= 4 * 1, "UNet calls: " + rec.unetChannels.size());
    }

    @Test
    void interruptDuringAModelCallAbortsIt() {
        RecordingModel rec = new RecordingModel(TinyStore.sd());
        Control control = new Control();
        rec.beforeUnet = i -> {
            if (i == 3) control.interrupt();
        };
        GenerationRequest r = txt2img();
        r.steps = 20;
        r.sampler = "Euler";
        GenerationResult res = new Generator(rec).generate(r, null, control);
        assertTrue(res.interrupted());
        assertEquals(1, res.images().size());
        assertTrue(rec.unetChannels.size() <= 4, "UNet calls after the interrupt: " + rec.unetChannels.size());
    }

    @Test
    void skipEndsTheCurrentBatchOnly() {
        Control control = new Control();
        GenerationRequest r = txt2img();
        r.batchCount = 2;
        r.steps = 10;
        List<Progress> seen = new ArrayList<>();
        GenerationResult res = new Generator(TinyStore.sd()).generate(r, p -> {
            seen.add(p);
            if (p.step() == 2) control.skip();
        }, control);
        assertFalse(res.interrupted());
        assertEquals(2, res.images().size());
        assertEquals(12, seen.size(), "2 steps of the skipped batch, then all 10 of the next");
    }

    @Test
    void progressCarriesPreviewsEveryNSteps() {
        GenerationRequest r = txt2img();
        r.steps = 6;
        r.previewEvery = 2;
        List<Progress> seen = new ArrayList<>();
        new Generator(TinyStore.sd()).generate(r, seen::add, null);
        assertEquals(6, seen.size());
        for (Progress p : seen) {
            assertEquals(6, p.total());
            assertEquals(p.step() % 2 == 0, p.preview() != null, "step " + p.step());
            assertTrue(p.elapsedMs() >= 0);
        }
        assertEquals(8, seen.get(1).preview().width());
        assertEquals(0, seen.get(5).etaMs());
    }

    @Test
    void infotextReadsBackToAnEqualRequest() {
        GenerationRequest r = txt2img();
        r.sampler = "DPM++ 2M";
        r.scheduler = "Exponential";
        r.cfgScale = 5.5;
        r.subseed = 77;
        r.subseedStrength = 0.2;
        r.randnSource = "CPU";
        GenerationResult res = new Generator(TinyStore.sd()).generate(r, null, null);
        GenerationRequest back = InfotextParser.toRequest(res.infotexts().get(0));
        assertEquals(r.prompt, back.prompt);
        assertEquals(r.negativePrompt, back.negativePrompt);
        assertEquals(r.seed, back.seed);
        assertEquals(r.steps, back.steps);
        assertEquals(r.sampler, back.sampler);
        assertEquals(r.scheduler, back.scheduler);
        assertEquals(r.cfgScale, back.cfgScale);
        assertEquals(r.width, back.width);
        assertEquals(r.height, back.height);
        assertEquals(r.subseed, back.subseed);
        assertEquals(r.subseedStrength, back.subseedStrength);
        assertEquals(r.randnSource, back.randnSource);
        GenerationResult again = new Generator(TinyStore.sd()).generate(back, null, null);
        assertArrayEquals(png(res, 0), png(again, 0), "the parsed request makes the same image");
    }

    @Test
    void validationNamesTheFieldAndRoundsSizes() {
        Generator g = new Generator(TinyStore.sd());
        GenerationRequest r = txt2img();
        r.steps = 0;
        assertEquals("steps", assertThrows(RequestException.class, () -> g.generate(r, null, null)).field());
        GenerationRequest s = txt2img();
        s.sampler = "Nope";
        assertEquals("sampler_name", assertThrows(RequestException.class, () -> g.generate(s, null, null)).field());
        GenerationRequest k = txt2img();
        k.scheduler = "Sometimes";
        assertEquals("scheduler", assertThrows(RequestException.class, () -> g.generate(k, null, null)).field());
        GenerationRequest legacy = txt2img();
        legacy.sampler = "DPM++ 2M Karras";
        legacy.steps = 3;
        String info = g.generate(legacy, null, null).infotexts().get(0);
        assertTrue(info.contains("Sampler: DPM++ 2M, Schedule type: Karras"), info);
        GenerationRequest t = txt2img();
        t.mode = GenerationRequest.Mode.INPAINT;
        t.initImages = List.of(picture(64, 64));
        assertEquals("mask", assertThrows(RequestException.class, () -> g.generate(t, null, null)).field());
        GenerationRequest u = txt2img();
        u.width = 70;
        GenerationResult res = g.generate(u, null, null);
        assertEquals(64, res.images().get(0).width());
        assertTrue(res.warnings().get(0).contains("width 70"), res.warnings().toString());
        assertNotEquals(0, res.images().size());
    }
}

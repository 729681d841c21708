package dev.easel.infotext;

import dev.easel.generate.GenerationRequest;
import dev.easel.image.FloatImage;
import dev.easel.image.ImageCodec;
import dev.easel.image.Jpeg;
import dev.easel.image.Png;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InfotextTest {

    @Test
    void writesA1111sFirstExampleExactly() {
        GenerationRequest r = new GenerationRequest();
        r.prompt = "a photo of a cat, (masterpiece:1.2)";
        r.negativePrompt = "blurry, lowres";
        r.sampler = "DPM++ 2M";
        r.scheduler = "Automatic";
        r.width = 512;
        r.height = 768;
        String text = Infotext.create(r, new Infotext.Facts(965400086L, 0, "v1-5-pruned-emaonly", "6ce0161689",
                false, Extras.txt2img(r), "v1.10.1"));
        assertEquals("a photo of a cat, (masterpiece:1.2)\nNegative prompt: blurry, lowres\nSteps: 20, Sampler: DPM++ 2M, "
                + "Schedule type: Karras, CFG scale: 7.0, Seed: 965400086, Size: 512x768, Model hash: 6ce0161689, "
                + "Model: v1-5-pruned-emaonly, Version: v1.10.1", text);
    }

    @Test
    void writesA1111sSecondExampleExactly() {
        GenerationRequest r = new GenerationRequest();
        r.prompt = "cat: photo";
        r.sampler = "Euler a";
        r.cfgScale = 7.5;
        r.subseedStrength = 0.25;
        r.seedResizeFromW = 768;
        r.seedResizeFromH = 512;
        r.clipSkip = 2;
        r.etaNoiseSeedDelta = 31337;
        r.emphasis = "No norm";
        r.mask = FloatImage.zeros(8, 8, 1);
        LinkedHashMap<String, Object> extra = new LinkedHashMap<>();
        extra.put("VAE hash", "735e4c3a44");
        extra.put("VAE", "vae-ft-mse-840000-ema-pruned.safetensors");
        extra.putAll(Extras.img2img(r, 0.75, false));
        extra.put("Emphasis", "No norm");
        extra.put("Lora hashes", "foo: 0123456789ab");
        String text = Infotext.create(r, new Infotext.Facts(1, 2, "v1-5-pruned-emaonly", "6ce0161689", false, extra, "v1.10.1"));
        assertEquals("cat: photo\nSteps: 20, Sampler: Euler a, Schedule type: Automatic, CFG scale: 7.5, Seed: 1, Size: 512x512, "
                + "Model hash: 6ce0161689, Model: v1-5-pruned-emaonly, VAE hash: 735e4c3a44, "
                + "VAE: vae-ft-mse-840000-ema-pruned.safetensors, Variation seed: 2, Variation seed strength: 0.25, "
                + "Seed resize from: 768x512, Denoising strength: 0.75, Clip skip: 2, ENSD: 31337, Mask blur: 4, "
                + "Emphasis: No norm, Lora hashes: \"foo: 0123456789ab\", Version: v1.10.1", text);
    }

    @Test
    void quotesLikePython() {
        assertEquals("abc", Infotext.quote("abc"));
        assertEquals("\"a, b\"", Infotext.quote("a, b"));
        assertEquals("\"a:b\"", Infotext.quote("a:b"));
        assertEquals("\"x\\ny\"", Infotext.quote("x\ny"));
        assertEquals("\"say \\\"hi\\\", ok\"", Infotext.quote("say \"hi\", ok"));
        assertEquals("7.0", Infotext.quote(7.0));
        assertEquals("\"é, ü\"", Infotext.quote("é, ü"));
        assertEquals("7", Infotext.quote(7));
    }

    @Test
    void floatsPrintAsPythonRepr() {
        assertEquals("7.0", PyFormat.floatRepr(7.0));
        assertEquals("0.75", PyFormat.floatRepr(0.75));
        assertEquals("1e-05", PyFormat.floatRepr(1e-5));
        assertEquals("0.0001", PyFormat.floatRepr(1e-4));
        assertEquals("1e+16", PyFormat.floatRepr(1e16));
        assertEquals("1234567890123456.0", PyFormat.floatRepr(1234567890123456.0));
        assertEquals("0.30000000000000004", PyFormat.floatRepr(0.1 + 0.2));
        assertEquals("1.2345678901234568e+16", PyFormat.floatRepr(12345678901234567.0));
        assertEquals("-2.5", PyFormat.floatRepr(-2.5));
        assertEquals("inf", PyFormat.floatRepr(Double.POSITIVE_INFINITY));
    }

    @Test
    void parsesTheUpstreamDocstringExample() {
        String text = "girl with an artist's beret, determined, blue eyes, desert scene, computer monitors, heavy makeup, "
                + "by Alphonse Mucha and Charlie Bowater, ((eyeshadow)), (coquettish), detailed, intricate\n"
                + "Negative prompt: ugly, fat, obese, chubby, (((deformed))), [blurry], bad anatomy, disfigured, poorly drawn face, "
                + "mutation, mutated, (extra_limb), (ugly), (poorly drawn hands), messy drawing\n"
                + "Steps: 20, Sampler: Euler a, CFG scale: 7, Seed: 965400086, Size: 512x512, Model hash: 45dee52b";
        InfotextParser.Parsed p = InfotextParser.parse(text);
        assertTrue(p.prompt().startsWith("girl with an artist's beret"));
        assertTrue(p.negativePrompt().startsWith("ugly, fat"));
        assertEquals("20", p.params().get("Steps"));
        assertEquals("512", p.params().get("Size-1"));
        assertEquals("45dee52b", p.params().get("Model hash"));
        assertEquals("1", p.params().get("Clip skip"));
        GenerationRequest r = InfotextParser.toRequest(text);
        assertEquals(965400086L, r.seed);
        assertEquals(7.0, r.cfgScale);
        assertEquals("Euler a", r.sampler);
        assertEquals("Automatic", r.scheduler);
        assertEquals("GPU", r.randnSource);
    }

    @Test
    void legacySamplerNamesCarryTheSchedule() {
        GenerationRequest r = InfotextParser.toRequest("x\nSteps: 10, Sampler: DPM++ 2M Karras, CFG scale: 5, Seed: 1");
        assertEquals("DPM++ 2M", r.sampler);
        assertEquals("Automatic", r.scheduler, "Karras is DPM++ 2M's own default, so A1111 shows Automatic");
        r = InfotextParser.toRequest("x\nSteps: 10, Sampler: Euler Karras, CFG scale: 5, Seed: 1");
        assertEquals("Euler", r.sampler);
        assertEquals("Karras", r.scheduler);
        r = InfotextParser.toRequest("x\nSteps: 10, Sampler: DPM++ 2M, Schedule type: Exponential, CFG scale: 5, Seed: 1");
        assertEquals("Exponential", r.scheduler);
    }

    @Test
    void fewerThanThreePairsMeansNoParameterLine() {
        InfotextParser.Parsed p = InfotextParser.parse("a cat: cute\nstyle: oil");
        assertEquals("a cat: cute\nstyle: oil", p.prompt());
        assertFalse(p.params().containsKey("style"));
    }

    @Test
    void requestRoundTripsThroughPngAndJpeg() {
        GenerationRequest r = new GenerationRequest();
        r.prompt = "a castle, \"quoted\", (detailed:1.3)\nsecond line: 日本語";
        r.negativePrompt = "blurry\nlowres";
        r.seed = 1234567890123L;
        r.sampler = "DPM++ SDE";
        r.scheduler = "Exponential";
        r.steps = 31;
        r.cfgScale = 6.5;
        r.width = 640;
        r.height = 384;
        r.subseed = 99;
        r.subseedStrength = 0.3;
        r.seedResizeFromW = 512;
        r.seedResizeFromH = 512;
        r.clipSkip = 2;
        r.randnSource = "CPU";
        r.tiling = true;
        r.restoreFaces = true;
        r.faceRestorationModel = "GFPGAN";
        r.emphasis = "No norm";
        r.denoisingStrength = 0.45;
        r.mask = FloatImage.zeros(8, 8, 1);
        r.maskBlurX = 6;
        r.maskBlurY = 6;
        r.inpaintFullRes = true;
        r.inpaintFullResPadding = 48;
        r.inpaintingFill = 2;
        r.inpaintingMaskInvert = true;
        r.initialNoiseMultiplier = 0.9;
        r.eta = 0.5;
        r.sNoise = 1.002;
        String text = Infotext.create(r, new Infotext.Facts(r.seed, r.subseed, "tiny-sd", null, true,
                Extras.img2img(r, r.denoisingStrength, true), null));
        for (byte[] file : new byte[][] {Png.encode(FloatImage.zeros(8, 8, 3), Map.of("parameters", text)),
                Jpeg.encode(FloatImage.zeros(8, 8, 3), 0.9f, text)}) {
            String read = ImageCodec.readParameters(file);
            assertEquals(text, read);
            GenerationRequest back = InfotextParser.toRequest(read);
            assertEquals(r.prompt, back.prompt);
            assertEquals(r.negativePrompt, back.negativePrompt);
            assertEquals(r.seed, back.seed);
            assertEquals(r.sampler, back.sampler);
            assertEquals(r.scheduler, back.scheduler);
            assertEquals(r.steps, back.steps);
            assertEquals(r.cfgScale, back.cfgScale);
            assertEquals(r.width, back.width);
            assertEquals(r.height, back.height);
            assertEquals(r.subseed, back.subseed);
            assertEquals(r.subseedStrength, back.subseedStrength);
            assertEquals(r.seedResizeFromW, back.seedResizeFromW);
            assertEquals(r.seedResizeFromH, back.seedResizeFromH);
            assertEquals(r.clipSkip, back.clipSkip);
            assertEquals(r.randnSource, back.randnSource);
            assertEquals(r.tiling, back.tiling);
            assertEquals(r.restoreFaces, back.restoreFaces);
            assertEquals(r.faceRestorationModel, back.faceRestorationModel);
            assertEquals(r.emphasis, back.emphasis);
            assertEquals(r.denoisingStrength, back.denoisingStrength);
            assertEquals(r.maskBlurX, back.maskBlurX);
            assertEquals(r.inpaintFullRes, back.inpaintFullRes);
            assertEquals(r.inpaintFullResPadding, back.inpaintFullResPadding);
            assertEquals(r.inpaintingFill, back.inpaintingFill);
            assertEquals(r.inpaintingMaskInvert, back.inpaintingMaskInvert);
            assertEquals(r.initialNoiseMultiplier, back.initialNoiseMultiplier);
            assertEquals(r.eta, back.eta);
            assertEquals(r.sNoise, back.sNoise);
        }
    }

    @Test
    void hiresKeysRoundTrip() {
        GenerationRequest r = new GenerationRequest();
        r.prompt = "a fox";
        r.sampler = "Euler";
        r.enableHr = true;
        r.hrScale = 1.5;
        r.hrSecondPassSteps = 8;
        r.hrUpscaler = "Latent";
        r.hrDenoisingStrength = 0.55;
        String text = Infotext.create(r, new Infotext.Facts(7, 0, null, null, false, Extras.txt2img(r), null));
        assertEquals("a fox\nSteps: 20, Sampler: Euler, Schedule type: Automatic, CFG scale: 7.0, Seed: 7, Size: 512x512, "
                + "Denoising strength: 0.55, Hires upscale: 1.5, Hires steps: 8, Hires upscaler: Latent", text);
        GenerationRequest back = InfotextParser.toRequest(text);
        assertTrue(back.enableHr);
        assertEquals(1.5, back.hrScale);
        assertEquals(8, back.hrSecondPassSteps);
        assertEquals("Latent", back.hrUpscaler);
        assertEquals(0.55, back.hrDenoisingStrength);
    }
}

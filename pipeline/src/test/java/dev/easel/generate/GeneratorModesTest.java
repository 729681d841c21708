package dev.easel.generate;

import dev.easel.image.FloatImage;
import dev.easel.image.Pixels;
import dev.easel.model.DiffusionModel;
import dev.easel.onnx.Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.easel.generate.GeneratorTest.picture;
import static dev.easel.generate.GeneratorTest.txt2img;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Outpainting, loopback, hires fix, face restoration and tiling on the tiny models. */
class GeneratorModesTest {

    @Test
    void outpaintingEnlargesTheCanvasAndKeepsThePictureAwayFromTheBand() {
        FloatImage init = picture(64, 64);
        GenerationRequest r = txt2img();
        r.mode = GenerationRequest.Mode.OUTPAINT;
        r.initImages = List.of(init);
        r.outpaintLeft = 32;
        r.outpaintDown = 16;
        r.denoisingStrength = 0.8;
        GenerationResult res = new Generator(TinyStore.sd()).generate(r, null, null);
        FloatImage out = res.images().get(0);
        assertEquals(96, out.width());
        assertEquals(80, out.height());
        assertTrue(res.infotexts().get(0).contains("Size: 96x80"), res.infotexts().get(0));
        // the blend band is 2 * mask_blur wide; beyond it plus the blur's reach the picture is untouched
        int reach = 2 * 4 + GaussianBlurReach.of(4);
        for (int y = 0; y < 64 - reach; y++) {
            for (int x = reach; x < 64; x++) {
                for (int c = 0; c < 3; c++) {
                    assertEquals(Pixels.toByte(init.get(x, y, c)), Pixels.toByte(out.get(x + 32, y, c)), "pixel " + x + "," + y);
                }
            }
        }
        boolean newAreaPainted = false;
        for (int y = 0; y < 80 && !newAreaPainted; y++) newAreaPainted = Pixels.toByte(out.get(0, y, 0)) != Pixels.toByte(out.get(1, y, 0));
        assertTrue(newAreaPainted || out.get(5, 70, 1) != init.get(0, 63, 1), "the new area was generated");
    }

    @Test
    void loopbackReturnsEveryRoundWithChangingStrength() {
        GenerationRequest r = txt2img();
        r.mode = GenerationRequest.Mode.LOOPBACK;
        r.initImages = List.of(picture(64, 64));
        r.loopbackRounds = 3;
        r.loopbackStrengthChange = 0.5;
        r.denoisingStrength = 0.8;
        r.steps = 5;
        List<Progress> seen = new ArrayList<>();
        GenerationResult res = new Generator(TinyStore.sd()).generate(r, seen::add, null);
        assertEquals(3, res.images().size());
        assertEquals(List.of(1234L, 1235L, 1236L), res.seeds());
        assertTrue(res.infotexts().get(0).contains("Denoising strength: 0.8"));
        assertTrue(res.infotexts().get(1).contains("Denoising strength: 0.4"));
        assertTrue(res.infotexts().get(2).contains("Denoising strength: 0.2"));
        assertTrue(res.infotexts().get(2).contains("Denoising strength change factor: 0.5"));
        // int(s * 5) + 1 steps per round: 5, 3, 2
        assertEquals(10, seen.size());
        assertFalse(java.util.Arrays.equals(Pixels.toBytes(res.images().get(0)), Pixels.toBytes(res.images().get(2))));
    }

    @Test
    void hiresFixDoublesTheSizeWithLatentAndImageUpscalers() {
        for (String upscaler : List.of("Latent", "Lanczos")) {
            GenerationRequest r = txt2img();
            r.enableHr = true;
            r.hrScale = 2;
            r.hrUpscaler = upscaler;
            r.hrSecondPassSteps = 3;
            r.hrDenoisingStrength = 0.5;
            List<Progress> seen = new ArrayList<>();
            GenerationResult res = new Generator(TinyStore.sd()).generate(r, seen::add, null);
            FloatImage out = res.images().get(0);
            assertEquals(128, out.width(), upscaler);
            assertEquals(128, out.height());
            assertEquals(6 + 3, seen.size(), "first pass plus exactly hr_second_pass_steps");
            assertTrue(res.infotexts().get(0).contains("Size: 64x64"));
            assertTrue(res.infotexts().get(0).contains("Hires upscale: 2.0, Hires steps: 3, Hires upscaler: " + upscaler));
        }
    }

    @Test
    void faceRestorationRunsAfterDecodingOrWarns() {
        List<String> calls = new ArrayList<>();
        GenerationRequest r = txt2img();
        r.restoreFaces = true;
        GenerationResult res = new Generator(TinyStore.sd()).faceRestorer((img, model, weight, control) -> {
            calls.add(model + " " + weight + " " + img.width());
            FloatImage out = img.copy();
            java.util.Arrays.fill(out.data(), 0.5f);
            return out;
        }).generate(r, null, null);
        assertEquals(List.of("CodeFormer 0.5 64"), calls);
        assertEquals(0.5f, res.images().get(0).get(3, 3, 1), 1e-6);
        assertTrue(res.infotexts().get(0).contains("Face restoration: CodeFormer"));
        GenerationResult none = new Generator(TinyStore.sd()).generate(r, null, null);
        assertTrue(none.warnings().stream().anyMatch(w -> w.contains("no face restorer")), none.warnings().toString());
    }

    @Test
    void tilingModelIsCircularAndImagesWrap() {
        DiffusionModel tiled = TilingModels.circular(TinyStore.sd(), dev.easel.onnx.OrtSettings.cpu());
        try {
            // A circular network commutes with circular shifts: shifting the input shifts the output.
            Tensor z = randomLatent(2, 8, 8);
            Tensor decoded = tiled.decode(z);
            Tensor decodedShifted = tiled.decode(roll(z, 3));
            assertArrayEquals(roll(decoded, 24).data(), decodedShifted.data(), 1e-5f, "decoder wraps around");
            Tensor ehs = new Tensor(new long[] {2, 77, TinyStore.sd().hiddenSize()}, new float[2 * 77 * TinyStore.sd().hiddenSize()]);
            Tensor eps = tiled.unet(z, new float[] {500, 500}, ehs);
            assertArrayEquals(roll(eps, 3).data(), tiled.unet(roll(z, 3), new float[] {500, 500}, ehs).data(), 1e-5f, "UNet wraps around");
            Tensor plain = TinyStore.sd().decode(roll(z, 3));
            assertFalse(java.util.Arrays.equals(roll(TinyStore.sd().decode(z), 24).data(), plain.data()), "the original pads with zeros");
        } finally {
            tiled.close();
        }
        GenerationRequest r = txt2img();
        r.tiling = true;
        GenerationResult res = new Generator(TinyStore.sd()).generate(r, null, null);
        assertTrue(res.warnings().isEmpty(), res.warnings().toString());
        assertTrue(res.infotexts().get(0).contains("Tiling: True"));
        // seamless: the jump from the last column to the first is like the jumps inside the image
        FloatImage img = res.images().get(0);
        double seam = columnJump(img, img.width() - 1, 0);
        double inner = 0;
        for (int x = 7; x < img.width() - 1; x += 8) inner = Math.max(inner, columnJump(img, x, x + 1));
        assertTrue(seam <= inner * 1.5 + 1e-3, "seam " + seam + " vs inner block edges " + inner);
    }

    @Test
    void tilingOnAModelThatIsNoOnnxFolderSaysWhy() {
        GenerationRequest r = txt2img();
        r.tiling = true;
        GenerationResult res = new Generator(new RecordingModel(TinyStore.sd())).generate(r, null, null);
        assertEquals(1, res.images().size());
        assertTrue(res.warnings().stream().anyMatch(w -> w.startsWith("tiling was not applied") && w.contains("ONNX folder")),
                res.warnings().toString());
        assertFalse(res.infotexts().get(0).contains("Tiling"));
    }

    private static double columnJump(FloatImage img, int a, int b) {
        double sum = 0;
        for (int c = 0; c < 3; c++) for (int y = 0; y < img.height(); y++) sum += Math.abs(img.get(a, y, c) - img.get(b, y, c));
        return sum / (3.0 * img.height());
    }

    static Tensor randomLatent(int b, int h, int w) {
        java.util.Random rnd = new java.util.Random(5);
        float[] d = new float[b * 4 * h * w];
        for (int i = 0; i < d.length; i++) d[i] = (float) rnd.nextGaussian();
        return new Tensor(new long[] {b, 4, h, w}, d);
    }

    /** Circular shift along W by {@code k}. */
    static Tensor roll(Tensor t, int k) {
        int w = (int) t.dim(3);
        int rows = t.data().length / w;
        float[] out = new float[t.data().length];
        for (int r = 0; r < rows; r++) {
            for (int x = 0; x < w; x++) out[r * w + (x + k) % w] = t.data()[r * w + x];
        }
        return new Tensor(t.shape().clone(), out);
    }

    /** How far (in pixels) the mask blur with A1111's kernel reaches. */
    static final class GaussianBlurReach {
        static int of(int sigma) {
            return dev.easel.image.GaussianBlur.maskKernelSize(sigma) / 2;
        }
    }
}

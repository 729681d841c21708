package dev.easel.faces;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import dev.easel.image.FloatImage;
import dev.easel.model.tiny.TinyRestorationModels;
import dev.easel.onnx.OnnxSession;
import dev.easel.onnx.OrtSettings;
import dev.easel.upscale.Monitor;
import dev.easel.upscale.Raster;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CancellationException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FaceRestorerTest {

    static OnnxFaceRestorer restorer(String name, byte[] model, byte[] detector) {
        return new OnnxFaceRestorer(name, OnnxSession.open(model, name, OrtSettings.cpu()),
                new FaceDetector(OnnxSession.open(detector, "yunet", OrtSettings.cpu()), YuNetDecoder.SCORE_THRESHOLD));
    }

    static OnnxFaceRestorer gfpgan() {
        return restorer("GFPGAN", TinyRestorationModels.gfpganLike(), TinyRestorationModels.yunetLike());
    }

    static OnnxFaceRestorer codeformer() {
        return restorer("CodeFormer", TinyRestorationModels.codeformerLike("x", "w", "y", DataType.DOUBLE),
                TinyRestorationModels.yunetLike());
    }

    /** A textured background (far from white) with white 32 x 32 "faces" at the given cells of the 32 px grid. */
    static Raster scene(int w, int h, Raster.Depth depth, int[]... cells) {
        Raster r = Raster.allocate(w, h, 3, depth);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                r.set(x, y, 0, 0.2f + 0.3f * x / w);
                r.set(x, y, 1, 0.3f + 0.2f * y / h);
                r.set(x, y, 2, 0.1f + 0.1f * ((x / 3 + y / 5) % 4));
            }
        }
        for (int[] c : cells) {
            for (int y = c[1] * 32; y < c[1] * 32 + 32; y++) {
                for (int x = c[0] * 32; x < c[0] * 32 + 32; x++) for (int ch = 0; ch < 3; ch++) r.set(x, y, ch, 1f);
            }
        }
        return r;
    }

    /** True when (x, y) lies more than {@code margin} px outside the 64 px box around cell {@code c}. */
    static boolean farFrom(int x, int y, int[] c, int margin) {
        double cx = c[0] * 32 + 16;
        double cy = c[1] * 32 + 16;
        return Math.abs(x + 0.5 - cx) > 32 + margin || Math.abs(y + 0.5 - cy) > 32 + margin;
    }

    @Test
    void restoresTheFaceAndLeavesFarPixelsUntouched() {
        int[] cell = {3, 2};
        Raster src = scene(256, 224, Raster.Depth.U16, cell);
        try (OnnxFaceRestorer r = gfpgan()) {
            FaceRestoration res = r.restore(src, 1.0, 0.5, Monitor.NONE);
            assertEquals(1, res.faces().size());
            assertEquals("GFPGAN: 1 face", res.info());
            Face f = res.faces().get(0);
            assertEquals(112, f.x() + f.width() / 2, 1e-3);
            assertEquals(80, f.y() + f.height() / 2, 1e-3);
            Raster out = res.image();
            assertEquals(Raster.Depth.U16, out.depth());
            int changed = 0;
            for (int y = 0; y < 224; y++) {
                for (int x = 0; x < 256; x++) {
                    for (int c = 0; c < 3; c++) {
                        boolean same = out.get(x, y, c) == src.get(x, y, c);
                        if (farFrom(x, y, cell, 3)) assertTrue(same, "pixel " + x + "," + y + " far from the face changed");
                        if (!same) changed++;
                    }
                }
            }
            assertTrue(changed > 3 * 40 * 40, "changed samples: " + changed);
            // the tiny restorer inverts colours: the white blob's centre turns black
            assertEquals(0f, out.get(112, 80, 0), 0.02f);
        }
    }

    @Test
    void visibilityBlendsWithTheOriginal() {
        Raster src = scene(192, 160, Raster.Depth.U8, new int[] {2, 2});
        try (OnnxFaceRestorer r = gfpgan()) {
            Raster half = r.restore(src, 0.5, 0.5, Monitor.NONE).image();
            assertEquals(0.5f, half.get(80, 80, 1), 0.03f);
        }
    }

    @Test
    void codeformerWeightReachesTheModelAsItsDeclaredType() {
        Raster src = scene(192, 160, Raster.Depth.U8, new int[] {2, 2});
        try (OnnxFaceRestorer r = codeformer()) {
            assertTrue(r.takesWeight());
            Raster strongest = r.restore(src, 1.0, 0.0, Monitor.NONE).image();
            Raster weakest = r.restore(src, 1.0, 1.0, Monitor.NONE).image();
            assertEquals(0f, strongest.get(80, 80, 0), 0.02f);   // x * (2*0 - 1): inverted
            assertEquals(1f, weakest.get(80, 80, 0), 0.02f);     // x * (2*1 - 1): the face itself
        }
        byte[] f32 = TinyRestorationModels.codeformerLike("input", "weight", "output", DataType.FLOAT);
        try (OnnxFaceRestorer r = restorer("CodeFormer", f32, TinyRestorationModels.yunetLike())) {
            // white (1 in [-1, 1]) times 2 * 0.25 - 1 = -0.5, which is 0.25 in [0, 1]
            assertEquals(0.25f, r.restore(src, 1.0, 0.25, Monitor.NONE).image().get(80, 80, 0), 0.03f);
        }
    }

    @Test
    void everyFaceIsRestored() {
        int[][] cells = {{1, 1}, {5, 1}, {3, 4}};
        Raster src = scene(256, 224, Raster.Depth.U8, cells);
        try (OnnxFaceRestorer r = gfpgan()) {
            FaceRestoration res = r.restore(src, 1.0, 0.5, Monitor.NONE);
            assertEquals(3, res.faces().size());
            assertEquals("GFPGAN: 3 faces", res.info());
            for (int[] c : cells) assertEquals(0f, res.image().get(c[0] * 32 + 16, c[1] * 32 + 16, 0), 0.02f);
        }
    }

    @Test
    void noFaceLeavesTheImageUnchanged() {
        Raster src = scene(160, 128, Raster.Depth.U8);
        try (OnnxFaceRestorer r = codeformer()) {
            FaceRestoration res = r.restore(src, 1.0, 0.5, Monitor.NONE);
            assertEquals(0, res.faces().size());
            assertTrue(res.info().contains("0 faces"), res.info());
            assertTrue(res.image().sameAs(src));
        }
    }

    @Test
    void fixedSizeDetectorLetterboxesTheImage() {
        // a 16 px blob on a 320 px image: the 640 px detector input doubles it onto one 32 px cell
        Raster src = Raster.allocate(320, 240, 3, Raster.Depth.U8);
        for (int y = 48; y < 64; y++) for (int x = 96; x < 112; x++) for (int c = 0; c < 3; c++) src.set(x, y, c, 1f);
        try (OnnxFaceRestorer r = restorer("GFPGAN", TinyRestorationModels.gfpganLike(), TinyRestorationModels.yunetLike(640))) {
            List<Face> faces = r.restore(src, 1.0, 0.5, Monitor.NONE).faces();
            assertEquals(1, faces.size());
            Face f = faces.get(0);
            assertEquals(104, f.x() + f.width() / 2, 0.5);
            assertEquals(56, f.y() + f.height() / 2, 0.5);
            assertEquals(32, f.width(), 0.5);
        }
    }

    @Test
    void floatImagesAndCancellation() {
        Raster src = scene(192, 160, Raster.Depth.U8, new int[] {2, 2});
        FloatImage img = dev.easel.upscale.Rasters.toFloatImage(src);
        try (OnnxFaceRestorer r = gfpgan()) {
            FloatImage out = r.restore(img, 0.5, Monitor.NONE);
            assertEquals(0f, out.get(80, 80, 0), 0.02f);
            assertEquals(img.get(5, 5, 0), out.get(5, 5, 0));
            assertFalse(img.get(80, 80, 0) == out.get(80, 80, 0));
            assertThrows(CancellationException.class, () -> r.restore(src, 1.0, 0.5, Monitor.of(() -> true, (d, t) -> { })));
        }
    }
}

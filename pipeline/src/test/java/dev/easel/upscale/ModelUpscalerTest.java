package dev.easel.upscale;

import dev.easel.model.tiny.TinyRestorationModels;
import dev.easel.onnx.OnnxSession;
import dev.easel.onnx.OrtSettings;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static dev.easel.upscale.TiledUpscalerTest.gradient;
import static dev.easel.upscale.TiledUpscalerTest.maxDiff;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelUpscalerTest {
    /** One 8-bit level, with room for float noise when a value sits on a rounding boundary. */
    private static final float ONE_LEVEL = 1.001f / 255;

    static ModelUpscaler tiny(String name, byte[] model, TileSettings settings) {
        return new ModelUpscaler(name, new OnnxTileModel(OnnxSession.open(model, name, OrtSettings.cpu())), settings);
    }

    static ModelUpscaler freeX4(TileSettings s) {
        return tiny("tiny-x4", TinyRestorationModels.upscaler(4, -1, "input", "output", false), s);
    }

    @Test
    void constantStaysConstantForDividingAndNonDividingTiles() {
        Raster src = Raster.allocate(96, 72, 3, Raster.Depth.U8);
        for (int y = 0; y < 72; y++) for (int x = 0; x < 96; x++) {
            src.set(x, y, 0, 200 / 255f);
            src.set(x, y, 1, 37 / 255f);
            src.set(x, y, 2, 128 / 255f);
        }
        for (int tile : new int[] {24, 32, 40, 48, 56}) {
            try (ModelUpscaler up = freeX4(new TileSettings(tile, 8, 8, 8, 16))) {
                Raster out = up.pass(src, 4, Monitor.NONE);
                assertEquals(384, out.width());
                assertEquals(288, out.height());
                for (int y = 0; y < out.height(); y++) for (int x = 0; x < out.width(); x++) {
                    assertEquals(200 / 255f, out.get(x, y, 0), ONE_LEVEL, "tile " + tile + " at " + x + "," + y);
                    assertEquals(37 / 255f, out.get(x, y, 1), ONE_LEVEL);
                    assertEquals(128 / 255f, out.get(x, y, 2), ONE_LEVEL);
                }
            }
        }
    }

    @Test
    void gradientShowsNoStepAtTileBorders() {
        Raster src = gradient(130, 90, Raster.Depth.U8, 3);
        Raster whole;
        try (ModelUpscaler up = freeX4(TileSettings.of(0, 0))) {
            whole = up.pass(src, 4, Monitor.NONE);
        }
        for (int tile : new int[] {32, 48, 64, 72}) {
            try (ModelUpscaler up = freeX4(new TileSettings(tile, 8, 8, 8, 16))) {
                Raster tiled = up.pass(src, 4, Monitor.NONE);
                assertTrue(maxDiff(whole, tiled, 3) <= ONE_LEVEL, "tile " + tile);
                // away from the image border a linear ramp stays a ramp: steps between neighbours stay
                // within one level of the ramp's own slope everywhere, tile borders included
                float slope = 1f / (129 * 4);
                for (int y = 8; y < tiled.height() - 8; y += 7) {
                    for (int x = 8; x < tiled.width() - 9; x++) {
                        float step = tiled.get(x + 1, y, 0) - tiled.get(x, y, 0);
                        assertEquals(slope, step, ONE_LEVEL + 1e-6f, "tile " + tile + " step at " + x + "," + y);
                    }
                }
            }
        }
    }

    @Test
    void fixedSizeModelTilesAtItsSizeAndMatchesTheFreeOne() {
        Raster src = gradient(150, 100, Raster.Depth.U8, 3);
        Raster free;
        try (ModelUpscaler up = freeX4(TileSettings.of(0, 0))) {
            free = up.pass(src, 4, Monitor.NONE);
        }
        byte[] fixed = TinyRestorationModels.upscaler(4, 64, "lq", "sr", false);
        try (ModelUpscaler up = tiny("swinir-like", fixed, TileSettings.DEFAULTS)) {
            assertTrue(up.fixedSize());
            Raster out = up.pass(src, 4, Monitor.NONE);
            assertEquals(4, up.scale());
            assertTrue(maxDiff(free, out, 3) <= ONE_LEVEL);
            // smaller than the fixed input: one mirrored tile, cropped
            Raster small = gradient(40, 30, Raster.Depth.U8, 3);
            Raster smallOut = up.pass(small, 4, Monitor.NONE);
            assertEquals(160, smallOut.width());
            assertEquals(120, smallOut.height());
        }
    }

    @Test
    void fp16ModelNeedingEvenSizesTakesOddImages() {
        Raster src = gradient(75, 51, Raster.Depth.U8, 3);
        byte[] x2 = TinyRestorationModels.upscaler(2, -1, "input", "output", true);
        try (ModelUpscaler whole = tiny("x2", x2, TileSettings.of(0, 0));
             ModelUpscaler tiled = tiny("x2", x2, new TileSettings(32, 8, 8, 8, 16))) {
            Raster a = whole.pass(src, 2, Monitor.NONE);
            Raster b = tiled.pass(src, 2, Monitor.NONE);
            assertEquals(150, b.width());
            assertEquals(102, b.height());
            assertTrue(maxDiff(a, b, 3) <= ONE_LEVEL);
        }
    }

    @Test
    void sixteenBitInputKeepsSixteenBits() {
        Raster src = gradient(64, 48, Raster.Depth.U16, 4);
        try (ModelUpscaler up = freeX4(new TileSettings(32, 8, 8, 8, 16))) {
            Raster out = up.pass(src, 4, Monitor.NONE);
            assertEquals(Raster.Depth.U16, out.depth());
            assertEquals(4, out.channels());
            Set<Integer> levels = new HashSet<>();
            boolean between8BitLevels = false;
            for (short s : out.shorts()) {
                int v = s & 0xffff;
                levels.add(v);
                if (v % 257 != 0) between8BitLevels = true;
            }
            assertTrue(levels.size() > 1000, "distinct 16-bit levels: " + levels.size());
            assertTrue(between8BitLevels);
        }
    }

    @Test
    void floatInputIsMappedIntoTheModelAndBack() {
        float[] samples = new float[32 * 32];
        for (int i = 0; i < samples.length; i++) samples[i] = -1000 + 4000f * (i % 32) / 31;
        Raster src = Raster.ofFloatsAutoRange(32, 32, 1, samples);
        try (ModelUpscaler up = freeX4(TileSettings.DEFAULTS)) {
            Raster out = up.pass(src, 4, Monitor.NONE);
            assertEquals(Raster.Depth.F32, out.depth());
            assertEquals(1, out.channels());
            assertEquals(-1000f, out.lo());
            assertEquals(3000f, out.hi());
            // column 64..67 of the output sits over input column 16 (value -1000 + 4000 * 16/31)
            float expected = -1000 + 4000f * 16 / 31;
            float got = out.floats()[40 * 128 + 66];
            assertEquals(expected, got, 4000f / 31 / 2);
        }
    }

    @Test
    void x4ModelAskedForX2GivesTheRequestedSize() {
        try (ModelUpscaler up = freeX4(TileSettings.DEFAULTS)) {
            Raster out = up.upscale(gradient(100, 60, Raster.Depth.U8, 3), 2.0, Monitor.NONE);
            assertEquals(200, out.width());
            assertEquals(120, out.height());
            // A1111 rounds the target down to a multiple of 8
            Raster odd = up.upscale(gradient(101, 61, Raster.Depth.U8, 3), 2.0, Monitor.NONE);
            assertEquals(200, odd.width());
            assertEquals(120, odd.height());
        }
    }

    @Test
    void x2ModelAskedForX4RunsTwice() {
        byte[] x2 = TinyRestorationModels.upscaler(2, -1, "input", "output", true);
        int[] passes = {0};
        try (ModelUpscaler up = tiny("x2", x2, TileSettings.DEFAULTS)) {
            Raster out = up.upscale(gradient(40, 24, Raster.Depth.U8, 3), 4.0,
                    Monitor.of(() -> false, (d, t) -> { if (d == t) passes[0]++; }));
            assertEquals(160, out.width());
            assertEquals(96, out.height());
            assertEquals(2, passes[0]);
        }
    }

    @Test
    void resamplersFollowA1111Sizes() {
        Raster src = gradient(101, 61, Raster.Depth.U8, 3);
        Raster lanczos = ResampleUpscaler.lanczos().upscale(src, 1.5, Monitor.NONE);
        assertEquals(144, lanczos.width()); // int(151.5 // 8 * 8)
        assertEquals(88, lanczos.height());
        Raster nearest = ResampleUpscaler.nearest().upscale(src, 2, Monitor.NONE);
        assertEquals(200, nearest.width());
        assertFalse(nearest.sameAs(lanczos));
    }
}

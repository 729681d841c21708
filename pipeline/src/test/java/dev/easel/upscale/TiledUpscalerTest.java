package dev.easel.upscale;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TiledUpscalerTest {

    static Raster gradient(int w, int h, Raster.Depth depth, int channels) {
        Raster r = Raster.allocate(w, h, channels, depth);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                r.set(x, y, 0, (float) x / (w - 1));
                if (channels >= 3) {
                    r.set(x, y, 1, (float) y / (h - 1));
                    r.set(x, y, 2, 0.5f * ((float) x / (w - 1) + (float) y / (h - 1)));
                }
                if (channels == 2 || channels == 4) r.set(x, y, channels - 1, (x + y) % 2 == 0 ? 1f : 0.25f);
            }
        }
        return r;
    }

    static float maxDiff(Raster a, Raster b, int channels) {
        assertEquals(a.width(), b.width());
        assertEquals(a.height(), b.height());
        float m = 0;
        for (int y = 0; y < a.height(); y++) {
            for (int x = 0; x < a.width(); x++) {
                for (int c = 0; c < channels; c++) m = Math.max(m, Math.abs(a.get(x, y, c) - b.get(x, y, c)));
            }
        }
        return m;
    }

    @Test
    void tiledEqualsWholeImageForTilesThatDoAndDoNotDivideTheImage() {
        Raster src = gradient(150, 97, Raster.Depth.U16, 3);
        Raster whole = new TiledUpscaler(TestModels.blurThenNearest(2, 10_000), TileSettings.of(0, 0)).upscale(src, Monitor.NONE);
        assertEquals(300, whole.width());
        assertEquals(194, whole.height());
        for (int tile : new int[] {32, 48, 50, 64, 75, 96}) {
            Raster tiled = new TiledUpscaler(TestModels.blurThenNearest(2, 10_000),
                    new TileSettings(tile, 8, 8, 1, 16)).upscale(src, Monitor.NONE);
            assertTrue(maxDiff(whole, tiled, 3) <= 1.5f / 65535, "tile " + tile + " differs from the whole-image run");
        }
    }

    @Test
    void progressPerTileAndCancelBetweenTiles() {
        Raster src = gradient(100, 100, Raster.Depth.U8, 3);
        List<int[]> seen = new ArrayList<>();
        new TiledUpscaler(TestModels.blurThenNearest(2, 10_000), new TileSettings(48, 8, 8, 8, 16))
                .upscale(src, Monitor.of(() -> false, (d, t) -> seen.add(new int[] {d, t})));
        int total = seen.get(0)[1];
        assertTrue(total >= 4);
        assertEquals(total, seen.size());
        for (int i = 0; i < seen.size(); i++) assertEquals(i + 1, seen.get(i)[0]);

        AtomicInteger calls = new AtomicInteger();
        Monitor cancelAfterTwo = Monitor.of(() -> calls.get() >= 2, (d, t) -> calls.incrementAndGet());
        assertThrows(CancellationException.class, () -> new TiledUpscaler(TestModels.blurThenNearest(2, 10_000),
                new TileSettings(48, 8, 8, 8, 16)).upscale(src, cancelAfterTwo));
        assertEquals(2, calls.get());
    }

    @Test
    void allocationFailureHalvesTheTileAndResumes() {
        Raster src = gradient(200, 130, Raster.Depth.U16, 3);
        Raster whole = new TiledUpscaler(TestModels.blurThenNearest(2, 10_000), TileSettings.of(0, 0)).upscale(src, Monitor.NONE);
        TiledUpscaler limited = new TiledUpscaler(TestModels.blurThenNearest(2, 60), new TileSettings(128, 8, 8, 8, 16));
        Raster tiled = limited.upscale(src, Monitor.NONE);
        assertTrue(limited.maxTile() <= 60, "tile shrank to " + limited.maxTile());
        assertTrue(maxDiff(whole, tiled, 3) <= 1.5f / 65535);
        TiledUpscaler hopeless = new TiledUpscaler(TestModels.blurThenNearest(2, 10), new TileSettings(128, 8, 8, 8, 16));
        UpscaleException e = assertThrows(UpscaleException.class, () -> hopeless.upscale(src, Monitor.NONE));
        assertTrue(e.getMessage().contains("not enough memory"), e.getMessage());
    }

    @Test
    void greyAndAlphaKeepTheirLayout() {
        Raster grey = gradient(70, 40, Raster.Depth.U8, 2);
        Raster up = new TiledUpscaler(TestModels.blurThenNearest(3, 10_000), new TileSettings(32, 8, 8, 8, 16)).upscale(grey, Monitor.NONE);
        assertEquals(2, up.channels());
        assertEquals(210, up.width());
        assertEquals(Raster.Depth.U8, up.depth());
        // alpha alternates 1 / 0.25 per pixel: Lanczos x3 keeps its mean near 0.625
        double mean = 0;
        for (int y = 0; y < up.height(); y++) for (int x = 0; x < up.width(); x++) mean += up.get(x, y, 1);
        mean /= up.width() * up.height();
        assertEquals(0.625, mean, 0.02);
    }
}

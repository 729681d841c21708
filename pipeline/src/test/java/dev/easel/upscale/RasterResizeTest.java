package dev.easel.upscale;

import dev.easel.image.FloatImage;
import dev.easel.image.Resize;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RasterResizeTest {

    @Test
    void eightBitLanczosIsPillowsAsTheImagePackageComputesIt() {
        Raster src = TiledUpscalerTest.gradient(37, 23, Raster.Depth.U8, 4);
        for (int[] size : new int[][] {{148, 92}, {20, 11}, {75, 40}}) {
            Raster mine = RasterResize.lanczos(src, size[0], size[1]);
            FloatImage theirs = Resize.lanczos(Rasters.toFloatImage(src), size[0], size[1]);
            for (int y = 0; y < size[1]; y++) {
                for (int x = 0; x < size[0]; x++) {
                    for (int c = 0; c < 4; c++) {
                        assertEquals(Math.round(theirs.get(x, y, c) * 255), Math.round(mine.get(x, y, c) * 255),
                                "at " + x + "," + y + "," + c);
                    }
                }
            }
        }
    }

    @Test
    void sixteenBitLanczosKeepsConstantsAndDepth() {
        Raster src = Raster.allocate(30, 20, 3, Raster.Depth.U16);
        for (int y = 0; y < 20; y++) for (int x = 0; x < 30; x++) for (int c = 0; c < 3; c++) src.set(x, y, c, 12345 / 65535f);
        Raster up = RasterResize.lanczos(src, 97, 41);
        assertEquals(Raster.Depth.U16, up.depth());
        for (short s : up.shorts()) assertEquals(12345, s & 0xffff, 1);
        Raster down = RasterResize.lanczos(src, 7, 5);
        for (short s : down.shorts()) assertEquals(12345, s & 0xffff, 1);
    }

    @Test
    void nearestPicksPillowsSourcePixels() {
        Raster src = Raster.allocate(3, 1, 1, Raster.Depth.U8);
        src.bytes()[0] = 10;
        src.bytes()[1] = 20;
        src.bytes()[2] = 30;
        Raster up = RasterResize.nearest(src, 7, 1);
        // floor((x + 0.5) * 3 / 7): 0 0 1 1 1 2 2
        byte[] expected = {10, 10, 20, 20, 20, 30, 30};
        for (int i = 0; i < 7; i++) assertEquals(expected[i], up.bytes()[i]);
        Raster grad = TiledUpscalerTest.gradient(13, 7, Raster.Depth.U8, 3);
        Raster mine = RasterResize.nearest(grad, 30, 5);
        FloatImage theirs = Resize.nearest(Rasters.toFloatImage(grad), 30, 5);
        for (int y = 0; y < 5; y++) for (int x = 0; x < 30; x++) for (int c = 0; c < 3; c++) {
            assertEquals(theirs.get(x, y, c), mine.get(x, y, c), 1e-6f);
        }
    }
}

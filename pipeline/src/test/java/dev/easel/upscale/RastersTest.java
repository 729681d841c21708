package dev.easel.upscale;

import dev.easel.image.FloatImage;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RastersTest {

    private static Raster roundTripPng(Raster r) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(Rasters.toBufferedImage(r), "png", out));
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(out.toByteArray()));
        return Rasters.fromBufferedImage(back);
    }

    @Test
    void sixteenAndEightBitRastersSurviveAPng() throws IOException {
        for (Raster.Depth d : new Raster.Depth[] {Raster.Depth.U8, Raster.Depth.U16}) {
            for (int channels = 1; channels <= 4; channels++) {
                Raster r = TiledUpscalerTest.gradient(17, 9, d, channels);
                Raster back = roundTripPng(r);
                assertEquals(d, back.depth(), d + " x" + channels);
                assertEquals(channels, back.channels());
                assertTrue(back.sameAs(r), d + " x" + channels);
            }
        }
    }

    @Test
    void floatImagesConvertBothWays() {
        FloatImage img = FloatImage.zeros(5, 4, 3);
        for (int i = 0; i < img.data().length; i++) img.data()[i] = (i % 7) / 6f;
        Raster r = Rasters.fromFloatImage(img, Raster.Depth.F32);
        FloatImage back = Rasters.toFloatImage(r);
        for (int i = 0; i < img.data().length; i++) assertEquals(img.data()[i], back.data()[i], 1e-7);
        Raster r16 = Rasters.fromFloatImage(img, Raster.Depth.U16);
        assertEquals(img.get(3, 2, 1), r16.get(3, 2, 1), 0.5f / 65535);
    }

    @Test
    void floatRastersMapTheirRange() {
        Raster r = Raster.ofFloats(2, 1, 1, new float[] {-50, 150}, -50, 150);
        assertEquals(0f, r.get(0, 0, 0));
        assertEquals(1f, r.get(1, 0, 0));
        r.set(0, 0, 0, 0.25f);
        assertEquals(0f, r.floats()[0]);
    }
}

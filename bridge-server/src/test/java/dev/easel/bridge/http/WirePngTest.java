package dev.easel.bridge.http;

import dev.easel.image.FloatImage;
import dev.easel.image.ImageCodec;
import dev.easel.image.Png;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The bridge's fast PNG path agrees with the pipeline's general codec, byte for byte and value for value. */
class WirePngTest {

    static FloatImage random(int w, int h, int ch, long seed) {
        Random rnd = new Random(seed);
        FloatImage img = FloatImage.zeros(w, h, ch);
        float[] d = img.data();
        // Smooth areas and noise, so every row filter gets chosen by encoders that pick per row.
        for (int i = 0; i < d.length; i++) d[i] = (i % 7 == 0) ? rnd.nextFloat() : ((i / w) % 256) / 255f;
        return img;
    }

    static byte[] imageIo(FloatImage img, int type) throws IOException {
        BufferedImage bi = new BufferedImage(img.width(), img.height(), type);
        var raster = bi.getRaster();
        for (int y = 0; y < img.height(); y++) {
            for (int x = 0; x < img.width(); x++) {
                for (int b = 0; b < raster.getNumBands(); b++) {
                    raster.setSample(x, y, b, Math.round(img.get(x, y, Math.min(b, img.channels() - 1)) * 255));
                }
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(bi, "png", out);
        return out.toByteArray();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4})
    void encodedFilesReadBackExactlyWithTheGeneralCodec(int channels) {
        FloatImage img = random(37, 23, channels, channels);
        byte[] png = WirePng.encode(img, "a cat\nSteps: 20, Seed: 1");
        FloatImage back = ImageCodec.decode(png).image();
        assertEquals(channels, back.channels());
        FloatImage expected = ImageCodec.decode(Png.encode(img, Map.of())).image();
        assertArrayEquals(expected.data(), back.data());
        assertArrayEquals(back.data(), WirePng.decode(png).data());
        assertEquals("a cat\nSteps: 20, Seed: 1", Png.readTexts(png).get("parameters"));
    }

    @Test
    void decodesWhatOtherWritersProduceLikeTheGeneralCodec() throws IOException {
        for (int type : new int[]{BufferedImage.TYPE_3BYTE_BGR, BufferedImage.TYPE_4BYTE_ABGR, BufferedImage.TYPE_BYTE_GRAY}) {
            byte[] png = imageIo(random(64, 48, 3, type), type);
            FloatImage general = ImageCodec.decode(png).image();
            FloatImage fast = WirePng.decode(png);
            assertEquals(general.channels(), fast.channels(), "type " + type);
            assertArrayEquals(general.data(), fast.data(), "type " + type);
        }
        byte[] paeth = Png.encode(random(50, 40, 3, 9), Map.of());
        assertArrayEquals(ImageCodec.decode(paeth).image().data(), WirePng.decode(paeth).data());
    }

    @Test
    void leavesUnusualPngsToTheGeneralCodec() throws IOException {
        byte[] palette = imageIo(random(16, 16, 3, 1), BufferedImage.TYPE_BYTE_INDEXED);
        assertNull(WirePng.decode(palette));
        byte[] sixteen = imageIo(random(16, 16, 1, 2), BufferedImage.TYPE_USHORT_GRAY);
        assertNull(WirePng.decode(sixteen));
        assertNull(WirePng.decode("not a png at all, long enough to look".getBytes()));
    }

    @Test
    void damagedDataIsAnError() {
        byte[] png = WirePng.encode(random(32, 32, 3, 3), null);
        byte[] cut = Arrays.copyOf(png, png.length / 2);
        assertThrows(IllegalArgumentException.class, () -> WirePng.decode(cut));
    }

    @Test
    void unicodeInfotextGoesToAnItxtChunk() {
        String text = "un chat, été\nSteps: 20";
        String latin = "naïve";
        assertEquals(text, Png.readTexts(WirePng.encode(random(8, 8, 3, 4), text)).get("parameters"));
        assertEquals(latin, Png.readTexts(WirePng.encode(random(8, 8, 3, 4), latin)).get("parameters"));
        String cjk = "猫\nSteps: 20";
        assertEquals(cjk, Png.readTexts(WirePng.encode(random(8, 8, 3, 4), cjk)).get("parameters"));
    }

    @Test
    void largeImagesSpanManyStoredBlocks() {
        FloatImage img = random(300, 200, 4, 5);
        byte[] png = WirePng.encode(img, null);
        assertArrayEquals(ImageCodec.decode(png).image().data(), WirePng.decode(png).data());
    }
}

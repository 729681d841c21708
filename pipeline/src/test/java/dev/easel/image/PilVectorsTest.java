package dev.easel.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.easel.image.Resample.Filter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Compares the image operations with values computed by Pillow 11.3 and OpenCV 5.0 on the same
 * inputs ({@code pil-vectors.json}: planar uint8 data, base64). The inputs are the deterministic
 * {@link #pattern} so nothing else needs storing.
 */
class PilVectorsTest {

    private static JsonNode vectors;

    @BeforeAll
    static void load() throws Exception {
        try (InputStream in = PilVectorsTest.class.getResourceAsStream("pil-vectors.json")) {
            vectors = new ObjectMapper().readTree(in);
        }
    }

    static FloatImage pattern(int w, int h, int ch) {
        byte[] b = new byte[w * h * ch];
        for (int c = 0; c < ch; c++)
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++)
                    b[(c * h + y) * w + x] = (byte) ((x * 37 + y * 91 + c * 53 + x * y * 7) % 256);
        return Pixels.fromBytes(b, w, h, ch);
    }

    private static byte[] expected(String key) {
        return Base64.getDecoder().decode(vectors.get(key).asText());
    }

    private static void assertExact(String key, FloatImage actual) {
        assertArrayEquals(expected(key), Pixels.toBytes(actual), key);
    }

    private static void assertWithin(String key, FloatImage actual, int tolerance) {
        byte[] e = expected(key);
        byte[] a = Pixels.toBytes(actual);
        assertTrue(e.length == a.length, key + ": size");
        int worst = 0;
        for (int i = 0; i < e.length; i++) worst = Math.max(worst, Math.abs((e[i] & 0xFF) - (a[i] & 0xFF)));
        assertTrue(worst <= tolerance, key + ": largest difference " + worst + " > " + tolerance);
    }

    @Test
    void lanczosMatchesPillowExactly() {
        FloatImage rgb = pattern(37, 29, 3);
        assertExact("lanczos_37x29_to_16x20", Resize.lanczos(rgb, 16, 20));
        assertExact("lanczos_37x29_to_80x61", Resize.lanczos(rgb, 80, 61));
    }

    @Test
    void otherFiltersMatchPillowExactly() {
        FloatImage rgb = pattern(37, 29, 3);
        assertExact("bilinear_37x29_to_13x9", Resize.resize(rgb, 13, 9, Filter.BILINEAR));
        assertExact("bicubic_37x29_to_50x10", Resize.resize(rgb, 50, 10, Filter.BICUBIC));
        assertExact("bicubic_box_top_37x29_to_37x5", Resize.resize(rgb, 37, 5, Filter.BICUBIC, new double[] {0, 0, 37, 0}));
        assertExact("bicubic_box_right_37x29_to_6x29", Resize.resize(rgb, 6, 29, Filter.BICUBIC, new double[] {37, 0, 37, 29}));
        assertExact("nearest_37x29_to_20x41", Resize.nearest(rgb, 20, 41));
        assertExact("grey_37x29", Images.toGrey(rgb));
    }

    @Test
    void a1111ResizeModesMatch() {
        FloatImage rgb = pattern(37, 29, 3);
        for (int mode = 0; mode <= 2; mode++) {
            assertExact("resize_image_" + mode + "_37x29_to_24x32", Resize.resizeImage(mode, rgb, 24, 32));
            assertExact("resize_image_" + mode + "_37x29_to_64x16", Resize.resizeImage(mode, rgb, 64, 16));
        }
    }

    @Test
    void maskBlurMatchesOpenCvWithinOneLevel() {
        FloatImage mask = Pixels.fromBytes(expected("mask_48x40"), 48, 40, 1);
        assertWithin("cv_blur4_48x40", GaussianBlur.maskBlur(mask, 4, 4), 1);
        assertWithin("cv_blurx7_48x40", GaussianBlur.maskBlur(mask, 7, 0), 1);
        FloatImage blurred = Pixels.fromBytes(expected("cv_blur4_48x40"), 48, 40, 1);
        assertWithin("latmask_48x40_to_6x5", Resize.resize(blurred, 6, 5, Filter.BICUBIC), 0);
    }

    @Test
    void pillowGaussianBlurMatches() {
        FloatImage rgb = pattern(37, 29, 3);
        assertWithin("pil_blur4_37x29", GaussianBlur.pil(rgb, 4), 1);
        assertWithin("pil_blur16_37x29", GaussianBlur.pil(rgb, 16), 1);
    }

    @Test
    void maskedContentFillIsCloseToA1111() {
        FloatImage rgb = pattern(48, 40, 3);
        FloatImage mask = Pixels.fromBytes(expected("cv_blur4_48x40"), 48, 40, 1);
        assertWithin("fill_48x40", Masks.fill(rgb, mask), 3);
    }
}

package dev.easel.bridge.a1111;

import dev.easel.bridge.http.ApiException;
import dev.easel.bridge.http.ImagePayloads;
import dev.easel.image.FloatImage;

/** Input images and masks from base64 fields, checked and converted the way A1111 reads them. */
public final class Uploads {
    /** A1111's {@code create_binary_mask}: alpha above 128 counts as "repaint". */
    static final float ALPHA_THRESHOLD = 128f / 255f;

    private Uploads() { }

    public static FloatImage image(String field, String data, long maxPixels) {
        return ImagePayloads.decode(field, data, maxPixels).image();
    }

    /**
     * A mask as one channel, 1 = repaint. Like A1111's {@code create_binary_mask}: an RGBA mask whose
     * alpha is not fully opaque is read from its alpha thresholded at 128, anything else as luma.
     */
    public static FloatImage mask(String field, String data, long maxPixels, int width, int height) {
        FloatImage m = image(field, data, maxPixels);
        if (m.width() != width || m.height() != height) {
            throw ApiException.badField(field, "the mask is " + m.width() + "x" + m.height()
                    + " but the image is " + width + "x" + height + "; send a mask of the same size");
        }
        int plane = width * height;
        float[] d = m.data();
        float[] out = new float[plane];
        if (m.channels() == 4 && !opaque(d, 3 * plane, plane)) {
            for (int i = 0; i < plane; i++) out[i] = d[3 * plane + i] > ALPHA_THRESHOLD ? 1f : 0f;
        } else if (m.channels() >= 3) {
            for (int i = 0; i < plane; i++) {
                out[i] = luma(d[i], d[plane + i], d[2 * plane + i]);
            }
        } else {
            System.arraycopy(d, 0, out, 0, plane);
        }
        return new FloatImage(width, height, 1, out);
    }

    private static boolean opaque(float[] d, int from, int n) {
        for (int i = from; i < from + n; i++) if (d[i] < 1f) return false;
        return true;
    }

    /** Pillow's convert("L"): ITU-R 601-2 luma on 8-bit values. */
    private static float luma(float r, float g, float b) {
        int r8 = Math.round(r * 255f), g8 = Math.round(g * 255f), b8 = Math.round(b * 255f);
        int l = (r8 * 19595 + g8 * 38470 + b8 * 7471 + 0x8000) >> 16;
        return l / 255f;
    }
}

package dev.easel.image;

/** Crop, paste, channel conversions and flattening for {@link FloatImage}s. */
public final class Images {

    private Images() { }

    /**
     * The rectangle {@code [x, x+w) x [y, y+h)} of {@code src} as a new image. Parts outside the
     * source are zero (Pillow's {@code crop} fills outside with black, which A1111 relies on).
     */
    public static FloatImage crop(FloatImage src, int x, int y, int w, int h) {
        FloatImage out = FloatImage.zeros(w, h, src.channels());
        int x0 = Math.max(0, -x);
        int x1 = Math.min(w, src.width() - x);
        if (x1 <= x0) return out;
        for (int c = 0; c < src.channels(); c++) {
            for (int yy = 0; yy < h; yy++) {
                int sy = y + yy;
                if (sy < 0 || sy >= src.height()) continue;
                System.arraycopy(src.data(), src.index(x + x0, sy, c), out.data(), out.index(x0, yy, c), x1 - x0);
            }
        }
        return out;
    }

    /** Copies {@code src} into {@code dst} with its top-left corner at (x, y), clipped to {@code dst}. Same channel count. */
    public static void paste(FloatImage dst, FloatImage src, int x, int y) {
        requireSameChannels(dst, src);
        int x0 = Math.max(0, -x);
        int x1 = Math.min(src.width(), dst.width() - x);
        if (x1 <= x0) return;
        for (int c = 0; c < src.channels(); c++) {
            for (int yy = 0; yy < src.height(); yy++) {
                int dy = y + yy;
                if (dy < 0 || dy >= dst.height()) continue;
                System.arraycopy(src.data(), src.index(x0, yy, c), dst.data(), dst.index(x + x0, dy, c), x1 - x0);
            }
        }
    }

    /**
     * Blends {@code top} over {@code bottom} by a one-channel {@code alpha} (1 = top): {@code bottom + (top - bottom) * a}.
     * Where alpha is 0 the result is exactly {@code bottom}'s value, bit for bit.
     */
    public static FloatImage blend(FloatImage bottom, FloatImage top, FloatImage alpha) {
        requireSameChannels(bottom, top);
        if (bottom.width() != top.width() || bottom.height() != top.height()
                || alpha.width() != top.width() || alpha.height() != top.height()) {
            throw new IllegalArgumentException("blend needs equal sizes, got " + bottom + ", " + top + ", " + alpha);
        }
        int n = bottom.width() * bottom.height();
        float[] out = bottom.data().clone();
        float[] t = top.data();
        float[] a = alpha.data();
        for (int c = 0; c < bottom.channels(); c++) {
            int o = c * n;
            for (int i = 0; i < n; i++) {
                float ai = a[i];
                if (ai > 0f) out[o + i] = ai >= 1f ? t[o + i] : out[o + i] + (t[o + i] - out[o + i]) * ai;
            }
        }
        return new FloatImage(bottom.width(), bottom.height(), bottom.channels(), out);
    }

    /** Background A1111 flattens transparent inputs onto (option {@code img2img_background_color}, #ffffff). */
    public static final float[] WHITE = {1f, 1f, 1f};

    /**
     * An RGB view of any image: grey is repeated, grey+alpha and RGBA are composited over
     * {@code background} (A1111 {@code images.flatten}), RGB is returned as is.
     */
    public static FloatImage toRgb(FloatImage img, float[] background) {
        int n = img.width() * img.height();
        float[] d = img.data();
        return switch (img.channels()) {
            case 3 -> img;
            case 1 -> {
                float[] out = new float[n * 3];
                for (int c = 0; c < 3; c++) System.arraycopy(d, 0, out, c * n, n);
                yield new FloatImage(img.width(), img.height(), 3, out);
            }
            case 2, 4 -> {
                int colour = img.channels() - 1;
                int alphaOffset = colour * n;
                float[] out = new float[n * 3];
                for (int c = 0; c < 3; c++) {
                    int src = colour == 1 ? 0 : c * n;
                    for (int i = 0; i < n; i++) {
                        float a = d[alphaOffset + i];
                        out[c * n + i] = a >= 1f ? d[src + i] : d[src + i] * a + background[c] * (1f - a);
                    }
                }
                yield new FloatImage(img.width(), img.height(), 3, out);
            }
            default -> throw new IllegalArgumentException("cannot make RGB from " + img.channels() + " channels");
        };
    }

    /** Pillow's {@code convert('L')}: ITU-R 601-2 luma with Pillow's 16-bit fixed-point weights, on 8-bit values. */
    public static FloatImage toGrey(FloatImage img) {
        if (img.channels() == 1) return img;
        if (img.channels() == 2) return img.channel(0);
        int n = img.width() * img.height();
        float[] d = img.data();
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            int r = Pixels.toByte(d[i]);
            int g = Pixels.toByte(d[n + i]);
            int b = Pixels.toByte(d[2 * n + i]);
            out[i] = ((r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16) / 255f; // Pillow's L24 macro
        }
        return new FloatImage(img.width(), img.height(), 1, out);
    }

    /** True when every channel plane of {@code a} and {@code b} holds the same 8-bit values. */
    public static boolean equal8(FloatImage a, FloatImage b) {
        return a.width() == b.width() && a.height() == b.height() && a.channels() == b.channels()
                && java.util.Arrays.equals(Pixels.toBytes(a), Pixels.toBytes(b));
    }

    private static void requireSameChannels(FloatImage a, FloatImage b) {
        if (a.channels() != b.channels()) {
            throw new IllegalArgumentException("channel counts differ: " + a + " vs " + b);
        }
    }
}

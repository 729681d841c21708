package dev.easel.faces;

import dev.easel.upscale.PixelAccess;

/** Reading colour from {@link PixelAccess} at fractional positions. */
final class Sampling {
    /** One RGB triple per thread: bilinear reads run once per crop pixel (262 144 per face). */
    private static final ThreadLocal<float[]> SCRATCH = ThreadLocal.withInitial(() -> new float[3]);

    private Sampling() { }

    /** RGB of (x, y) in [0, 1]; grey images give three equal values. */
    static void rgb(PixelAccess img, int x, int y, float[] out) {
        if (img.channels() >= 3) {
            out[0] = img.get(x, y, 0);
            out[1] = img.get(x, y, 1);
            out[2] = img.get(x, y, 2);
        } else {
            float g = img.get(x, y, 0);
            out[0] = g;
            out[1] = g;
            out[2] = g;
        }
    }

    /**
     * Pixel (x, y) of the image resized by {@code scale}: an area average when shrinking (like
     * {@code INTER_AREA}), bilinear when enlarging, a plain read at scale 1.
     */
    static void resized(PixelAccess img, int x, int y, double scale, float[] out) {
        if (scale == 1.0) {
            rgb(img, x, y, out);
            return;
        }
        if (scale > 1.0) {
            bilinear(img, (x + 0.5) / scale - 0.5, (y + 0.5) / scale - 0.5, out, null);
            return;
        }
        int x0 = (int) Math.floor(x / scale);
        int x1 = Math.min(img.width(), Math.max(x0 + 1, (int) Math.floor((x + 1) / scale)));
        int y0 = (int) Math.floor(y / scale);
        int y1 = Math.min(img.height(), Math.max(y0 + 1, (int) Math.floor((y + 1) / scale)));
        float[] p = new float[3];
        double r = 0, g = 0, b = 0;
        for (int yy = y0; yy < y1; yy++) {
            for (int xx = x0; xx < x1; xx++) {
                rgb(img, xx, yy, p);
                r += p[0];
                g += p[1];
                b += p[2];
            }
        }
        int n = (x1 - x0) * (y1 - y0);
        out[0] = (float) (r / n);
        out[1] = (float) (g / n);
        out[2] = (float) (b / n);
    }

    /**
     * Bilinear RGB at (fx, fy) in pixel-index coordinates. Samples outside the image take
     * {@code border} (RGB), or the nearest edge pixel when {@code border} is null.
     */
    static void bilinear(PixelAccess img, double fx, double fy, float[] out, float[] border) {
        int w = img.width();
        int h = img.height();
        int x0 = (int) Math.floor(fx);
        int y0 = (int) Math.floor(fy);
        float ax = (float) (fx - x0);
        float ay = (float) (fy - y0);
        float[] p = SCRATCH.get();
        out[0] = 0;
        out[1] = 0;
        out[2] = 0;
        for (int dy = 0; dy < 2; dy++) {
            float wy = dy == 0 ? 1 - ay : ay;
            if (wy == 0) continue;
            for (int dx = 0; dx < 2; dx++) {
                float wx = dx == 0 ? 1 - ax : ax;
                if (wx == 0) continue;
                int xx = x0 + dx;
                int yy = y0 + dy;
                boolean inside = xx >= 0 && yy >= 0 && xx < w && yy < h;
                if (inside) {
                    rgb(img, xx, yy, p);
                } else if (border != null) {
                    System.arraycopy(border, 0, p, 0, 3);
                } else {
                    rgb(img, Math.min(w - 1, Math.max(0, xx)), Math.min(h - 1, Math.max(0, yy)), p);
                }
                float k = wx * wy;
                out[0] += k * p[0];
                out[1] += k * p[1];
                out[2] += k * p[2];
            }
        }
    }
}

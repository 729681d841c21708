package dev.easel.generate;

import dev.easel.image.FloatImage;
import dev.easel.image.Images;
import dev.easel.noise.NoiseSource;

/**
 * Outpainting as A1111's outpainting scripts prepare it: a larger canvas with the picture placed
 * inside, the new area filled by stretching the picture's edge pixels outward plus seeded noise (so
 * the sampler has colour and texture to start from), a mask over the new area and a blend band
 * reaching into the picture, and a narrower latent mask (the "poor man's outpainting" geometry).
 *
 * @param canvas     the enlarged RGB image
 * @param mask       1 over the new area and the blend band
 * @param latentMask 1 over the new area and half a mask blur into the picture
 * @param left       where the picture sits in the canvas
 * @param up         where the picture sits in the canvas
 */
record Outpaint(FloatImage canvas, FloatImage mask, FloatImage latentMask, int left, int up) {

    /** Standard deviation of the noise added to the stretched edges, in [0, 1] pixel units. */
    static final float FILL_NOISE = 0.1f;

    static Outpaint prepare(FloatImage image, int left, int right, int up, int down, int maskBlur, long seed) {
        FloatImage rgb = Images.toRgb(image, Images.WHITE);
        int w0 = rgb.width();
        int h0 = rgb.height();
        int w = w0 + left + right;
        int h = h0 + up + down;
        // the model needs multiples of 8: grow the right and bottom sides
        int extraX = (8 - w % 8) % 8;
        int extraY = (8 - h % 8) % 8;
        right += extraX;
        down += extraY;
        w += extraX;
        h += extraY;
        int n = w * h;
        float[] noise = NoiseSource.CPU.generator(seed).randn(3 * n);
        float[] out = new float[3 * n];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < h; y++) {
                int sy = Math.min(Math.max(y - up, 0), h0 - 1);
                boolean insideY = y >= up && y < up + h0;
                for (int x = 0; x < w; x++) {
                    int sx = Math.min(Math.max(x - left, 0), w0 - 1);
                    float v = rgb.get(sx, sy, c);
                    int i = y * w + x;
                    if (!(insideY && x >= left && x < left + w0)) {
                        v = Math.max(0f, Math.min(1f, v + FILL_NOISE * noise[c * n + i]));
                    }
                    out[c * n + i] = v;
                }
            }
        }
        FloatImage canvas = new FloatImage(w, h, 3, out);
        FloatImage mask = band(w, h, left, right, up, down, maskBlur * 2);
        FloatImage latentMask = band(w, h, left, right, up, down, maskBlur / 2);
        return new Outpaint(canvas, mask, latentMask, left, up);
    }

    /** White everywhere but the picture's rectangle, which shrinks by {@code band} on every extended side. */
    private static FloatImage band(int w, int h, int left, int right, int up, int down, int band) {
        int x1 = left + (left > 0 ? band : 0);
        int y1 = up + (up > 0 ? band : 0);
        int x2 = w - right - (right > 0 ? band : 0);
        int y2 = h - down - (down > 0 ? band : 0);
        FloatImage m = FloatImage.zeros(w, h, 1);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean keep = x >= x1 && x < x2 && y >= y1 && y < y2;
                m.set(x, y, 0, keep ? 0f : 1f);
            }
        }
        return m;
    }
}

package dev.easel.upscale;

import dev.easel.image.FloatImage;

/**
 * Random access to normalised samples of an image, whatever its storage: the face restorer and the
 * resamplers read and write through this so they work on {@link Raster}s (8/16-bit, interleaved) and
 * {@link FloatImage}s (planar float) alike. Channel order is grey, grey+alpha, RGB or RGBA.
 */
public interface PixelAccess {
    int width();

    int height();

    int channels();

    /** Sample (x, y, c), normally in [0, 1]. */
    float get(int x, int y, int c);

    /** Stores a sample; storage with fewer bits clamps and rounds. */
    void set(int x, int y, int c, float v);

    /** A view of a {@link FloatImage}: reads and writes go straight to its array, unclamped. */
    static PixelAccess of(FloatImage image) {
        return new PixelAccess() {
            @Override public int width() { return image.width(); }
            @Override public int height() { return image.height(); }
            @Override public int channels() { return image.channels(); }
            @Override public float get(int x, int y, int c) { return image.get(x, y, c); }
            @Override public void set(int x, int y, int c, float v) { image.set(x, y, c, v); }
        };
    }
}

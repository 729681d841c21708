package dev.easel.upscale;

import dev.easel.image.FloatImage;

/**
 * An upscaler as A1111 lists them ("None", "Lanczos", "Nearest", model files): {@link #pass} is one
 * application (A1111's {@code do_upscale}); {@link #upscale} repeats it and resizes to the size
 * A1111 would give. Implementations holding a model must be closed.
 */
public interface Upscaler extends AutoCloseable {

    /** A1111 applies {@code do_upscale} at most this many times per upscale (modules/upscaler.py). */
    int MAX_PASSES = 3;

    /** The name clients pick it by ({@code upscaler_1}, {@code hr_upscaler}). */
    String name();

    /**
     * One application: a model's own factor (the scale argument is ignored), or exactly
     * {@code scale} for the resampling upscalers (size truncated as A1111's {@code int(w * scale)}).
     */
    Raster pass(Raster image, double scale, Monitor monitor);

    /**
     * A1111's {@code Upscaler.upscale}: the target is {@code (w * scale) // 8 * 8} by
     * {@code (h * scale) // 8 * 8}; passes repeat (at most three) until the image reaches it, then a
     * Lanczos resize gives exactly that size, so a x4 model asked for x2 runs once and is scaled down.
     *
     * @throws IllegalArgumentException when the target would be empty
     */
    default Raster upscale(Raster image, double scale, Monitor monitor) {
        // A1111 rounds the destination down to a multiple of 8 (Upscaler.upscale)
        int destW = (int) (Math.floor(image.width() * scale / 8) * 8);
        int destH = (int) (Math.floor(image.height() * scale / 8) * 8);
        if (destW <= 0 || destH <= 0) {
            throw new IllegalArgumentException("upscaling " + image.width() + "x" + image.height() + " by " + scale
                    + " gives an empty image (A1111 rounds the result down to a multiple of 8); use a larger factor");
        }
        Raster img = image;
        for (int i = 0; i < MAX_PASSES; i++) {
            int w = img.width();
            int h = img.height();
            img = pass(img, scale, monitor);
            if (img.width() == w && img.height() == h) break;
            if (img.width() >= destW && img.height() >= destH) break;
        }
        if (img.width() != destW || img.height() != destH) img = RasterResize.lanczos(img, destW, destH);
        return img;
    }

    /** {@link #upscale} for a planar float image (values kept in [0, 1]). */
    default FloatImage upscale(FloatImage image, double scale, Monitor monitor) {
        return Rasters.toFloatImage(upscale(Rasters.fromFloatImage(image, Raster.Depth.F32), scale, monitor));
    }

    /** Aborts a model call in flight; the next {@link #upscale} starts afresh. */
    default void interrupt() { }

    @Override
    default void close() { }
}

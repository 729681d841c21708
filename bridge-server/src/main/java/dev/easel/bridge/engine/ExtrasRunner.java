package dev.easel.bridge.engine;

import dev.easel.generate.Control;
import dev.easel.image.FloatImage;
import dev.easel.upscale.Monitor;
import dev.easel.upscale.TileSettings;
import dev.easel.upscale.Upscaler;

/**
 * A1111's extras upscale step ({@code ScriptPostprocessingUpscale}): scale by a factor or to a
 * size, optionally blend a second upscaler in, and in "to size" mode with crop, centre the result
 * on a canvas of exactly that size.
 */
final class ExtrasRunner {
    private final UpscalerPool upscalers;

    ExtrasRunner(UpscalerPool upscalers) {
        this.upscalers = upscalers;
    }

    FloatImage upscale(FloatImage image, ExtrasRequest r, Control control) {
        if ("None".equals(r.upscaler1())) return image;
        double scale = r.resizeMode() == 1
                ? Math.max((double) r.resizeWidth() / image.width(), (double) r.resizeHeight() / image.height())
                : r.upscalingResize();
        Monitor monitor = Monitor.of(control, (done, total) -> { });
        TileSettings tiles = TileSettings.of(r.tile(), r.tileOverlap());
        Upscaler first = upscalers.get(r.upscaler1(), tiles);
        FloatImage out = first.upscale(image, scale, monitor);
        if (!"None".equals(r.upscaler2()) && r.upscaler2Visibility() > 0) {
            FloatImage second = upscalers.get(r.upscaler2(), tiles).upscale(image, scale, monitor);
            out = blend(out, second, (float) r.upscaler2Visibility());
        }
        if (r.resizeMode() == 1 && r.crop()) out = centreOn(out, r.resizeWidth(), r.resizeHeight());
        return out;
    }

    /** Pillow's {@code Image.blend(a, b, alpha)}: a * (1 - alpha) + b * alpha. */
    static FloatImage blend(FloatImage a, FloatImage b, float alpha) {
        if (a.width() != b.width() || a.height() != b.height() || a.channels() != b.channels()) return a;
        float[] out = new float[a.data().length];
        for (int i = 0; i < out.length; i++) out[i] = a.data()[i] * (1 - alpha) + b.data()[i] * alpha;
        return new FloatImage(a.width(), a.height(), a.channels(), out);
    }

    /** A1111 pastes the upscaled image centred on a black canvas of the target size (cropping what overhangs). */
    static FloatImage centreOn(FloatImage img, int w, int h) {
        FloatImage canvas = FloatImage.zeros(w, h, img.channels());
        int ox = w / 2 - img.width() / 2;
        int oy = h / 2 - img.height() / 2;
        for (int c = 0; c < img.channels(); c++) {
            for (int y = 0; y < h; y++) {
                int sy = y - oy;
                if (sy < 0 || sy >= img.height()) continue;
                for (int x = 0; x < w; x++) {
                    int sx = x - ox;
                    if (sx >= 0 && sx < img.width()) canvas.set(x, y, c, img.get(sx, sy, c));
                }
            }
        }
        return canvas;
    }
}

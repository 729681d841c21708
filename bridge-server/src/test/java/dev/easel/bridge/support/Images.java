package dev.easel.bridge.support;

import dev.easel.image.FloatImage;
import dev.easel.image.ImageCodec;
import dev.easel.image.Png;

import java.util.Base64;
import java.util.Map;

/** Test images as clients send and receive them. */
public final class Images {
    private Images() { }

    /** A smooth RGB gradient, so img2img has structure to keep. */
    public static FloatImage gradient(int w, int h) {
        FloatImage img = FloatImage.zeros(w, h, 3);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.set(x, y, 0, (float) x / w);
                img.set(x, y, 1, (float) y / h);
                img.set(x, y, 2, 0.5f);
            }
        }
        return img;
    }

    /** White (repaint) in the rectangle, black elsewhere. */
    public static FloatImage mask(int w, int h, int x0, int y0, int x1, int y1) {
        FloatImage m = FloatImage.zeros(w, h, 3);
        for (int c = 0; c < 3; c++) for (int y = y0; y < y1; y++) for (int x = x0; x < x1; x++) m.set(x, y, c, 1f);
        return m;
    }

    public static String dataUri(FloatImage img) {
        return "data:image/png;base64," + base64(img);
    }

    public static String base64(FloatImage img) {
        return Base64.getEncoder().encodeToString(Png.encode(img, Map.of()));
    }

    public static FloatImage decode(String b64) {
        return ImageCodec.decode(Base64.getDecoder().decode(b64)).image();
    }
}

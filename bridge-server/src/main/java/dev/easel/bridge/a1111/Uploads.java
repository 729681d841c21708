package dev.easel.bridge.a1111;

import dev.easel.bridge.http.ApiException;
import dev.easel.bridge.http.ImagePayloads;
import dev.easel.image.FloatImage;
import dev.easel.image.Masks;

/** Input images and masks from base64 fields, checked and converted the way A1111 reads them. */
public final class Uploads {
    private Uploads() { }

    public static FloatImage image(String field, String data, long maxPixels) {
        return ImagePayloads.decode(field, data, maxPixels);
    }

    /**
     * A mask as one channel, 1 = repaint, read as A1111's {@code create_binary_mask} does; it must be
     * the size of the image it belongs to.
     */
    public static FloatImage mask(String field, String data, long maxPixels, int width, int height) {
        FloatImage m = image(field, data, maxPixels);
        if (m.width() != width || m.height() != height) {
            throw ApiException.badField(field, "the mask is " + m.width() + "x" + m.height()
                    + " but the image is " + width + "x" + height + "; send a mask of the same size");
        }
        return Masks.fromImage(m);
    }
}

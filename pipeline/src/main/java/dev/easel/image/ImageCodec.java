package dev.easel.image;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Map;

/** Reads PNG and JPEG files (any bit depth, grey, palette, alpha) with their embedded texts. */
public final class ImageCodec {

    static {
        ImageIO.setUseCache(false); // the disk cache only slows in-memory decoding
    }

    private ImageCodec() { }

    /**
     * Decodes an image file held in memory.
     *
     * @throws IllegalArgumentException with a message a user can act on when the bytes are not a readable image
     */
    public static DecodedImage decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new IllegalArgumentException("the image is empty: send a PNG or JPEG file");
        }
        BufferedImage img;
        try {
            img = ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("the image could not be decoded (" + e.getMessage() + "): send a valid PNG or JPEG", e);
        }
        if (img == null) {
            throw new IllegalArgumentException("unrecognised image format: send a PNG or JPEG");
        }
        FloatImage pixels = BufferedImages.toFloat(img);
        if (Png.isPng(bytes)) {
            return new DecodedImage(pixels, Png.readTexts(bytes), "png");
        }
        if (Jpeg.isJpeg(bytes)) {
            String comment = Jpeg.readUserComment(bytes);
            return new DecodedImage(pixels, comment == null ? Map.of() : Map.of("parameters", comment), "jpeg");
        }
        return new DecodedImage(pixels, Map.of(), "other");
    }

    /** The A1111 {@code parameters} text of an image file (PNG text chunk or JPEG EXIF user comment), or null. */
    public static String readParameters(byte[] bytes) {
        if (Png.isPng(bytes)) return Png.readTexts(bytes).get("parameters");
        if (Jpeg.isJpeg(bytes)) return Jpeg.readUserComment(bytes);
        return null;
    }
}

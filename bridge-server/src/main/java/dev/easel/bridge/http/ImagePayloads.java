package dev.easel.bridge.http;

import com.fasterxml.jackson.databind.node.BinaryNode;
import dev.easel.image.FloatImage;
import dev.easel.image.ImageCodec;
import dev.easel.image.Png;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.Iterator;

/**
 * Images as they travel in JSON: base64 (optionally a {@code data:image/...;base64,} URI, which
 * A1111 strips and the sdwebuiapi client always sends) holding a PNG or JPEG file. Dimensions are
 * read from the file header and checked against the pixel limit before anything is decoded, so a
 * small file claiming a huge size cannot exhaust memory.
 */
public final class ImagePayloads {
    static {
        ImageIO.setUseCache(false);
    }

    private ImagePayloads() { }

    /** The width and height a file declares. */
    public record Size(int width, int height) {
        public long pixels() { return (long) width * height; }
    }

    /** Base64 (with or without a data URI prefix) to bytes; a 422 naming {@code field} when broken. */
    public static byte[] base64(String field, String data) {
        if (data == null || data.isBlank()) throw ApiException.badField(field, "the image is empty; send a base64 PNG");
        String s = data;
        if (s.startsWith("data:")) {
            int comma = s.indexOf(',');
            if (comma < 0 || !s.substring(0, comma).endsWith(";base64")) {
                throw ApiException.badField(field, "a data URI must look like data:image/png;base64,<data>");
            }
            s = s.substring(comma + 1);
        }
        if (s.startsWith("http://") || s.startsWith("https://")) {
            // A1111 fetches URLs only when api_enable_requests is on; the bridge never fetches.
            throw ApiException.badField(field, "image URLs are not fetched; send the image itself as base64");
        }
        try {
            return Base64.getDecoder().decode(s); // the common case: one line, no whitespace
        } catch (IllegalArgumentException ignored) {
            // wrapped lines or stray characters: checked below
        }
        try {
            return Base64.getMimeDecoder().decode(strictBase64(field, s));
        } catch (IllegalArgumentException e) {
            throw ApiException.badField(field, "broken base64 (" + e.getMessage() + "); send the PNG file's bytes base64-encoded");
        }
    }

    /** Rejects characters outside the base64 alphabet (the MIME decoder would skip them silently). */
    private static String strictBase64(String field, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '+' || c == '/' || c == '=' || c == '\n' || c == '\r' || c == ' ' || c == '\t';
            if (!ok) {
                throw ApiException.badField(field, "broken base64: character '" + c + "' at " + i
                        + "; send the PNG file's bytes base64-encoded");
            }
        }
        return s;
    }

    /** The size a PNG or JPEG declares, read from its header only. */
    public static Size size(String field, byte[] file) {
        if (isPng(file)) {
            if (file.length < 24) throw ApiException.badField(field, "truncated PNG header");
            int w = readInt(file, 16);
            int h = readInt(file, 20);
            if (w <= 0 || h <= 0) throw ApiException.badField(field, "the PNG declares an invalid size " + w + "x" + h);
            return new Size(w, h);
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(file))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) throw notAnImage(field);
            ImageReader r = readers.next();
            try {
                r.setInput(in, true, true);
                return new Size(r.getWidth(0), r.getHeight(0));
            } finally {
                r.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw notAnImage(field);
        }
    }

    /** Decodes an uploaded image after checking its declared size against {@code maxPixels}. */
    public static FloatImage decode(String field, String data, long maxPixels) {
        byte[] file = base64(field, data);
        Size size = size(field, file);
        if (size.pixels() > maxPixels) {
            throw ApiException.badField(field, "the image is " + size.width() + "x" + size.height()
                    + ", more than the limit of " + maxPixels + " pixels; send a smaller image or start the bridge with a larger --max-pixels");
        }
        try {
            FloatImage fast = isPng(file) ? WirePng.decode(file) : null;
            return fast != null ? fast : ImageCodec.decode(file).image();
        } catch (IllegalArgumentException e) {
            throw ApiException.badField(field, e.getMessage());
        }
    }

    /** Encodes a PNG with the infotext as its "parameters" text chunk (null for none), as base64. */
    public static String encode(FloatImage image, String parameters) {
        return Base64.getEncoder().encodeToString(png(image, parameters));
    }

    /**
     * The PNG as a JSON node that serialises as its base64 text: Jackson encodes it straight into
     * the answer, skipping one large String and the escape scan over it.
     */
    public static BinaryNode pngNode(FloatImage image, String parameters) {
        return Json.MAPPER.getNodeFactory().binaryNode(png(image, parameters));
    }

    public static byte[] png(FloatImage image, String parameters) {
        return WirePng.encode(image, parameters);
    }

    public static boolean isPng(byte[] file) {
        return Png.isPng(file);
    }

    private static ApiException notAnImage(String field) {
        return ApiException.badField(field, "not an image; send a base64 PNG or JPEG file");
    }

    private static int readInt(byte[] b, int off) {
        return ((b[off] & 0xff) << 24) | ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff);
    }
}

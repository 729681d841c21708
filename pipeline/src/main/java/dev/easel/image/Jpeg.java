package dev.easel.image;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * JPEG writing with the infotext in EXIF {@code UserComment}, and reading that comment back, as A1111
 * does for JPEG and WebP (piexif's "UNICODE" encoding: an 8-byte charset prefix then UTF-16).
 */
public final class Jpeg {

    private static final int TAG_EXIF_IFD = 0x8769;
    private static final int TAG_USER_COMMENT = 0x9286;
    private static final byte[] UNICODE_PREFIX = "UNICODE\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ASCII_PREFIX = "ASCII\0\0\0".getBytes(StandardCharsets.US_ASCII);

    private Jpeg() { }

    public static boolean isJpeg(byte[] b) {
        return b.length >= 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF;
    }

    /** Encodes RGB (alpha is flattened on white) at {@code quality} in (0, 1], with {@code userComment} in EXIF when not null. */
    public static byte[] encode(FloatImage img, float quality, String userComment) {
        FloatImage rgb = Images.toRgb(img, Images.WHITE);
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ImageOutputStream ios = new MemoryCacheImageOutputStream(bos)) {
            writer.setOutput(ios);
            ImageWriteParam p = writer.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(quality);
            writer.write(null, new IIOImage(BufferedImages.fromFloat(rgb), null, null), p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        byte[] jpg = bos.toByteArray();
        return userComment == null ? jpg : insertApp1(jpg, exifWithComment(userComment));
    }

    private static byte[] exifWithComment(String comment) {
        byte[] text = comment.getBytes(StandardCharsets.UTF_16BE);
        int valueLen = UNICODE_PREFIX.length + text.length;
        // TIFF header (8) + IFD0 with one entry (2+12+4) + Exif IFD with one entry (2+12+4) + value
        ByteBuffer t = ByteBuffer.allocate(8 + 18 + 18 + valueLen).order(ByteOrder.BIG_ENDIAN);
        t.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8);
        t.putShort((short) 1);
        t.putShort((short) TAG_EXIF_IFD).putShort((short) 4).putInt(1).putInt(8 + 18);
        t.putInt(0);
        t.putShort((short) 1);
        t.putShort((short) TAG_USER_COMMENT).putShort((short) 7).putInt(valueLen).putInt(8 + 18 + 18);
        t.putInt(0);
        t.put(UNICODE_PREFIX).put(text);
        byte[] tiff = t.array();
        byte[] app1 = new byte[6 + tiff.length];
        System.arraycopy("Exif\0\0".getBytes(StandardCharsets.US_ASCII), 0, app1, 0, 6);
        System.arraycopy(tiff, 0, app1, 6, tiff.length);
        return app1;
    }

    private static byte[] insertApp1(byte[] jpg, byte[] payload) {
        if (payload.length + 2 > 0xFFFF) {
            throw new IllegalArgumentException("infotext too long for a JPEG EXIF segment (" + payload.length + " bytes)");
        }
        // after SOI and a JFIF APP0 if present
        int at = 2;
        if ((jpg[2] & 0xFF) == 0xFF && (jpg[3] & 0xFF) == 0xE0) at = 4 + (((jpg[4] & 0xFF) << 8) | (jpg[5] & 0xFF));
        ByteArrayOutputStream out = new ByteArrayOutputStream(jpg.length + payload.length + 4);
        out.write(jpg, 0, at);
        int len = payload.length + 2;
        out.write(0xFF);
        out.write(0xE1);
        out.write(len >> 8);
        out.write(len & 0xFF);
        out.writeBytes(payload);
        out.write(jpg, at, jpg.length - at);
        return out.toByteArray();
    }

    /** The EXIF {@code UserComment} of a JPEG as text, or null when there is none or it cannot be read. */
    public static String readUserComment(byte[] jpg) {
        if (!isJpeg(jpg)) return null;
        int pos = 2;
        while (pos + 4 <= jpg.length) {
            if ((jpg[pos] & 0xFF) != 0xFF) return null;
            int marker = jpg[pos + 1] & 0xFF;
            if (marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7) || marker == 0x01) { pos += 2; continue; }
            if (marker == 0xDA || marker == 0xD9) return null; // image data starts: no EXIF before it
            int len = ((jpg[pos + 2] & 0xFF) << 8) | (jpg[pos + 3] & 0xFF);
            int data = pos + 4;
            if (marker == 0xE1 && len >= 8 && data + len - 2 <= jpg.length
                    && new String(jpg, data, 6, StandardCharsets.ISO_8859_1).equals("Exif\0\0")) {
                try {
                    String c = userCommentFromTiff(ByteBuffer.wrap(jpg, data + 6, len - 8).slice());
                    if (c != null) return c;
                } catch (RuntimeException e) {
                    return null; // a damaged EXIF block carries no usable comment
                }
            }
            pos = data + len - 2;
        }
        return null;
    }

    private static String userCommentFromTiff(ByteBuffer t) {
        byte o = t.get(0);
        t.order(o == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        int ifd0 = t.getInt(4);
        int exifIfd = findTag(t, ifd0, TAG_EXIF_IFD, null);
        if (exifIfd < 0) return null;
        int[] count = new int[1];
        int off = findTag(t, exifIfd, TAG_USER_COMMENT, count);
        if (off < 0 || count[0] < 8) return null;
        byte[] raw = new byte[count[0]];
        t.get(off, raw);
        return decodeComment(raw);
    }

    /** The value offset (or inline value) of {@code tag} in the IFD at {@code ifd}; -1 when absent. */
    private static int findTag(ByteBuffer t, int ifd, int tag, int[] countOut) {
        int n = t.getShort(ifd) & 0xFFFF;
        for (int i = 0; i < n; i++) {
            int e = ifd + 2 + 12 * i;
            if ((t.getShort(e) & 0xFFFF) == tag) {
                int count = t.getInt(e + 4);
                if (countOut != null) countOut[0] = count;
                return count <= 4 && countOut != null ? e + 8 : t.getInt(e + 8);
            }
        }
        return -1;
    }

    private static String decodeComment(byte[] raw) {
        byte[] body = java.util.Arrays.copyOfRange(raw, 8, raw.length);
        String prefix = new String(raw, 0, 8, StandardCharsets.ISO_8859_1);
        if (prefix.equals(new String(UNICODE_PREFIX, StandardCharsets.ISO_8859_1))) {
            // piexif writes UTF-16BE; some writers use the TIFF byte order, so follow a little-endian tell-tale
            int evenZeros = 0, oddZeros = 0;
            for (int i = 0; i + 1 < body.length; i += 2) {
                if (body[i] == 0) evenZeros++;
                if (body[i + 1] == 0) oddZeros++;
            }
            boolean le = oddZeros > evenZeros; // ASCII-heavy text puts its zero bytes second in UTF-16LE
            return new String(body, le ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_16BE);
        }
        if (prefix.equals(new String(ASCII_PREFIX, StandardCharsets.ISO_8859_1)) || prefix.startsWith("\0")) {
            return new String(body, StandardCharsets.UTF_8).replace("\0", "");
        }
        return new String(raw, StandardCharsets.UTF_8).replace("\0", "");
    }
}

package dev.easel.bridge.http;

import dev.easel.image.FloatImage;

import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.util.zip.Adler32;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * PNG as the bridge sends and most often receives it over HTTP, tuned for time rather than size.
 *
 * <p>Encoding writes unfiltered rows in stored (uncompressed) deflate blocks: on loopback, where the
 * bridge's clients live, bytes are nearly free while compression is the largest cost of an answer
 * (a 2048x2048 picture spends several times longer in deflate than in everything else). The files
 * are ordinary PNGs that every reader opens, with the infotext as a {@code parameters} text chunk.
 *
 * <p>Decoding handles the common case (8-bit grey, grey+alpha, RGB or RGBA, not interlaced) with
 * one native inflate and a tight unfilter loop; anything else returns null so the caller falls back
 * to the general codec. Values are {@code b / 255}, exactly what the general codec gives.
 */
public final class WirePng {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    /** Largest stored deflate block (RFC 1951, 3.2.4). */
    private static final int STORED_BLOCK = 65535;
    private static final float[] LEVELS = new float[256];

    static {
        for (int i = 0; i < 256; i++) LEVELS[i] = i / 255f;
    }

    private WirePng() { }

    /** An uncompressed PNG of {@code img} (1 to 4 channels) with an optional "parameters" text chunk. */
    public static byte[] encode(FloatImage img, String parameters) {
        int w = img.width(), h = img.height(), ch = img.channels();
        int colourType = switch (ch) {
            case 1 -> 0;
            case 2 -> 4;
            case 3 -> 2;
            case 4 -> 6;
            default -> throw new IllegalArgumentException("PNG needs 1 to 4 channels, got " + ch);
        };
        int stride = w * ch;
        byte[] raw = rows(img, stride);
        long rawLen = raw.length;
        int blocks = (int) Math.max(1, (rawLen + STORED_BLOCK - 1) / STORED_BLOCK);
        long idatLen = 2 + rawLen + 5L * blocks + 4;
        byte[] text = textChunkData(parameters);
        long total = SIGNATURE.length + (12 + 13) + (text == null ? 0 : 12 + text.length) + 12 + idatLen + 12;
        if (total > Integer.MAX_VALUE - 16) throw new IllegalArgumentException("image too large for one PNG: " + w + "x" + h);
        byte[] out = new byte[(int) total];
        int p = 0;
        System.arraycopy(SIGNATURE, 0, out, 0, SIGNATURE.length);
        p += SIGNATURE.length;
        byte[] ihdr = new byte[13];
        putInt(ihdr, 0, w);
        putInt(ihdr, 4, h);
        ihdr[8] = 8;
        ihdr[9] = (byte) colourType;
        p = chunk(out, p, "IHDR", ihdr, 0, ihdr.length);
        if (text != null) p = chunk(out, p, textType(parameters), text, 0, text.length);
        // IDAT: zlib header (deflate, 32K window, no dictionary, "fastest" level), stored blocks, Adler-32.
        int idatStart = p + 8;
        putInt(out, p, (int) idatLen);
        put(out, p + 4, "IDAT");
        int q = idatStart;
        out[q++] = 0x78;
        out[q++] = 0x01;
        for (int off = 0; off < rawLen; ) {
            int n = (int) Math.min(STORED_BLOCK, rawLen - off);
            boolean last = off + n >= rawLen;
            out[q++] = (byte) (last ? 1 : 0);
            out[q++] = (byte) n;
            out[q++] = (byte) (n >>> 8);
            out[q++] = (byte) ~n;
            out[q++] = (byte) (~n >>> 8);
            System.arraycopy(raw, off, out, q, n);
            q += n;
            off += n;
        }
        Adler32 adler = new Adler32();
        adler.update(raw, 0, raw.length);
        putInt(out, q, (int) adler.getValue());
        q += 4;
        CRC32 crc = new CRC32();
        crc.update(out, p + 4, q - (p + 4));
        putInt(out, q, (int) crc.getValue());
        p = q + 4;
        p = chunk(out, p, "IEND", new byte[0], 0, 0);
        return p == out.length ? out : java.util.Arrays.copyOf(out, p);
    }

    /** Unfiltered scanlines: a 0 filter byte, then the pixels interleaved and rounded to 8 bits. */
    private static byte[] rows(FloatImage img, int stride) {
        int w = img.width(), h = img.height(), ch = img.channels(), plane = w * h;
        float[] d = img.data();
        byte[] raw = new byte[(stride + 1) * h];
        int o = 0;
        for (int y = 0; y < h; y++) {
            raw[o++] = 0;
            int row = y * w;
            if (ch == 3) {
                int r = row, g = plane + row, b = 2 * plane + row;
                for (int x = 0; x < w; x++) {
                    raw[o++] = to8(d[r + x]);
                    raw[o++] = to8(d[g + x]);
                    raw[o++] = to8(d[b + x]);
                }
            } else {
                for (int x = 0; x < w; x++) {
                    for (int c = 0; c < ch; c++) raw[o++] = to8(d[c * plane + row + x]);
                }
            }
        }
        return raw;
    }

    /** Rounds to the nearest 8-bit level, as the pipeline's PNG writer does (NaN and below 0 give 0). */
    private static byte to8(float v) {
        if (!(v > 0f)) return 0;
        if (v >= 1f) return (byte) 255;
        return (byte) (int) (v * 255f + 0.5f);
    }

    private static String textType(String parameters) {
        if (parameters == null) return null;
        CharsetEncoder latin1 = StandardCharsets.ISO_8859_1.newEncoder();
        return latin1.canEncode(parameters) ? "tEXt" : "iTXt";
    }

    /** A {@code parameters} tEXt chunk (Latin-1) or uncompressed iTXt chunk (UTF-8), as Pillow writes them. */
    private static byte[] textChunkData(String parameters) {
        if (parameters == null) return null;
        byte[] key = "parameters".getBytes(StandardCharsets.ISO_8859_1);
        boolean latin1 = "tEXt".equals(textType(parameters));
        byte[] value = parameters.getBytes(latin1 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
        int extra = latin1 ? 1 : 5;
        byte[] data = new byte[key.length + extra + value.length];
        System.arraycopy(key, 0, data, 0, key.length);
        // Bytes after the key stay 0: separator, then for iTXt no compression, method 0, empty language and keyword.
        System.arraycopy(value, 0, data, key.length + extra, value.length);
        return data;
    }

    private static int chunk(byte[] out, int p, String type, byte[] data, int off, int len) {
        putInt(out, p, len);
        put(out, p + 4, type);
        System.arraycopy(data, off, out, p + 8, len);
        CRC32 crc = new CRC32();
        crc.update(out, p + 4, 4 + len);
        putInt(out, p + 8 + len, (int) crc.getValue());
        return p + 12 + len;
    }

    /**
     * Decodes an 8-bit, non-interlaced grey, grey+alpha, RGB or RGBA PNG; null for any other kind
     * (palette, 16-bit, interlaced), which the general codec handles.
     *
     * @throws IllegalArgumentException when the file is damaged
     */
    public static FloatImage decode(byte[] png) {
        if (png.length < 33 || !startsWithSignature(png)) return null;
        int p = 8;
        int w = 0, h = 0, ch = 0;
        Inflater inflater = new Inflater();
        try {
            byte[] raw = null;
            int produced = 0;
            boolean header = false;
            while (p + 8 <= png.length) {
                int len = getInt(png, p);
                if (len < 0 || p + 12L + len > png.length) throw new IllegalArgumentException("truncated PNG chunk at byte " + p);
                int type = getInt(png, p + 4);
                int data = p + 8;
                if (type == 0x49484452) { // IHDR
                    w = getInt(png, data);
                    h = getInt(png, data + 4);
                    int depth = png[data + 8], colour = png[data + 9], interlace = png[data + 12];
                    ch = switch (colour) {
                        case 0 -> 1;
                        case 2 -> 3;
                        case 4 -> 2;
                        case 6 -> 4;
                        default -> 0;
                    };
                    if (depth != 8 || ch == 0 || interlace != 0 || w <= 0 || h <= 0) return null;
                    long size = ((long) w * ch + 1) * h;
                    if (size > Integer.MAX_VALUE - 16) return null;
                    raw = new byte[(int) size];
                    header = true;
                } else if (type == 0x49444154) { // IDAT
                    if (!header) throw new IllegalArgumentException("PNG data before its header");
                    inflater.setInput(png, data, len);
                    while (!inflater.needsInput() && !inflater.finished() && produced < raw.length) {
                        int n = inflater.inflate(raw, produced, raw.length - produced);
                        produced += n;
                        if (n == 0 && (inflater.needsDictionary() || inflater.needsInput())) break;
                    }
                } else if (type == 0x49454E44) { // IEND
                    break;
                }
                p = data + len + 4;
            }
            if (!header) throw new IllegalArgumentException("PNG without a header");
            if (produced < raw.length) throw new IllegalArgumentException("PNG pixel data is truncated");
            return toFloat(PngFilters.unfilter(raw, w, h, ch), w, h, ch);
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("damaged PNG pixel data: " + e.getMessage());
        } finally {
            inflater.end();
        }
    }

    private static FloatImage toFloat(byte[] raw, int w, int h, int ch) {
        int plane = w * h, stride = w * ch;
        float[] d = new float[plane * ch];
        for (int y = 0; y < h; y++) {
            int s = y * (stride + 1) + 1;
            int row = y * w;
            if (ch == 3) {
                int r = row, g = plane + row, b = 2 * plane + row;
                for (int x = 0; x < w; x++, s += 3) {
                    d[r + x] = LEVELS[raw[s] & 0xFF];
                    d[g + x] = LEVELS[raw[s + 1] & 0xFF];
                    d[b + x] = LEVELS[raw[s + 2] & 0xFF];
                }
            } else {
                for (int x = 0; x < w; x++) {
                    for (int c = 0; c < ch; c++) d[c * plane + row + x] = LEVELS[raw[s++] & 0xFF];
                }
            }
        }
        return new FloatImage(w, h, ch, d);
    }

    private static boolean startsWithSignature(byte[] b) {
        for (int i = 0; i < SIGNATURE.length; i++) if (b[i] != SIGNATURE[i]) return false;
        return true;
    }

    private static int getInt(byte[] b, int off) {
        return ((b[off] & 0xFF) << 24) | ((b[off + 1] & 0xFF) << 16) | ((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF);
    }

    private static void putInt(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }

    private static void put(byte[] b, int off, String type) {
        for (int i = 0; i < 4; i++) b[off + i] = (byte) type.charAt(i);
    }
}

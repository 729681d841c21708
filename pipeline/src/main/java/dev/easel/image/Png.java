package dev.easel.image;

import java.io.ByteArrayOutputStream;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * PNG writing (8-bit grey, grey+alpha, RGB or RGBA) with text chunks, and reading of text chunks.
 * Pixels are decoded through {@link ImageCodec}. The writer is our own: per-row adaptive filters and
 * a fast deflate level keep a 512x512 RGB image at a few milliseconds, where {@code ImageIO}'s writer
 * takes tens.
 */
public final class Png {

    static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    /**
     * Compression used by {@link #encode}: Huffman coding only. After PNG's row filters a generated
     * picture's residuals are noise-like, where LZ77 matching costs two to three times the time and
     * saves almost nothing (measured by {@code PngBenchmark}).
     */
    public static final int FAST = -2;

    private static final int MAX_TEXT_BYTES = 64 << 20;

    private Png() { }

    /** Encodes {@code img} (1 to 4 channels, values rounded to 8 bits) with the given text chunks, in order. */
    public static byte[] encode(FloatImage img, Map<String, String> texts) {
        return encode8(Pixels.toBytes(img), img.width(), img.height(), img.channels(), texts, FAST);
    }

    /**
     * Encodes 8-bit planes. Each text becomes a {@code tEXt} chunk when it is Latin-1, else an
     * uncompressed {@code iTXt} chunk (UTF-8), placed after IHDR and before IDAT as Pillow does.
     *
     * @param level a zlib level 0..9, or {@link #FAST}
     */
    public static byte[] encode8(byte[] planes, int width, int height, int channels, Map<String, String> texts, int level) {
        int colourType = switch (channels) {
            case 1 -> 0;
            case 2 -> 4;
            case 3 -> 2;
            case 4 -> 6;
            default -> throw new IllegalArgumentException("PNG needs 1 to 4 channels, got " + channels);
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream(width * height * channels / 2 + 1024);
        out.writeBytes(SIGNATURE);
        byte[] ihdr = new byte[13];
        putInt(ihdr, 0, width);
        putInt(ihdr, 4, height);
        ihdr[8] = 8;
        ihdr[9] = (byte) colourType;
        writeChunk(out, "IHDR", ihdr, ihdr.length);
        if (texts != null) {
            for (Map.Entry<String, String> e : texts.entrySet()) writeText(out, e.getKey(), e.getValue());
        }
        byte[] idat = deflate(filtered(planes, width, height, channels), level);
        writeChunk(out, "IDAT", idat, idat.length);
        writeChunk(out, "IEND", new byte[0], 0);
        return out.toByteArray();
    }

    private static void writeText(ByteArrayOutputStream out, String key, String value) {
        if (key.isEmpty() || key.length() > 79) {
            throw new IllegalArgumentException("PNG text keyword must be 1 to 79 characters, got '" + key + "'");
        }
        CharsetEncoder latin1 = StandardCharsets.ISO_8859_1.newEncoder();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(key.getBytes(StandardCharsets.ISO_8859_1));
        body.write(0);
        if (latin1.canEncode(value)) {
            body.writeBytes(value.getBytes(StandardCharsets.ISO_8859_1));
            writeChunk(out, "tEXt", body.toByteArray(), body.size());
        } else {
            body.write(0); // compression flag: uncompressed, as Pillow writes it
            body.write(0); // compression method
            body.write(0); // empty language tag
            body.write(0); // empty translated keyword
            body.writeBytes(value.getBytes(StandardCharsets.UTF_8));
            writeChunk(out, "iTXt", body.toByteArray(), body.size());
        }
    }

    /**
     * Interleaves the planes into scanlines, each filtered with Paeth (Sub for the first row), the
     * filter that suits photographic content best; a per-row adaptive choice cost more time than it
     * saved in bytes.
     */
    private static byte[] filtered(byte[] planes, int width, int height, int channels) {
        int stride = width * channels;
        int plane = width * height;
        byte[] raw = new byte[stride];
        byte[] prev = new byte[stride];
        byte[] out = new byte[(stride + 1) * height];
        for (int y = 0; y < height; y++) {
            int rowStart = y * width;
            for (int c = 0; c < channels; c++) {
                int src = c * plane + rowStart;
                for (int x = 0, j = c; x < width; x++, j += channels) raw[j] = planes[src + x];
            }
            int o = y * (stride + 1);
            if (y == 0) {
                out[o] = 1;
                for (int i = 0; i < stride; i++) out[o + 1 + i] = (byte) (raw[i] - (i >= channels ? raw[i - channels] : 0));
            } else {
                out[o] = 4;
                for (int i = 0; i < channels; i++) out[o + 1 + i] = (byte) (raw[i] - prev[i]);
                for (int i = channels; i < stride; i++) {
                    int a = raw[i - channels] & 0xFF;
                    int b = prev[i] & 0xFF;
                    int c = prev[i - channels] & 0xFF;
                    out[o + 1 + i] = (byte) (raw[i] - paethPredictor(a, b, c));
                }
            }
            byte[] t = prev;
            prev = raw;
            raw = t;
        }
        return out;
    }

    private static int paethPredictor(int a, int b, int c) {
        int pa = Math.abs(b - c);
        int pb = Math.abs(a - c);
        int pc = Math.abs(a + b - c - c);
        int bc = pb <= pc ? b : c;
        return pa <= pb && pa <= pc ? a : bc;
    }

    private static byte[] deflate(byte[] data, int level) {
        Deflater d = new Deflater(level == FAST ? Deflater.DEFAULT_COMPRESSION : level);
        try {
            if (level == FAST) d.setStrategy(Deflater.HUFFMAN_ONLY);
            d.setInput(data);
            d.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 3 + 64);
            byte[] buf = new byte[1 << 16];
            while (!d.finished()) {
                int n = d.deflate(buf);
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } finally {
            d.end();
        }
    }

    private static void writeChunk(ByteArrayOutputStream out, String type, byte[] data, int len) {
        byte[] head = new byte[8];
        putInt(head, 0, len);
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(t, 0, head, 4, 4);
        out.writeBytes(head);
        out.write(data, 0, len);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data, 0, len);
        byte[] c = new byte[4];
        putInt(c, 0, (int) crc.getValue());
        out.writeBytes(c);
    }

    private static void putInt(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }

    private static int getInt(byte[] b, int off) {
        return ((b[off] & 0xFF) << 24) | ((b[off + 1] & 0xFF) << 16) | ((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF);
    }

    /** True when {@code bytes} start with the PNG signature. */
    public static boolean isPng(byte[] bytes) {
        return bytes.length >= 8 && Arrays.equals(Arrays.copyOf(bytes, 8), SIGNATURE);
    }

    /**
     * The text chunks ({@code tEXt}, {@code zTXt}, {@code iTXt}) of a PNG, keyword to text, in file order;
     * a repeated keyword keeps its last value (as Pillow's {@code info} does). Damaged chunks are skipped.
     *
     * @throws IllegalArgumentException when {@code png} is not a PNG
     */
    public static Map<String, String> readTexts(byte[] png) {
        if (!isPng(png)) throw new IllegalArgumentException("not a PNG file (bad signature)");
        Map<String, String> texts = new LinkedHashMap<>();
        int pos = 8;
        while (pos + 8 <= png.length) {
            int len = getInt(png, pos);
            String type = new String(png, pos + 4, 4, StandardCharsets.ISO_8859_1);
            int data = pos + 8;
            if (len < 0 || data + (long) len > png.length) break;
            switch (type) {
                case "tEXt" -> readTextChunk(png, data, len, texts);
                case "zTXt" -> readZtxt(png, data, len, texts);
                case "iTXt" -> readItxt(png, data, len, texts);
                default -> { }
            }
            if (type.equals("IEND")) break;
            pos = data + len + 4;
        }
        return texts;
    }

    private static int indexOfZero(byte[] b, int from, int end) {
        for (int i = from; i < end; i++) if (b[i] == 0) return i;
        return -1;
    }

    private static void readTextChunk(byte[] b, int off, int len, Map<String, String> texts) {
        int z = indexOfZero(b, off, off + len);
        if (z < 0) return;
        texts.put(new String(b, off, z - off, StandardCharsets.ISO_8859_1),
                new String(b, z + 1, off + len - z - 1, StandardCharsets.ISO_8859_1));
    }

    private static void readZtxt(byte[] b, int off, int len, Map<String, String> texts) {
        int z = indexOfZero(b, off, off + len);
        if (z < 0 || z + 2 > off + len) return;
        byte[] text = inflate(b, z + 2, off + len - z - 2);
        if (text != null) {
            texts.put(new String(b, off, z - off, StandardCharsets.ISO_8859_1), new String(text, StandardCharsets.ISO_8859_1));
        }
    }

    private static void readItxt(byte[] b, int off, int len, Map<String, String> texts) {
        int end = off + len;
        int z = indexOfZero(b, off, end);
        if (z < 0 || z + 3 > end) return;
        boolean compressed = b[z + 1] != 0;
        int lang = indexOfZero(b, z + 3, end);
        if (lang < 0) return;
        int trans = indexOfZero(b, lang + 1, end);
        if (trans < 0) return;
        int textStart = trans + 1;
        byte[] text = compressed ? inflate(b, textStart, end - textStart) : Arrays.copyOfRange(b, textStart, end);
        if (text != null) {
            texts.put(new String(b, off, z - off, StandardCharsets.ISO_8859_1), new String(text, StandardCharsets.UTF_8));
        }
    }

    private static byte[] inflate(byte[] b, int off, int len) {
        Inflater inf = new Inflater();
        try {
            inf.setInput(b, off, len);
            ByteArrayOutputStream out = new ByteArrayOutputStream(len * 3);
            byte[] buf = new byte[8192];
            while (!inf.finished()) {
                int n = inf.inflate(buf);
                if (n == 0 && (inf.needsInput() || inf.needsDictionary())) return null;
                out.write(buf, 0, n);
                if (out.size() > MAX_TEXT_BYTES) return null;
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            return null;
        } finally {
            inf.end();
        }
    }
}

package dev.easel.upscale;

import java.util.Arrays;

/**
 * An interleaved raster of 1 (grey), 2 (grey + alpha), 3 (RGB) or 4 (RGBA) channels at 8 or 16 bits
 * per sample, or 32-bit float samples with a value range. This is the type of the upscaling path's
 * input and output: it holds full-size results at their final bit depth, so an 8192x8192 RGB result
 * costs 192 MiB (8-bit) or 384 MiB (16-bit) instead of a float image's 768 MiB.
 *
 * <p>{@link #get} and {@link #set} speak normalised values in [0, 1]: 8-bit samples over 255,
 * 16-bit over 65535, float samples mapped linearly from {@code [lo, hi]} (so a 32-bit microscopy
 * image of any range goes through a model and comes back in its own units). {@code set} clamps to
 * [0, 1] and rounds to the nearest integer sample.
 */
public final class Raster implements PixelAccess {

    /** Sample storage. */
    public enum Depth {
        U8(8), U16(16), F32(32);

        private final int bits;

        Depth(int bits) { this.bits = bits; }

        public int bits() { return bits; }

        public static Depth ofBits(int bits) {
            return switch (bits) {
                case 8 -> U8;
                case 16 -> U16;
                case 32 -> F32;
                default -> throw new IllegalArgumentException("bit depth must be 8, 16 or 32, got " + bits);
            };
        }
    }

    private static final float U8_MAX = 255f;
    private static final float U16_MAX = 65535f;

    private final int width;
    private final int height;
    private final int channels;
    private final Depth depth;
    private final byte[] bytes;
    private final short[] shorts;
    private final float[] floats;
    private final float lo;
    private final float hi;

    private Raster(int width, int height, int channels, Depth depth, byte[] bytes, short[] shorts,
                   float[] floats, float lo, float hi) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("raster size must be positive, got " + width + "x" + height);
        }
        if (channels < 1 || channels > 4) {
            throw new IllegalArgumentException("channels must be 1 to 4, got " + channels);
        }
        long n = (long) width * height * channels;
        int len = bytes != null ? bytes.length : shorts != null ? shorts.length : floats.length;
        if (n != len) {
            throw new IllegalArgumentException("expected " + n + " samples for " + width + "x" + height + "x"
                    + channels + ", got " + len);
        }
        if (depth == Depth.F32 && !(hi > lo)) {
            throw new IllegalArgumentException("float range must have hi > lo, got [" + lo + ", " + hi + "]");
        }
        this.width = width;
        this.height = height;
        this.channels = channels;
        this.depth = depth;
        this.bytes = bytes;
        this.shorts = shorts;
        this.floats = floats;
        this.lo = lo;
        this.hi = hi;
    }

    /** A zero-filled raster; float rasters get the range [0, 1]. */
    public static Raster allocate(int width, int height, int channels, Depth depth) {
        int n = Math.multiplyExact(Math.multiplyExact(width, height), channels);
        return switch (depth) {
            case U8 -> new Raster(width, height, channels, depth, new byte[n], null, null, 0, 1);
            case U16 -> new Raster(width, height, channels, depth, null, new short[n], null, 0, 1);
            case F32 -> new Raster(width, height, channels, depth, null, null, new float[n], 0, 1);
        };
    }

    /** A zero-filled raster shaped like {@code like} (same depth and float range) at a new size. */
    public static Raster allocateLike(Raster like, int width, int height, int channels) {
        int n = Math.multiplyExact(Math.multiplyExact(width, height), channels);
        return switch (like.depth) {
            case U8 -> new Raster(width, height, channels, Depth.U8, new byte[n], null, null, 0, 1);
            case U16 -> new Raster(width, height, channels, Depth.U16, null, new short[n], null, 0, 1);
            case F32 -> new Raster(width, height, channels, Depth.F32, null, null, new float[n], like.lo, like.hi);
        };
    }

    /** Wraps 8-bit interleaved samples (not copied). */
    public static Raster ofBytes(int width, int height, int channels, byte[] samples) {
        return new Raster(width, height, channels, Depth.U8, samples, null, null, 0, 1);
    }

    /** Wraps 16-bit interleaved samples, read unsigned (not copied). */
    public static Raster ofShorts(int width, int height, int channels, short[] samples) {
        return new Raster(width, height, channels, Depth.U16, null, samples, null, 0, 1);
    }

    /** Wraps float interleaved samples (not copied) whose values {@code lo..hi} map to 0..1. */
    public static Raster ofFloats(int width, int height, int channels, float[] samples, float lo, float hi) {
        return new Raster(width, height, channels, Depth.F32, null, null, samples, lo, hi);
    }

    /** Wraps float samples with the range they actually span (a constant image gets [v, v + 1]). */
    public static Raster ofFloatsAutoRange(int width, int height, int channels, float[] samples) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float v : samples) {
            if (Float.isFinite(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        if (!(max >= min)) {
            min = 0;
            max = 1;
        }
        return ofFloats(width, height, channels, samples, min, max > min ? max : min + 1);
    }

    @Override public int width() { return width; }
    @Override public int height() { return height; }
    @Override public int channels() { return channels; }
    public Depth depth() { return depth; }
    public boolean hasAlpha() { return channels == 2 || channels == 4; }
    /** Colour channels: 1 for grey, 3 for RGB. */
    public int colorChannels() { return channels >= 3 ? 3 : 1; }
    public float lo() { return lo; }
    public float hi() { return hi; }

    /** The 8-bit samples, or null for another depth. */
    public byte[] bytes() { return bytes; }
    /** The 16-bit samples (unsigned), or null for another depth. */
    public short[] shorts() { return shorts; }
    /** The float samples, or null for another depth. */
    public float[] floats() { return floats; }

    /** The normalised value of sample (x, y, c) in [0, 1] (float rasters may leave that range). */
    @Override
    public float get(int x, int y, int c) {
        int i = (y * width + x) * channels + c;
        return switch (depth) {
            case U8 -> (bytes[i] & 0xff) / U8_MAX;
            case U16 -> (shorts[i] & 0xffff) / U16_MAX;
            case F32 -> (floats[i] - lo) / (hi - lo);
        };
    }

    /** Stores the normalised value {@code v}, clamped to [0, 1] and rounded to the sample grid. */
    @Override
    public void set(int x, int y, int c, float v) {
        int i = (y * width + x) * channels + c;
        float clamped = v < 0 ? 0 : (v > 1 ? 1 : v);
        switch (depth) {
            case U8 -> bytes[i] = (byte) (int) (clamped * U8_MAX + 0.5f);
            case U16 -> shorts[i] = (short) (int) (clamped * U16_MAX + 0.5f);
            case F32 -> floats[i] = lo + clamped * (hi - lo);
        }
    }

    /**
     * Stores {@code n} normalised values of channel {@code c} along row {@code y} from {@code x = 0}
     * ({@link #set} for a whole row at once: clamped and rounded the same way).
     */
    public void setRow(int y, int c, float[] src, int srcOffset, int n) {
        int i = y * width * channels + c;
        switch (depth) {
            case U8 -> {
                for (int x = 0; x < n; x++, i += channels) {
                    float v = src[srcOffset + x];
                    bytes[i] = (byte) (int) ((v < 0 ? 0 : (v > 1 ? 1 : v)) * U8_MAX + 0.5f);
                }
            }
            case U16 -> {
                for (int x = 0; x < n; x++, i += channels) {
                    float v = src[srcOffset + x];
                    shorts[i] = (short) (int) ((v < 0 ? 0 : (v > 1 ? 1 : v)) * U16_MAX + 0.5f);
                }
            }
            case F32 -> {
                for (int x = 0; x < n; x++, i += channels) {
                    float v = src[srcOffset + x];
                    floats[i] = lo + (v < 0 ? 0 : (v > 1 ? 1 : v)) * (hi - lo);
                }
            }
        }
    }

    /** The size of one sample step in normalised units (1/255, 1/65535, or 0 for float). */
    public float quantum() {
        return switch (depth) {
            case U8 -> 1 / U8_MAX;
            case U16 -> 1 / U16_MAX;
            case F32 -> 0f;
        };
    }

    public Raster copy() {
        return new Raster(width, height, channels, depth,
                bytes == null ? null : bytes.clone(), shorts == null ? null : shorts.clone(),
                floats == null ? null : floats.clone(), lo, hi);
    }

    /** True when both rasters have the same size, layout, depth, range and samples. */
    public boolean sameAs(Raster o) {
        return width == o.width && height == o.height && channels == o.channels && depth == o.depth
                && lo == o.lo && hi == o.hi && Arrays.equals(bytes, o.bytes) && Arrays.equals(shorts, o.shorts)
                && Arrays.equals(floats, o.floats);
    }

    @Override
    public String toString() {
        return "Raster[" + width + "x" + height + "x" + channels + " " + depth + "]";
    }
}

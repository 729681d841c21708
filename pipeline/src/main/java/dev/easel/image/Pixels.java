package dev.easel.image;

/** Conversions between float images in [0, 1] and 8-bit planes, with the rounding rules A1111 uses where it matters. */
public final class Pixels {

    private Pixels() { }

    /** 8-bit value of a float in [0, 1], rounded to nearest and clamped (what an editor expects when saving). */
    public static int toByte(float v) {
        if (!(v > 0f)) return 0; // also maps NaN to 0
        if (v >= 1f) return 255;
        return (int) (v * 255f + 0.5f);
    }

    /** The planes of {@code img} as unsigned bytes, same layout. */
    public static byte[] toBytes(FloatImage img) {
        float[] d = img.data();
        byte[] out = new byte[d.length];
        for (int i = 0; i < d.length; i++) out[i] = (byte) toByte(d[i]);
        return out;
    }

    /** A float image from 8-bit planes ({@code b / 255}). */
    public static FloatImage fromBytes(byte[] planes, int width, int height, int channels) {
        float[] d = new float[planes.length];
        for (int i = 0; i < d.length; i++) d[i] = LEVELS[planes[i] & 0xFF];
        return new FloatImage(width, height, channels, d);
    }

    /** Rounds every value to the nearest multiple of 1/255, as a round trip through 8 bits would. */
    public static FloatImage quantize(FloatImage img) {
        float[] d = img.data();
        float[] out = new float[d.length];
        for (int i = 0; i < d.length; i++) out[i] = LEVELS[toByte(d[i])];
        return new FloatImage(img.width(), img.height(), img.channels(), out);
    }

    /**
     * A decoder output in [-1, 1] to an 8-bit-exact image in [0, 1]: {@code clamp((x+1)/2, 0, 1) * 255}
     * then truncated. A1111 quirk: {@code astype(np.uint8)} truncates instead of rounding.
     */
    public static float[] fromSignedTruncating(float[] signed, int offset, int length) {
        float[] out = new float[length];
        for (int i = 0; i < length; i++) {
            float v = (signed[offset + i] + 1f) * 0.5f; // same bits as / 2
            v = v > 0f ? (v < 1f ? v : 1f) : 0f; // NaN fails the first test and becomes 0
            out[i] = LEVELS[(int) (v * 255f)];
        }
        return out;
    }

    /** {@code k / 255f} for every 8-bit level, so conversions skip a division per value. */
    private static final float[] LEVELS = new float[256];

    static {
        for (int k = 0; k < 256; k++) LEVELS[k] = k / 255f;
    }

    /** Maps [0, 1] to [-1, 1] ({@code 2x - 1}), the range the VAE encoder takes. */
    public static float[] toSigned(float[] unit) {
        float[] out = new float[unit.length];
        for (int i = 0; i < unit.length; i++) out[i] = unit[i] * 2f - 1f;
        return out;
    }
}

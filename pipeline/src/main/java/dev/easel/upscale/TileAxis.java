package dev.easel.upscale;

import java.util.Arrays;

/**
 * Where tiles go along one axis of an image of {@code length} pixels. Every tile is a model window
 * of {@code window} pixels starting at {@link #start(int)}; windows are spread evenly from 0 to
 * {@code length - window} (the last one snapped to the border, as A1111 and SwinIR do). Between
 * neighbours {@code i} and {@code i + 1} the result cross-fades over a band of {@code band} pixels
 * centred in the middle of their shared pixels, so each tile's used part stays at least {@code pad}
 * pixels inside its window: the model's border effects fall in the discarded context.
 *
 * <p>{@link #weight(int, double)} gives tile {@code i}'s weight at an input coordinate; for every
 * coordinate the weights of all tiles sum to one (the bands never overlap one another). A window
 * longer than the image is read with mirrored samples past the end.
 */
public final class TileAxis {
    private final int length;
    private final int window;
    private final int pad;
    private final int band;
    private final int[] starts;
    private final double[] cuts;

    private TileAxis(int length, int window, int pad, int band, int[] starts, double[] cuts) {
        this.length = length;
        this.window = window;
        this.pad = pad;
        this.band = band;
        this.starts = starts;
        this.cuts = cuts;
    }

    /**
     * Lays out tiles of {@code window} pixels with at least {@code pad} pixels of context and a blend
     * band of {@code band} pixels. A window of 0 or one covering the image gives one tile. Pad and
     * band are reduced for small windows (to window/8 and window/4) so that tiles always advance.
     */
    public static TileAxis layout(int length, int window, int pad, int band) {
        if (length <= 0) throw new IllegalArgumentException("length must be positive, got " + length);
        if (window <= 0) throw new IllegalArgumentException("window must be positive, got " + window);
        if (pad < 0 || band < 0) throw new IllegalArgumentException("pad and band must not be negative");
        if (window >= length) {
            return new TileAxis(length, window, 0, 0, new int[] {0}, new double[0]);
        }
        int p = Math.min(pad, window / 8);
        int o = Math.min(band, window / 4);
        int stride = window - 2 * p - o;
        int span = length - window;
        int n = ceilDiv(span, stride) + 1;
        int[] starts = new int[n];
        for (int i = 0; i < n; i++) starts[i] = (int) ((long) i * span / (n - 1));
        double[] cuts = new double[n - 1];
        for (int i = 0; i + 1 < n; i++) cuts[i] = (starts[i + 1] + starts[i] + window) / 2.0;
        for (int i = 0; i + 2 < n; i++) {
            if (cuts[i + 1] - cuts[i] < o) {
                throw new IllegalStateException("blend bands overlap: " + Arrays.toString(cuts) + " band " + o);
            }
        }
        return new TileAxis(length, window, p, o, starts, cuts);
    }

    public int length() { return length; }
    /** The model window in pixels (may exceed {@link #length()} when one tile covers the axis). */
    public int window() { return window; }
    /** Context kept on inner edges after reduction for small windows. */
    public int pad() { return pad; }
    /** Width of each cross-fade band after reduction for small windows. */
    public int band() { return band; }
    public int count() { return starts.length; }
    public int start(int i) { return starts[i]; }

    /** First input coordinate where tile {@code i} has weight (its band with the previous tile included). */
    public double usedFrom(int i) { return i == 0 ? 0 : cuts[i - 1] - band / 2.0; }

    /** End (exclusive) of the input span where tile {@code i} has weight. */
    public double usedTo(int i) { return i == starts.length - 1 ? length : cuts[i] + band / 2.0; }

    /**
     * Tile {@code i}'s weight at input coordinate {@code u} (pixel centres sit at {@code x + 0.5}):
     * 1 inside its own part, 0 outside, a smootherstep ramp inside the bands.
     */
    public double weight(int i, double u) {
        double w = 1;
        if (i > 0) w *= rise(u, cuts[i - 1]);
        if (i < starts.length - 1) w *= 1 - rise(u, cuts[i]);
        return w;
    }

    /** 0 before the band centred at {@code cut}, 1 after it, smootherstep within (a hard step for no band). */
    private double rise(double u, double cut) {
        if (band == 0) return u >= cut ? 1 : 0;
        double t = (u - (cut - band / 2.0)) / band;
        if (t <= 0) return 0;
        if (t >= 1) return 1;
        // smootherstep: zero first and second derivatives at both ends (stable-diffusion.cpp blends with it)
        return t * t * t * (t * (t * 6 - 15) + 10);
    }

    /** The sample index to read for coordinate {@code x}, mirrored (without repeating the edge) past either end. */
    public static int mirror(int x, int length) {
        if (length == 1) return 0;
        int period = 2 * (length - 1);
        int m = Math.floorMod(x, period);
        return m < length ? m : period - m;
    }

    private static int ceilDiv(int a, int b) {
        return -Math.floorDiv(-a, b);
    }

    @Override
    public String toString() {
        return "TileAxis[length=" + length + ", window=" + window + ", starts=" + Arrays.toString(starts)
                + ", band=" + band + "]";
    }
}

package dev.easel.noise;

/**
 * A1111's {@code slerp} for variation seeds, on one image's noise {@code (C, H, W)}: norms and dot
 * products are taken over the H axis, giving one interpolation angle per (channel, column).
 */
public final class Slerp {
    /** Above this mean dot product A1111 falls back to a (weight-swapped) linear blend. */
    static final double PARALLEL_DOT = 0.9995;

    private Slerp() { }

    /**
     * Interpolates from {@code low} (val = 0) towards {@code high} (val = 1).
     *
     * @return a new array of the same layout
     */
    public static float[] slerp(double val, float[] low, float[] high, int channels, int height, int width) {
        int n = channels * height * width;
        if (low.length != n || high.length != n) {
            throw new IllegalArgumentException("slerp needs " + n + " values per tensor, got " + low.length + " and " + high.length);
        }
        double[] dot = new double[channels * width];
        double dotSum = 0;
        for (int c = 0; c < channels; c++) {
            for (int x = 0; x < width; x++) {
                double ll = 0, hh = 0, lh = 0;
                for (int y = 0; y < height; y++) {
                    int i = (c * height + y) * width + x;
                    ll += (double) low[i] * low[i];
                    hh += (double) high[i] * high[i];
                    lh += (double) low[i] * high[i];
                }
                double d = lh / (Math.sqrt(ll) * Math.sqrt(hh));
                dot[c * width + x] = d;
                dotSum += d;
            }
        }
        float[] out = new float[n];
        if (dotSum / dot.length > PARALLEL_DOT) {
            // A1111 quirk: the near-parallel fallback weights low by val and high by 1 - val.
            for (int i = 0; i < n; i++) out[i] = (float) (low[i] * val + high[i] * (1 - val));
            return out;
        }
        for (int c = 0; c < channels; c++) {
            for (int x = 0; x < width; x++) {
                double omega = Math.acos(dot[c * width + x]);
                double so = Math.sin(omega);
                double wl = Math.sin((1.0 - val) * omega) / so;
                double wh = Math.sin(val * omega) / so;
                for (int y = 0; y < height; y++) {
                    int i = (c * height + y) * width + x;
                    out[i] = (float) (wl * low[i] + wh * high[i]);
                }
            }
        }
        return out;
    }
}

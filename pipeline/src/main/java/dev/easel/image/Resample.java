package dev.easel.image;

/**
 * Pillow's separable convolution resampler ({@code Image.resize} with BILINEAR, BICUBIC or LANCZOS),
 * re-derived so Easel's resizes give the pixels A1111 gets from PIL: a horizontal pass, then a
 * vertical pass, each filter widened by the downscale factor, with an optional source box.
 *
 * <p>{@link #resize8} reproduces Pillow's 8-bit path bit for bit (22-bit fixed-point coefficients,
 * rounding and clipping after each pass); {@link #resizeFloat} uses the same coefficients in floating
 * point for data that is not 8-bit (latents, blurred masks kept as floats).
 */
public final class Resample {

    /** A resampling kernel with its support radius at scale 1 (Pillow's {@code struct filter}). */
    public enum Filter {
        /** Pillow BOX: support 0.5. */
        BOX(0.5),
        /** Pillow BILINEAR (triangle): support 1. */
        BILINEAR(1.0),
        /** Pillow BICUBIC with a = -0.5: support 2. The default of {@code Image.resize}. */
        BICUBIC(2.0),
        /** Pillow LANCZOS (3-lobe windowed sinc): support 3. */
        LANCZOS(3.0);

        final double support;

        Filter(double support) { this.support = support; }

        double weight(double x) {
            return switch (this) {
                case BOX -> (x > -0.5 && x <= 0.5) ? 1.0 : 0.0;
                case BILINEAR -> {
                    double ax = Math.abs(x);
                    yield ax < 1.0 ? 1.0 - ax : 0.0;
                }
                case BICUBIC -> {
                    final double a = -0.5; // Pillow's bicubic_filter constant
                    double ax = Math.abs(x);
                    if (ax < 1.0) yield ((a + 2.0) * ax - (a + 3.0)) * ax * ax + 1;
                    if (ax < 2.0) yield (((ax - 5) * ax + 8) * ax - 4) * a;
                    yield 0.0;
                }
                case LANCZOS -> (-3.0 <= x && x < 3.0) ? sinc(x) * sinc(x / 3) : 0.0;
            };
        }

        private static double sinc(double x) {
            if (x == 0.0) return 1.0;
            double px = x * Math.PI;
            return Math.sin(px) / px;
        }
    }

    /** Pillow's PRECISION_BITS for 8-bit coefficients: 32 - 8 - 2. */
    private static final int PRECISION_BITS = 22;

    private Resample() { }

    /** Per output pixel: first source index, count, and normalised weights (Pillow's precompute_coeffs). */
    record Coeffs(int ksize, int[] bounds, double[] weights) { }

    static Coeffs coeffs(int inSize, double in0, double in1, int outSize, Filter filter) {
        double scale = (in1 - in0) / outSize;
        double filterScale = Math.max(scale, 1.0);
        double support = filter.support * filterScale;
        int ksize = (int) Math.ceil(support) * 2 + 1;
        int[] bounds = new int[outSize * 2];
        double[] kk = new double[outSize * ksize];
        double ss = 1.0 / filterScale;
        for (int xx = 0; xx < outSize; xx++) {
            double center = in0 + (xx + 0.5) * scale;
            int xmin = (int) (center - support + 0.5); // C cast truncates toward zero, as Pillow's does
            if (xmin < 0) xmin = 0;
            int xmax = (int) (center + support + 0.5);
            if (xmax > inSize) xmax = inSize;
            xmax -= xmin;
            double ww = 0.0;
            int base = xx * ksize;
            for (int x = 0; x < xmax; x++) {
                double w = filter.weight((x + xmin - center + 0.5) * ss);
                kk[base + x] = w;
                ww += w;
            }
            if (ww != 0.0) {
                for (int x = 0; x < xmax; x++) kk[base + x] /= ww;
            }
            bounds[xx * 2] = xmin;
            bounds[xx * 2 + 1] = xmax;
        }
        return new Coeffs(ksize, bounds, kk);
    }

    private static int[] fixedPoint(double[] kk) {
        int[] out = new int[kk.length];
        for (int i = 0; i < kk.length; i++) {
            double v = kk[i] * (1 << PRECISION_BITS);
            out[i] = (int) (kk[i] < 0 ? -0.5 + v : 0.5 + v);
        }
        return out;
    }

    private static int clip8(long acc) {
        long v = acc >> PRECISION_BITS;
        return v < 0 ? 0 : v > 255 ? 255 : (int) v;
    }

    /**
     * Resizes 8-bit planes exactly as Pillow does.
     *
     * @param src   {@code channels} planes of {@code w*h} bytes (unsigned)
     * @param box   source box {x0, y0, x1, y1} (Pillow's {@code box=}); null for the whole image
     * @return planes of {@code outW*outH}
     */
    public static byte[] resize8(byte[] src, int w, int h, int channels, int outW, int outH,
                                 Filter filter, double[] box) {
        double[] b = box == null ? new double[] {0, 0, w, h} : box;
        boolean needH = outW != w || b[0] != 0 || b[2] != outW;
        boolean needV = outH != h || b[1] != 0 || b[3] != outH;
        Coeffs ch = coeffs(w, b[0], b[2], outW, filter);
        Coeffs cv = coeffs(h, b[1], b[3], outH, filter);
        int yFirst = cv.bounds[0];
        int yLast = cv.bounds[outH * 2 - 2] + cv.bounds[outH * 2 - 1];

        byte[] cur = src;
        int curW = w;
        int curH = h;
        int[] vb = cv.bounds.clone();
        if (needH) {
            for (int i = 0; i < outH; i++) vb[i * 2] -= yFirst;
            int tmpH = yLast - yFirst;
            byte[] tmp = new byte[outW * tmpH * channels];
            int[] k = fixedPoint(ch.weights);
            for (int c = 0; c < channels; c++) {
                int inPlane = c * w * h;
                int outPlane = c * outW * tmpH;
                for (int y = 0; y < tmpH; y++) {
                    int row = inPlane + (y + yFirst) * w;
                    int orow = outPlane + y * outW;
                    for (int x = 0; x < outW; x++) {
                        int xmin = ch.bounds[x * 2];
                        int n = ch.bounds[x * 2 + 1];
                        int kb = x * ch.ksize;
                        long acc = 1L << (PRECISION_BITS - 1);
                        for (int i = 0; i < n; i++) acc += (src[row + xmin + i] & 0xFF) * (long) k[kb + i];
                        tmp[orow + x] = (byte) clip8(acc);
                    }
                }
            }
            cur = tmp;
            curW = outW;
            curH = tmpH;
        }
        if (!needV) {
            if (!needH) return src.clone();
            return cur;
        }
        byte[] out = new byte[outW * outH * channels];
        int[] k = fixedPoint(cv.weights);
        int[] bounds = needH ? vb : cv.bounds;
        for (int c = 0; c < channels; c++) {
            int inPlane = c * curW * curH;
            int outPlane = c * outW * outH;
            for (int y = 0; y < outH; y++) {
                int ymin = bounds[y * 2];
                int n = bounds[y * 2 + 1];
                int kb = y * cv.ksize;
                for (int x = 0; x < outW; x++) {
                    long acc = 1L << (PRECISION_BITS - 1);
                    for (int i = 0; i < n; i++) acc += (cur[inPlane + (ymin + i) * curW + x] & 0xFF) * (long) k[kb + i];
                    out[outPlane + y * outW + x] = (byte) clip8(acc);
                }
            }
        }
        return out;
    }

    /** The same resampling in floating point, without intermediate rounding or clipping. */
    public static float[] resizeFloat(float[] src, int w, int h, int channels, int outW, int outH,
                                      Filter filter, double[] box) {
        double[] b = box == null ? new double[] {0, 0, w, h} : box;
        Coeffs ch = coeffs(w, b[0], b[2], outW, filter);
        Coeffs cv = coeffs(h, b[1], b[3], outH, filter);
        float[] tmp = new float[outW * h * channels];
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < h; y++) {
                int row = (c * h + y) * w;
                int orow = (c * h + y) * outW;
                for (int x = 0; x < outW; x++) {
                    int xmin = ch.bounds[x * 2];
                    int n = ch.bounds[x * 2 + 1];
                    int kb = x * ch.ksize;
                    double acc = 0;
                    for (int i = 0; i < n; i++) acc += src[row + xmin + i] * ch.weights[kb + i];
                    tmp[orow + x] = (float) acc;
                }
            }
        }
        float[] out = new float[outW * outH * channels];
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < outH; y++) {
                int ymin = cv.bounds[y * 2];
                int n = cv.bounds[y * 2 + 1];
                int kb = y * cv.ksize;
                int orow = (c * outH + y) * outW;
                for (int x = 0; x < outW; x++) {
                    double acc = 0;
                    for (int i = 0; i < n; i++) acc += tmp[(c * h + ymin + i) * outW + x] * cv.weights[kb + i];
                    out[orow + x] = (float) acc;
                }
            }
        }
        return out;
    }
}

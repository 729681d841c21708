package dev.easel.image;

/**
 * Gaussian blurs with the two definitions A1111 uses: OpenCV's {@code cv2.GaussianBlur} for the
 * inpainting mask blur, and Pillow's {@code ImageFilter.GaussianBlur} (three extended box blurs) for
 * the "fill" masked-content mode. Both work on 8-bit values and round after each pass, as the originals do.
 */
public final class GaussianBlur {

    /** Pillow's default number of box-blur passes approximating a Gaussian. */
    private static final int PIL_PASSES = 3;

    private GaussianBlur() { }

    /**
     * A1111's mask blur kernel size for a sigma: {@code 2 * int(2.5 * sigma + 0.5) + 1}
     * ({@code processing.py}; mask_blur 4 gives 21).
     */
    public static int maskKernelSize(int sigma) {
        return 2 * (int) (2.5 * sigma + 0.5) + 1;
    }

    /** OpenCV's {@code getGaussianKernel(ksize, sigma)} for sigma &gt; 0: sampled, normalised to sum 1. */
    static double[] cvKernel(int ksize, double sigma) {
        double[] k = new double[ksize];
        double scale2 = -0.5 / (sigma * sigma);
        double sum = 0;
        for (int i = 0; i < ksize; i++) {
            double x = i - (ksize - 1) * 0.5;
            k[i] = Math.exp(scale2 * x * x);
            sum += k[i];
        }
        for (int i = 0; i < ksize; i++) k[i] /= sum;
        return k;
    }

    /** OpenCV's BORDER_REFLECT_101 index for {@code p} in a line of {@code n}: ... 2 1 | 0 1 2 ... n-1 | n-2 ... */
    static int reflect101(int p, int n) {
        if (n == 1) return 0;
        while (p < 0 || p >= n) {
            if (p < 0) p = -p;
            if (p >= n) p = 2 * (n - 1) - p;
        }
        return p;
    }

    /**
     * A1111's mask blur: {@code cv2.GaussianBlur(mask, (k, 1), blurX)} then {@code (1, k), blurY}, each on
     * 8-bit values with reflect-101 borders; a zero sigma skips that direction. Every channel is blurred.
     * OpenCV's 8-bit path is fixed point, so values may differ from it by one level.
     */
    public static FloatImage maskBlur(FloatImage mask, int blurX, int blurY) {
        float[] cur = Pixels.quantize(mask).data();
        int w = mask.width();
        int h = mask.height();
        for (int c = 0; c < mask.channels(); c++) {
            int off = c * w * h;
            if (blurX > 0) convolve(cur, off, w, h, cvKernel(maskKernelSize(blurX), blurX), true);
            if (blurY > 0) convolve(cur, off, w, h, cvKernel(maskKernelSize(blurY), blurY), false);
        }
        return new FloatImage(w, h, mask.channels(), cur);
    }

    private static void convolve(float[] d, int off, int w, int h, double[] k, boolean horizontal) {
        int r = k.length / 2;
        int len = horizontal ? w : h;
        int lines = horizontal ? h : w;
        int step = horizontal ? 1 : w;
        float[] line = new float[len];
        int[] idx = new int[len + 2 * r];
        for (int i = 0; i < idx.length; i++) idx[i] = reflect101(i - r, len);
        for (int l = 0; l < lines; l++) {
            int base = off + (horizontal ? l * w : l);
            for (int i = 0; i < len; i++) line[i] = d[base + i * step] * 255f;
            for (int i = 0; i < len; i++) {
                double acc = 0;
                for (int j = 0; j < k.length; j++) acc += k[j] * line[idx[i + j]];
                d[base + i * step] = round8(acc) / 255f;
            }
        }
    }

    private static int round8(double v) {
        int r = (int) Math.floor(v + 0.5);
        return r < 0 ? 0 : Math.min(r, 255);
    }

    /** Pillow's box radius for a Gaussian {@code radius} approximated by {@code passes} box blurs (Gwosdek et al.). */
    static double pilBoxRadius(double radius, int passes) {
        double sigma2 = radius * radius / passes;
        double bigL = Math.sqrt(12.0 * sigma2 + 1.0);
        double l = Math.floor((bigL - 1.0) / 2.0);
        double a = (2 * l + 1) * (l * (l + 1) - 3 * sigma2);
        a /= 6 * (sigma2 - (l + 1) * (l + 1));
        return (float) (l + a); // Pillow computes this in float
    }

    /** Pillow's {@code ImageFilter.GaussianBlur(radius)} on every channel (8-bit values, edges extended). */
    public static FloatImage pil(FloatImage img, double radius) {
        float[] cur = Pixels.quantize(img).data();
        double box = pilBoxRadius(radius, PIL_PASSES);
        if (box == 0) return new FloatImage(img.width(), img.height(), img.channels(), cur);
        int w = img.width();
        int h = img.height();
        for (int c = 0; c < img.channels(); c++) {
            int off = c * w * h;
            for (int p = 0; p < PIL_PASSES; p++) boxPass(cur, off, w, h, box, true);
            for (int p = 0; p < PIL_PASSES; p++) boxPass(cur, off, w, h, box, false);
        }
        return new FloatImage(img.width(), img.height(), img.channels(), cur);
    }

    /** One extended box blur pass: whole box of radius {@code int(r)} plus the fractional neighbours, edges clamped. */
    private static void boxPass(float[] d, int off, int w, int h, double floatRadius, boolean horizontal) {
        int r = (int) floatRadius;
        // Pillow's 24-bit fixed-point weights: ww for the whole box, fw for each fractional edge pixel
        long ww = (long) ((1 << 24) / (floatRadius * 2 + 1));
        long fw = ((1L << 24) - (r * 2L + 1) * ww) / 2;
        int len = horizontal ? w : h;
        int lines = horizontal ? h : w;
        int step = horizontal ? 1 : w;
        int[] line = new int[len];
        long[] prefix = new long[len + 1];
        for (int l = 0; l < lines; l++) {
            int base = off + (horizontal ? l * w : l);
            for (int i = 0; i < len; i++) line[i] = Math.round(d[base + i * step] * 255f);
            for (int i = 0; i < len; i++) prefix[i + 1] = prefix[i] + line[i];
            for (int i = 0; i < len; i++) {
                long acc = boxSum(line, prefix, i - r, i + r, len);
                long far = line[clamp(i - r - 1, len)] + line[clamp(i + r + 1, len)];
                long bulk = acc * ww + far * fw;
                d[base + i * step] = (int) ((bulk + (1 << 23)) >> 24) / 255f;
            }
        }
    }

    /** Sum of line[clamp(j)] for j in [a, b]. */
    private static long boxSum(int[] line, long[] prefix, int a, int b, int len) {
        long s = 0;
        if (a < 0) { s += (long) line[0] * Math.min(-a, b - a + 1); a = 0; }
        if (b >= len) { s += (long) line[len - 1] * (b - Math.max(a, len) + 1); b = len - 1; }
        if (b >= a) s += prefix[b + 1] - prefix[a];
        return s;
    }

    private static int clamp(int i, int len) {
        return i < 0 ? 0 : i >= len ? len - 1 : i;
    }
}

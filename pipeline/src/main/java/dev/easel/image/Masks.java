package dev.easel.image;

import dev.easel.image.Resample.Filter;

/** Inpainting mask helpers, following A1111's {@code masking.py} and {@code processing.py}. Masks are one channel, 1 = repaint. */
public final class Masks {

    /** Pillow's alpha threshold in {@code create_binary_mask}: alpha above 128 counts as masked. */
    private static final int ALPHA_THRESHOLD = 128;

    /** {@code masking.fill}'s blur passes: (Pillow Gaussian radius, times composited). */
    private static final int[][] FILL_PASSES = {{256, 1}, {64, 1}, {16, 2}, {4, 4}, {2, 2}, {0, 1}};

    private Masks() { }

    /** A crop box, {@code [x1, x2) x [y1, y2)}. */
    public record Box(int x1, int y1, int x2, int y2) {
        public int width() { return x2 - x1; }
        public int height() { return y2 - y1; }
    }

    /**
     * A1111's {@code create_binary_mask(mask, round=True)}: an RGBA image whose alpha is not fully opaque
     * gives its alpha thresholded at 128; anything else is converted to grey (luma), values kept as they are.
     */
    public static FloatImage fromImage(FloatImage img) {
        if (img.channels() == 4) {
            FloatImage alpha = img.channel(3);
            float[] a = alpha.data();
            boolean opaque = true;
            for (float v : a) if (Pixels.toByte(v) != 255) { opaque = false; break; }
            if (!opaque) {
                for (int i = 0; i < a.length; i++) a[i] = Pixels.toByte(a[i]) > ALPHA_THRESHOLD ? 1f : 0f;
                return alpha;
            }
            return Images.toGrey(new FloatImage(img.width(), img.height(), 3,
                    java.util.Arrays.copyOf(img.data(), img.width() * img.height() * 3)));
        }
        return Pixels.quantize(Images.toGrey(img));
    }

    /** 8-bit inversion ({@code ImageOps.invert}). */
    public static FloatImage invert(FloatImage mask) {
        float[] d = mask.data();
        float[] out = new float[d.length];
        for (int i = 0; i < d.length; i++) out[i] = (255 - Pixels.toByte(d[i])) / 255f;
        return new FloatImage(mask.width(), mask.height(), mask.channels(), out);
    }

    /** Pillow's {@code getbbox()}: the box of pixels whose 8-bit value is not 0, or null when there are none. */
    public static Box bbox(FloatImage mask) {
        int x1 = Integer.MAX_VALUE, y1 = Integer.MAX_VALUE, x2 = -1, y2 = -1;
        for (int y = 0; y < mask.height(); y++) {
            for (int x = 0; x < mask.width(); x++) {
                if (Pixels.toByte(mask.get(x, y, 0)) != 0) {
                    x1 = Math.min(x1, x);
                    y1 = Math.min(y1, y);
                    x2 = Math.max(x2, x);
                    y2 = Math.max(y2, y);
                }
            }
        }
        return x2 < 0 ? null : new Box(x1, y1, x2 + 1, y2 + 1);
    }

    /** A1111's {@code get_crop_region_v2}: the mask's bounding box grown by {@code pad} and clamped; null for an empty mask. */
    public static Box cropRegion(FloatImage mask, int pad) {
        Box b = bbox(mask);
        if (b == null || pad == 0) return b;
        return new Box(Math.max(b.x1 - pad, 0), Math.max(b.y1 - pad, 0),
                Math.min(b.x2 + pad, mask.width()), Math.min(b.y2 + pad, mask.height()));
    }

    /**
     * A1111's {@code expand_crop_region}: grows the short side of {@code crop} to the processing aspect
     * ratio ({@code diff // 2} before, the rest after), then shifts it back inside the image and clamps.
     */
    public static Box expandCropRegion(Box crop, int processingW, int processingH, int imageW, int imageH) {
        int x1 = crop.x1, y1 = crop.y1, x2 = crop.x2, y2 = crop.y2;
        double ratioCrop = (double) (x2 - x1) / (y2 - y1);
        double ratioProcessing = (double) processingW / processingH;
        if (ratioCrop > ratioProcessing) {
            double desired = (x2 - x1) / ratioProcessing;
            int diff = (int) (desired - (y2 - y1));
            y1 -= Math.floorDiv(diff, 2);
            y2 += diff - Math.floorDiv(diff, 2);
            if (y2 >= imageH) { int d = y2 - imageH; y2 -= d; y1 -= d; }
            if (y1 < 0) { y2 -= y1; y1 = 0; }
            if (y2 >= imageH) y2 = imageH;
        } else {
            double desired = (y2 - y1) * ratioProcessing;
            int diff = (int) (desired - (x2 - x1));
            x1 -= Math.floorDiv(diff, 2);
            x2 += diff - Math.floorDiv(diff, 2);
            if (x2 >= imageW) { int d = x2 - imageW; x2 -= d; x1 -= d; }
            if (x1 < 0) { x2 -= x1; x1 = 0; }
            if (x2 >= imageW) x2 = imageW;
        }
        return new Box(x1, y1, x2, y2);
    }

    /**
     * The latent-resolution mask A1111 blends with: the mask resized to (w, h) with Pillow's default
     * bicubic filter, then rounded to 0 or 1 ({@code mask_round}).
     */
    public static float[] latentMask(FloatImage mask, int w, int h) {
        FloatImage small = Resize.resize(mask.channels() == 1 ? mask : mask.channel(0), w, h, Filter.BICUBIC);
        float[] d = small.data();
        float[] out = new float[d.length];
        for (int i = 0; i < d.length; i++) out[i] = Math.round(d[i]);
        return out;
    }

    /** Mask values above one half become 1, the rest 0 (for nearest-interpolated model conditioning). */
    public static FloatImage round(FloatImage mask) {
        float[] d = mask.data();
        float[] out = new float[d.length];
        for (int i = 0; i < d.length; i++) out[i] = Math.round(d[i]);
        return new FloatImage(mask.width(), mask.height(), mask.channels(), out);
    }

    /** {@code clip(2 * mask, 0, 255)} on 8-bit values: A1111's whole-picture overlay mask. */
    public static FloatImage doubled(FloatImage mask) {
        float[] d = mask.data();
        float[] out = new float[d.length];
        for (int i = 0; i < d.length; i++) out[i] = Math.min(255, 2 * Pixels.toByte(d[i])) / 255f;
        return new FloatImage(mask.width(), mask.height(), mask.channels(), out);
    }

    /**
     * A1111's {@code masking.fill}: the masked area is painted with ever less blurred versions of the
     * unmasked colours (premultiplied blurs composited "over" one another), so inpainting starts from
     * the surrounding colours instead of what was under the mask. Returns RGB.
     */
    public static FloatImage fill(FloatImage rgb, FloatImage mask) {
        int w = rgb.width();
        int h = rgb.height();
        int n = w * h;
        float[] premul = new float[n * 4];
        float[] m = mask.data();
        float[] src = rgb.data();
        for (int i = 0; i < n; i++) {
            int a = 255 - Pixels.toByte(m[i]);
            for (int c = 0; c < 3; c++) premul[c * n + i] = mulDiv255(Pixels.toByte(src[c * n + i]), a) / 255f;
            premul[3 * n + i] = a / 255f;
        }
        FloatImage masked = new FloatImage(w, h, 4, premul);
        float[] acc = new float[n * 4]; // straight RGBA, starts transparent
        for (int[] pass : FILL_PASSES) {
            float[] b = GaussianBlur.pil(masked, pass[0]).data();
            for (int rep = 0; rep < pass[1]; rep++) {
                for (int i = 0; i < n; i++) {
                    float sa = b[3 * n + i];
                    if (sa <= 0f) continue;
                    float da = acc[3 * n + i];
                    float outA = sa + da * (1f - sa);
                    float k = sa / outA;
                    for (int c = 0; c < 3; c++) {
                        float sc = Math.min(1f, b[c * n + i] / sa); // un-premultiply (Pillow's RGBa to RGBA)
                        acc[c * n + i] = quant(sc * k + acc[c * n + i] * (1f - k));
                    }
                    acc[3 * n + i] = quant(outA);
                }
            }
        }
        return Pixels.quantize(new FloatImage(w, h, 3, java.util.Arrays.copyOf(acc, n * 3)));
    }

    private static int mulDiv255(int a, int b) {
        int t = a * b + 128; // Pillow's MULDIV255
        return ((t >> 8) + t) >> 8;
    }

    private static float quant(float v) {
        return Pixels.toByte(v) / 255f;
    }
}

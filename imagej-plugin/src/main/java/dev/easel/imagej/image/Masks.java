package dev.easel.imagej.image;

import ij.gui.Roi;
import ij.process.ByteProcessor;

/**
 * Selections as inpainting masks (255 = repaint, the size of the image) and the blurred mask A1111
 * composites with.
 */
public final class Masks {

    /** A1111's default mask blur, in pixels. */
    public static final int DEFAULT_MASK_BLUR = 4;

    private Masks() { }

    /** The area of {@code roi} as a white-on-black mask of {@code width x height}; a rectangle counts. */
    public static ByteProcessor fromRoi(Roi roi, int width, int height) {
        if (roi == null || !roi.isArea()) {
            throw new IllegalArgumentException("an area selection is needed");
        }
        ByteProcessor mask = new ByteProcessor(width, height);
        mask.setColor(255);
        mask.fill(roi);
        return mask;
    }

    /** Number of white (255) pixels. */
    public static int count(ByteProcessor mask) {
        byte[] p = (byte[]) mask.getPixels();
        int n = 0;
        for (byte b : p) {
            if ((b & 0xff) != 0) {
                n++;
            }
        }
        return n;
    }

    /** Gaussian kernel size A1111 uses for {@code mask_blur}: {@code 2 * int(2.5 * blur + 0.5) + 1}. */
    public static int kernelSize(int blur) {
        return 2 * (int) (2.5 * blur + 0.5) + 1;
    }

    /**
     * The mask blurred as A1111 blurs it (Gaussian, sigma = blur, kernel {@link #kernelSize}, separately in
     * x and y, mirrored edges), as weights in [0, 1]. A pixel farther than {@code kernelSize / 2} from
     * every white pixel has weight exactly 0.
     */
    public static float[] blurred(ByteProcessor mask, int blur) {
        int w = mask.getWidth();
        int h = mask.getHeight();
        byte[] src = (byte[]) mask.getPixels();
        float[] a = new float[w * h];
        for (int i = 0; i < a.length; i++) {
            a[i] = (src[i] & 0xff) / 255f;
        }
        if (blur <= 0) {
            return a;
        }
        float[] kernel = gaussian(blur);
        float[] b = new float[w * h];
        convolve(a, b, w, h, kernel, true);
        convolve(b, a, w, h, kernel, false);
        return a;
    }

    private static float[] gaussian(int sigma) {
        int size = kernelSize(sigma);
        int r = size / 2;
        float[] k = new float[size];
        double sum = 0;
        for (int i = 0; i < size; i++) {
            double x = i - r;
            k[i] = (float) Math.exp(-x * x / (2.0 * sigma * sigma));
            sum += k[i];
        }
        for (int i = 0; i < size; i++) {
            k[i] = (float) (k[i] / sum);
        }
        return k;
    }

    private static void convolve(float[] in, float[] out, int w, int h, float[] k, boolean horizontal) {
        int r = k.length / 2;
        int n = horizontal ? w : h;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double acc = 0;
                int pos = horizontal ? x : y;
                for (int j = -r; j <= r; j++) {
                    int q = reflect101(pos + j, n);
                    float v = horizontal ? in[y * w + q] : in[q * w + x];
                    acc += v * k[j + r];
                }
                out[y * w + x] = (float) acc;
            }
        }
    }

    /** OpenCV's default border: mirror without repeating the edge pixel (dcb|abcd|cba). */
    static int reflect101(int i, int n) {
        if (n == 1) {
            return 0;
        }
        int p = i;
        while (p < 0 || p >= n) {
            p = p < 0 ? -p : 2 * (n - 1) - p;
        }
        return p;
    }
}

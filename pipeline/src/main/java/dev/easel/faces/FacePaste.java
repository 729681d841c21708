package dev.easel.faces;

import dev.easel.upscale.PixelAccess;

/**
 * Putting a restored face back: the inverse warp of the crop, blended through the mask facexlib's
 * {@code paste_faces_to_input_image} builds (without a face-parsing model): the warped crop square,
 * eroded by 2 px, then by {@code 2 * w_edge} and blurred with a {@code 2 * w_edge + 1} Gaussian, where
 * {@code w_edge = sqrt(area) / 20}. Only the face's bounding box is touched: pixels elsewhere are
 * left exactly as they were.
 */
public final class FacePaste {
    /** facexlib erodes the warped square by 2 px first (kernel 2 * upscale_factor, factor 1 here). */
    private static final int FIRST_EROSION = 2;
    /** facexlib: {@code w_edge = int(total_face_area ** 0.5) // 20}. */
    private static final int EDGE_DIVISOR = 20;
    private static final int MARGIN = 2;

    private FacePaste() { }

    /**
     * Blends {@code face} (planar RGB {@code [3, size, size]} in [-1, 1]) into the image through the
     * inverse of {@code toCrop}, scaled by {@code visibility} (A1111's {@code Image.blend} with the
     * unrestored image). Alpha and any channel past RGB are left alone; grey images get the RGB mean.
     */
    public static void paste(PixelAccess image, float[] face, Similarity toCrop, int size, double visibility) {
        Similarity back = toCrop.inverse();
        double minX = Double.MAX_VALUE, minY = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        for (double[] c : new double[][] {{-1, -1}, {size, -1}, {-1, size}, {size, size}}) {
            double x = back.x(c[0], c[1]);
            double y = back.y(c[0], c[1]);
            minX = Math.min(minX, x);
            maxX = Math.max(maxX, x);
            minY = Math.min(minY, y);
            maxY = Math.max(maxY, y);
        }
        int x0 = Math.max(0, (int) Math.floor(minX) - MARGIN);
        int y0 = Math.max(0, (int) Math.floor(minY) - MARGIN);
        int x1 = Math.min(image.width(), (int) Math.ceil(maxX) + MARGIN + 1);
        int y1 = Math.min(image.height(), (int) Math.ceil(maxY) + MARGIN + 1);
        if (x0 >= x1 || y0 >= y1) return;
        Region r = new Region(x0, y0, x1 - x0, y1 - y0, image.width(), image.height());

        float[] square = new float[r.w * r.h];
        for (int y = 0; y < r.h; y++) {
            for (int x = 0; x < r.w; x++) {
                double qx = toCrop.x(x + x0, y + y0);
                double qy = toCrop.y(x + x0, y + y0);
                square[y * r.w + x] = (float) (inside(qx, size) * inside(qy, size));
            }
        }
        float[] eroded = r.erode(square, FIRST_EROSION);
        double area = 0;
        for (float v : eroded) area += v;
        int wEdge = (int) Math.sqrt(area) / EDGE_DIVISOR;
        float[] center = r.erode(eroded, 2 * wEdge);
        float[] soft = r.gaussian(center, 2 * wEdge + 1);

        int plane = size * size;
        float[] rgb = new float[3];
        int colors = image.channels() >= 3 ? 3 : 1;
        for (int y = 0; y < r.h; y++) {
            for (int x = 0; x < r.w; x++) {
                int i = y * r.w + x;
                float m = (float) (soft[i] * visibility);
                if (m <= 0) continue;
                int ix = x + x0;
                int iy = y + y0;
                faceAt(face, size, plane, toCrop.x(ix, iy), toCrop.y(ix, iy), rgb);
                float e = eroded[i];
                if (colors == 3) {
                    for (int c = 0; c < 3; c++) {
                        float orig = image.get(ix, iy, c);
                        image.set(ix, iy, c, orig + m * (e * rgb[c] - orig));
                    }
                } else {
                    float orig = image.get(ix, iy, 0);
                    float g = (rgb[0] + rgb[1] + rgb[2]) / 3f;
                    image.set(ix, iy, 0, orig + m * (e * g - orig));
                }
            }
        }
    }

    /** Bilinear sample of an all-ones square [0, size-1] with zero outside: 1 inside, ramps over one pixel. */
    private static double inside(double q, int size) {
        double out = Math.max(0, Math.max(-q, q - (size - 1)));
        return Math.max(0, 1 - out);
    }

    /** Bilinear RGB of the restored crop at (u, v), zero outside, mapped from [-1, 1] to [0, 1] and clipped. */
    private static void faceAt(float[] face, int size, int plane, double u, double v, float[] out) {
        int u0 = (int) Math.floor(u);
        int v0 = (int) Math.floor(v);
        float au = (float) (u - u0);
        float av = (float) (v - v0);
        out[0] = 0;
        out[1] = 0;
        out[2] = 0;
        for (int dv = 0; dv < 2; dv++) {
            int vv = v0 + dv;
            float wv = dv == 0 ? 1 - av : av;
            if (vv < 0 || vv >= size || wv == 0) continue;
            for (int du = 0; du < 2; du++) {
                int uu = u0 + du;
                float wu = du == 0 ? 1 - au : au;
                if (uu < 0 || uu >= size || wu == 0) continue;
                int i = vv * size + uu;
                for (int c = 0; c < 3; c++) {
                    float s = face[c * plane + i];
                    s = s < -1 ? -1 : (s > 1 ? 1 : s);
                    out[c] += wu * wv * (s + 1) / 2;
                }
            }
        }
    }

    /** A rectangle of the image; morphology treats pixels outside it but inside the image as 0. */
    private record Region(int x0, int y0, int w, int h, int imageW, int imageH) {

        /**
         * Minimum over a {@code k x k} window anchored like OpenCV's (offsets {@code -k/2 .. k-1-k/2});
         * pixels outside the image do not count (OpenCV's erode border); k = 0 means OpenCV's default 3x3.
         */
        float[] erode(float[] src, int k) {
            int size = k == 0 ? 3 : k;
            int lo = -(size / 2);
            float[] tmp = new float[src.length];
            float[] line = new float[Math.max(w, h) + size];
            float[] mins = new float[Math.max(w, h)];
            int[] deque = new int[line.length];
            for (int y = 0; y < h; y++) {
                for (int i = 0; i < w + size - 1; i++) line[i] = at(src, i + lo, y);
                slidingMin(line, w, size, deque, mins);
                System.arraycopy(mins, 0, tmp, y * w, w);
            }
            float[] out = new float[src.length];
            for (int x = 0; x < w; x++) {
                for (int i = 0; i < h + size - 1; i++) line[i] = at(tmp, x, i + lo);
                slidingMin(line, h, size, deque, mins);
                for (int y = 0; y < h; y++) out[y * w + x] = mins[y];
            }
            return out;
        }

        /** {@code mins[i] = min(line[i .. i + size - 1])} for i below n, in linear time (monotonic deque). */
        private static void slidingMin(float[] line, int n, int size, int[] deque, float[] mins) {
            int head = 0;
            int tail = 0;
            for (int j = 0; j < n + size - 1; j++) {
                while (tail > head && line[deque[tail - 1]] >= line[j]) tail--;
                deque[tail++] = j;
                int i = j - size + 1;
                if (i >= 0) {
                    while (deque[head] < i) head++;
                    mins[i] = line[deque[head]];
                }
            }
        }

        /** Region value at local (x, y): MAX_VALUE outside the image, 0 outside the region. */
        private float at(float[] a, int x, int y) {
            int ix = x + x0;
            int iy = y + y0;
            if (ix < 0 || iy < 0 || ix >= imageW || iy >= imageH) return Float.MAX_VALUE;
            if (x < 0 || y < 0 || x >= w || y >= h) return 0;
            return a[y * w + x];
        }

        /** OpenCV's GaussianBlur with sigma 0 (derived from the size), reflect-101 at image borders. */
        float[] gaussian(float[] src, int ksize) {
            if (ksize <= 1) return src;
            float[] kernel = gaussianKernel(ksize);
            int r = ksize / 2;
            float[] tmp = new float[src.length];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    float s = 0;
                    for (int d = -r; d <= r; d++) s += kernel[d + r] * blurAt(src, x + d, y);
                    tmp[y * w + x] = s;
                }
            }
            float[] out = new float[src.length];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    float s = 0;
                    for (int d = -r; d <= r; d++) s += kernel[d + r] * blurAt(tmp, x, y + d);
                    out[y * w + x] = s;
                }
            }
            return out;
        }

        private float blurAt(float[] a, int x, int y) {
            int ix = reflect101(x + x0, imageW) - x0;
            int iy = reflect101(y + y0, imageH) - y0;
            if (ix < 0 || iy < 0 || ix >= w || iy >= h) return 0;
            return a[iy * w + ix];
        }

        private static int reflect101(int i, int n) {
            if (n == 1) return 0;
            int period = 2 * (n - 1);
            int m = Math.floorMod(i, period);
            return m < n ? m : period - m;
        }

        /** OpenCV getGaussianKernel(ksize, 0): fixed tables up to 7 taps, else sigma = 0.3((k-1)/2 - 1) + 0.8. */
        private static float[] gaussianKernel(int ksize) {
            switch (ksize) {
                case 3: return new float[] {0.25f, 0.5f, 0.25f};
                case 5: return new float[] {0.0625f, 0.25f, 0.375f, 0.25f, 0.0625f};
                case 7: return new float[] {0.03125f, 0.109375f, 0.21875f, 0.28125f, 0.21875f, 0.109375f, 0.03125f};
                default: break;
            }
            double sigma = 0.3 * ((ksize - 1) * 0.5 - 1) + 0.8;
            float[] k = new float[ksize];
            double sum = 0;
            int r = ksize / 2;
            for (int i = 0; i < ksize; i++) {
                double v = Math.exp(-((i - r) * (i - r)) / (2 * sigma * sigma));
                k[i] = (float) v;
                sum += v;
            }
            for (int i = 0; i < ksize; i++) k[i] /= (float) sum;
            return k;
        }
    }
}

package dev.easel.upscale;

import dev.easel.image.Resample;

/**
 * Lanczos and nearest-neighbour resizing of rasters as PIL does it for A1111 ({@code Image.resize}
 * with {@code LANCZOS} or {@code NEAREST}). 8-bit rasters go through Pillow's exact 8-bit path
 * ({@link Resample#resize8}), one channel plane at a time. Other depths use the same filter in
 * float (pixel centres at {@code x + 0.5}, support widened by the reduction factor, weights
 * normalised), separably through a {@code srcHeight x dstWidth} float buffer per channel: never a
 * full-size float copy of the result. Nearest takes {@code floor((x + 0.5) * in / out)}.
 */
public final class RasterResize {
    /** PIL's Lanczos filter support (a = 3). */
    private static final double LANCZOS_SUPPORT = 3.0;

    private RasterResize() { }

    /** Lanczos in float: channels {@code [from, to)} of {@code src} into the same channels of {@code dst}. */
    public static void lanczos(PixelAccess src, PixelAccess dst, int from, int to) {
        int sw = src.width();
        int sh = src.height();
        int dw = dst.width();
        int dh = dst.height();
        Kernel kx = Kernel.lanczos(sw, dw);
        Kernel ky = Kernel.lanczos(sh, dh);
        float[] temp = new float[Math.multiplyExact(sh, dw)];
        for (int c = from; c < to; c++) {
            for (int y = 0; y < sh; y++) {
                int row = y * dw;
                for (int x = 0; x < dw; x++) {
                    int s = kx.start[x];
                    float[] w = kx.weights[x];
                    float acc = 0;
                    for (int i = 0; i < w.length; i++) acc += w[i] * src.get(s + i, y, c);
                    temp[row + x] = acc;
                }
            }
            for (int y = 0; y < dh; y++) {
                int s = ky.start[y];
                float[] w = ky.weights[y];
                for (int x = 0; x < dw; x++) {
                    float acc = 0;
                    for (int i = 0; i < w.length; i++) acc += w[i] * temp[(s + i) * dw + x];
                    dst.set(x, y, c, acc);
                }
            }
        }
    }

    /** Nearest-neighbour resize of all channels. */
    public static void nearest(PixelAccess src, PixelAccess dst) {
        int sw = src.width();
        int sh = src.height();
        int dw = dst.width();
        int dh = dst.height();
        int[] xs = new int[dw];
        for (int x = 0; x < dw; x++) xs[x] = Math.min(sw - 1, (int) Math.floor((x + 0.5) * sw / dw));
        int channels = Math.min(src.channels(), dst.channels());
        for (int y = 0; y < dh; y++) {
            int sy = Math.min(sh - 1, (int) Math.floor((y + 0.5) * sh / dh));
            for (int x = 0; x < dw; x++) {
                for (int c = 0; c < channels; c++) dst.set(x, y, c, src.get(xs[x], sy, c));
            }
        }
    }

    /** A Lanczos-resized copy of a raster at a new size (same depth and channels). */
    public static Raster lanczos(Raster src, int width, int height) {
        Raster out = Raster.allocateLike(src, width, height, src.channels());
        lanczosChannels(src, out, 0, src.channels());
        return out;
    }

    /**
     * Lanczos-resizes channels {@code [from, to)} of {@code src} into the same channels of
     * {@code dst}, byte-exact with Pillow when both are 8-bit.
     */
    public static void lanczosChannels(Raster src, Raster dst, int from, int to) {
        if (src.depth() != Raster.Depth.U8 || dst.depth() != Raster.Depth.U8) {
            lanczos(src, dst, from, to);
            return;
        }
        int sw = src.width();
        int sh = src.height();
        int dw = dst.width();
        int dh = dst.height();
        byte[] in = src.bytes();
        byte[] out = dst.bytes();
        int sc = src.channels();
        int dc = dst.channels();
        byte[] plane = new byte[Math.multiplyExact(sw, sh)];
        for (int c = from; c < to; c++) {
            for (int i = 0; i < plane.length; i++) plane[i] = in[i * sc + c];
            byte[] resized = Resample.resize8(plane, sw, sh, 1, dw, dh, Resample.Filter.LANCZOS, null);
            for (int i = 0; i < resized.length; i++) out[i * dc + c] = resized[i];
        }
    }

    /** A nearest-neighbour-resized copy of a raster at a new size. */
    public static Raster nearest(Raster src, int width, int height) {
        Raster out = Raster.allocateLike(src, width, height, src.channels());
        nearest(src, out);
        return out;
    }

    /** Per output pixel: the first input sample and the normalised weights from there on. */
    private record Kernel(int[] start, float[][] weights) {
        static Kernel lanczos(int in, int out) {
            double scale = (double) in / out;
            double filterScale = Math.max(1.0, scale);
            double support = LANCZOS_SUPPORT * filterScale;
            int[] start = new int[out];
            float[][] weights = new float[out][];
            for (int o = 0; o < out; o++) {
                double center = (o + 0.5) * scale;
                int lo = Math.max((int) (center - support + 0.5), 0);
                int hi = Math.min((int) (center + support + 0.5), in);
                double[] w = new double[Math.max(hi - lo, 0)];
                double sum = 0;
                for (int i = 0; i < w.length; i++) {
                    w[i] = lanczos3((lo + i - center + 0.5) / filterScale);
                    sum += w[i];
                }
                float[] f = new float[w.length];
                for (int i = 0; i < w.length; i++) f[i] = (float) (sum == 0 ? 0 : w[i] / sum);
                start[o] = lo;
                weights[o] = f;
            }
            return new Kernel(start, weights);
        }

        private static double lanczos3(double x) {
            if (x <= -LANCZOS_SUPPORT || x >= LANCZOS_SUPPORT) return 0;
            return sinc(x) * sinc(x / LANCZOS_SUPPORT);
        }

        private static double sinc(double x) {
            if (x == 0) return 1;
            double px = Math.PI * x;
            return Math.sin(px) / px;
        }
    }
}

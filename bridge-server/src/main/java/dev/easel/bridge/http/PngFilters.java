package dev.easel.bridge.http;

/**
 * Reverses PNG's five row filters (PNG spec, section 9) in place. Paeth rows, which most encoders
 * choose for photographs, dominate decoding time; their predictor is branch-free and keeps each
 * channel's neighbours in locals.
 */
final class PngFilters {
    private PngFilters() { }

    /** Undoes the five PNG row filters in place; returns the same array (each row still led by its filter byte). */
    static byte[] unfilter(byte[] raw, int w, int h, int bpp) {
        int stride = w * bpp;
        for (int y = 0; y < h; y++) {
            int cur = y * (stride + 1) + 1;
            int prev = cur - stride - 1; // the previous row's pixels
            int f = raw[cur - 1];
            boolean first = y == 0;
            switch (f) {
                case 0 -> { }
                case 1 -> sub(raw, cur, stride, bpp);
                case 2 -> {
                    if (!first) for (int i = 0; i < stride; i++) raw[cur + i] += raw[prev + i];
                }
                case 3 -> average(raw, cur, prev, stride, bpp, first);
                case 4 -> {
                    if (first) sub(raw, cur, stride, bpp); // with no row above, Paeth picks the left pixel
                    else paeth(raw, cur, prev, stride, bpp);
                }
                default -> throw new IllegalArgumentException("unknown PNG row filter " + f + " in row " + y);
            }
        }
        return raw;
    }

    private static void sub(byte[] raw, int cur, int stride, int bpp) {
        for (int i = bpp; i < stride; i++) raw[cur + i] += raw[cur + i - bpp];
    }

    private static void average(byte[] raw, int cur, int prev, int stride, int bpp, boolean first) {
        for (int i = 0; i < stride; i++) {
            int left = i >= bpp ? raw[cur + i - bpp] & 0xFF : 0;
            int up = first ? 0 : raw[prev + i] & 0xFF;
            raw[cur + i] += (byte) ((left + up) >>> 1);
        }
    }

    /**
     * Paeth for a row with a row above; the first pixel predicts from above only (left and corner are
     * 0). Each channel's left and corner values stay in locals, so the channels' dependency chains run
     * side by side instead of waiting on memory.
     */
    private static void paeth(byte[] raw, int cur, int prev, int stride, int bpp) {
        for (int i = 0; i < bpp; i++) raw[cur + i] += raw[prev + i];
        if (bpp == 3) {
            int a0 = raw[cur] & 0xFF, a1 = raw[cur + 1] & 0xFF, a2 = raw[cur + 2] & 0xFF;
            int c0 = raw[prev] & 0xFF, c1 = raw[prev + 1] & 0xFF, c2 = raw[prev + 2] & 0xFF;
            for (int i = 3; i < stride; i += 3) {
                int b0 = raw[prev + i] & 0xFF, b1 = raw[prev + i + 1] & 0xFF, b2 = raw[prev + i + 2] & 0xFF;
                a0 = (raw[cur + i] + predict(a0, b0, c0)) & 0xFF;
                a1 = (raw[cur + i + 1] + predict(a1, b1, c1)) & 0xFF;
                a2 = (raw[cur + i + 2] + predict(a2, b2, c2)) & 0xFF;
                raw[cur + i] = (byte) a0;
                raw[cur + i + 1] = (byte) a1;
                raw[cur + i + 2] = (byte) a2;
                c0 = b0;
                c1 = b1;
                c2 = b2;
            }
            return;
        }
        if (bpp == 4) {
            int a0 = raw[cur] & 0xFF, a1 = raw[cur + 1] & 0xFF, a2 = raw[cur + 2] & 0xFF, a3 = raw[cur + 3] & 0xFF;
            int c0 = raw[prev] & 0xFF, c1 = raw[prev + 1] & 0xFF, c2 = raw[prev + 2] & 0xFF, c3 = raw[prev + 3] & 0xFF;
            for (int i = 4; i < stride; i += 4) {
                int b0 = raw[prev + i] & 0xFF, b1 = raw[prev + i + 1] & 0xFF;
                int b2 = raw[prev + i + 2] & 0xFF, b3 = raw[prev + i + 3] & 0xFF;
                a0 = (raw[cur + i] + predict(a0, b0, c0)) & 0xFF;
                a1 = (raw[cur + i + 1] + predict(a1, b1, c1)) & 0xFF;
                a2 = (raw[cur + i + 2] + predict(a2, b2, c2)) & 0xFF;
                a3 = (raw[cur + i + 3] + predict(a3, b3, c3)) & 0xFF;
                raw[cur + i] = (byte) a0;
                raw[cur + i + 1] = (byte) a1;
                raw[cur + i + 2] = (byte) a2;
                raw[cur + i + 3] = (byte) a3;
                c0 = b0;
                c1 = b1;
                c2 = b2;
                c3 = b3;
            }
            return;
        }
        for (int i = bpp; i < stride; i++) {
            raw[cur + i] += (byte) predict(raw[cur + i - bpp] & 0xFF, raw[prev + i] & 0xFF, raw[prev + i - bpp] & 0xFF);
        }
    }

    /**
     * The Paeth predictor (PNG spec 9.4): whichever of left, above, upper-left is nearest to
     * left + above - upper-left, ties in that order. Branch-free, since on noisy rows the choice is
     * a coin toss a branch predictor keeps losing.
     */
    private static int predict(int a, int b, int c) {
        int pa = Math.abs(b - c);
        int pb = Math.abs(a - c);
        int pc = Math.abs(a + b - c - c);
        int takeC = (pc - pb) >> 31; // all ones when pc < pb
        int bOrC = (b & ~takeC) | (c & takeC);
        int min = (pb & ~takeC) | (pc & takeC);
        int notA = (min - pa) >> 31; // all ones when min(pb, pc) < pa
        return (a & ~notA) | (bOrC & notA);
    }
}

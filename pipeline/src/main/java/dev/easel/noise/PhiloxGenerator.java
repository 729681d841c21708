package dev.easel.noise;

/**
 * A1111's "NV" source, an imitation of torch's CUDA {@code randn}: Philox 4x32-10 keyed by the two
 * 32-bit words of the 64-bit seed, counter {@code [offset, 0, i, 0]} for element {@code i}, and the
 * sine-only Box-Muller on the first two output words, computed in double and rounded to float.
 * The offset advances by one per {@link #randn} call, not per value.
 */
public final class PhiloxGenerator implements NoiseGenerator {
    // Philox 4x32 multipliers and Weyl key increments (Salmon et al. 2011, as in rng_philox.py).
    private static final long M0 = 0xD2511F53L;
    private static final long M1 = 0xCD9E8D57L;
    private static final int W0 = 0x9E3779B9;
    private static final int W1 = 0xBB67AE85;
    private static final int ROUNDS = 10;
    /** float32(2.3283064e-10) and float32(2.3283064e-10 * 6.2831855) (product in double), widened as numpy does. */
    private static final double TWO_POW32_INV = 2.3283064e-10f;
    private static final double TWO_POW32_INV_2PI = (float) (2.3283064e-10 * 6.2831855);

    private final int key0;
    private final int key1;
    private int offset;

    public PhiloxGenerator(long seed) {
        this.key0 = (int) seed;
        this.key1 = (int) (seed >>> 32);
    }

    @Override
    public void randn(float[] out, int at, int n) {
        int callOffset = offset++;
        if (n < Parallel.MIN_PARALLEL) {
            fill(out, at, 0, n, callOffset);
        } else {
            // Every value depends only on (seed, offset, index): chunks fill independently.
            Parallel.chunks(n, Parallel.CHUNK, (from, to) -> fill(out, at, from, to, callOffset));
        }
    }

    private void fill(float[] out, int at, int from, int to, int callOffset) {
        for (int i = from; i < to; i++) {
            long g = philox01(callOffset, i, key0, key1);
            out[at + i] = boxMuller((int) g, (int) (g >>> 32));
        }
    }

    /** Output words 0 and 1 (low and high half) of Philox 4x32-10 on counter {@code [c0, 0, c2, 0]}. */
    static long philox01(int c0, int c2, int k0, int k1) {
        int c1 = 0, c3 = 0;
        for (int round = 0; round < ROUNDS; round++) {
            long p0 = (c0 & 0xFFFFFFFFL) * M0;
            long p1 = (c2 & 0xFFFFFFFFL) * M1;
            int n0 = (int) (p1 >>> 32) ^ c1 ^ k0;
            int n2 = (int) (p0 >>> 32) ^ c3 ^ k1;
            c1 = (int) p1;
            c3 = (int) p0;
            c0 = n0;
            c2 = n2;
            k0 += W0;
            k1 += W1;
        }
        return (c0 & 0xFFFFFFFFL) | ((long) c1 << 32);
    }

    static float boxMuller(int g0, int g1) {
        double u = (g0 & 0xFFFFFFFFL) * TWO_POW32_INV + TWO_POW32_INV / 2;
        double v = (g1 & 0xFFFFFFFFL) * TWO_POW32_INV_2PI + TWO_POW32_INV_2PI / 2;
        return (float) (Math.sqrt(-2.0 * Math.log(u)) * Math.sin(v));
    }

    /** Ten Philox rounds on counter {@code (c0..c3)} with key {@code (k0, k1)}; writes 4 words to {@code out}. */
    static void philox(int c0, int c1, int c2, int c3, int k0, int k1, int[] out) {
        for (int round = 0; round < ROUNDS; round++) {
            long p0 = (c0 & 0xFFFFFFFFL) * M0;
            long p1 = (c2 & 0xFFFFFFFFL) * M1;
            int hi0 = (int) (p0 >>> 32);
            int lo0 = (int) p0;
            int hi1 = (int) (p1 >>> 32);
            int lo1 = (int) p1;
            c0 = hi1 ^ c1 ^ k0;
            c1 = lo1;
            c2 = hi0 ^ c3 ^ k1;
            c3 = lo0;
            k0 += W0;
            k1 += W1;
        }
        out[0] = c0;
        out[1] = c1;
        out[2] = c2;
        out[3] = c3;
    }
}

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

    /** Values per pass of the two-phase fill (a 4 KiB buffer, cache-resident). */
    private static final int BATCH = 512;

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
        long[] words = new long[Math.min(BATCH, to - from)];
        for (int start = from; start < to; start += BATCH) {
            int n = Math.min(BATCH, to - start);
            // Integer rounds first, transcendentals after: the Box-Muller's log and sin are stub calls
            // that spill registers, so keeping them out of the Philox loop lets independent counters overlap.
            int j = 0;
            for (; j + 1 < n; j += 2) philoxPair(callOffset, start + j, key0, key1, words, j);
            if (j < n) words[j] = philox01(callOffset, start + j, key0, key1);
            for (j = 0; j < n; j++) out[at + start + j] = boxMuller((int) words[j], (int) (words[j] >>> 32));
        }
    }

    /**
     * {@link #philox01} for counters {@code c2} and {@code c2 + 1} into {@code words[j]} and {@code words[j + 1]}:
     * each round is a chain of dependent multiplies, and two independent chains side by side keep the
     * multiplier busy.
     */
    static void philoxPair(int c0, int c2, int k0, int k1, long[] words, int j) {
        int a0 = c0, a1 = 0, a2 = c2, a3 = 0;
        int b0 = c0, b1 = 0, b2 = c2 + 1, b3 = 0;
        for (int round = 0; round < ROUNDS; round++) {
            long pa0 = (a0 & 0xFFFFFFFFL) * M0;
            long pa1 = (a2 & 0xFFFFFFFFL) * M1;
            long pb0 = (b0 & 0xFFFFFFFFL) * M0;
            long pb1 = (b2 & 0xFFFFFFFFL) * M1;
            a0 = (int) (pa1 >>> 32) ^ a1 ^ k0;
            a2 = (int) (pa0 >>> 32) ^ a3 ^ k1;
            a1 = (int) pa1;
            a3 = (int) pa0;
            b0 = (int) (pb1 >>> 32) ^ b1 ^ k0;
            b2 = (int) (pb0 >>> 32) ^ b3 ^ k1;
            b1 = (int) pb1;
            b3 = (int) pb0;
            k0 += W0;
            k1 += W1;
        }
        words[j] = (a0 & 0xFFFFFFFFL) | ((long) a1 << 32);
        words[j + 1] = (b0 & 0xFFFFFFFFL) | ((long) b1 << 32);
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

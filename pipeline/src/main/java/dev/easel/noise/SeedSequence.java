package dev.easel.noise;

/**
 * numpy's {@code SeedSequence} (the hash-based entropy pool behind {@code numpy.random}), as far as
 * torchsde's Brownian tree uses it: entropy from a non-negative integer, an optional spawn key, a pool
 * size, and {@code generate_state(n)} as uint32 words.
 */
public final class SeedSequence {
    /** Constants of numpy's {@code bit_generator.pyx} (after Melissa O'Neill's seed_seq_fe). */
    private static final int INIT_A = 0x43b0d7e5;
    private static final int MULT_A = 0x931e8875;
    private static final int INIT_B = 0x8b51f9dd;
    private static final int MULT_B = 0x58f38ded;
    private static final int MIX_MULT_L = 0xca01f9dd;
    private static final int MIX_MULT_R = 0x4973f715;
    private static final int XSHIFT = 16;
    /** numpy's DEFAULT_POOL_SIZE. */
    public static final int DEFAULT_POOL_SIZE = 4;

    private final int[] pool;

    /**
     * @param entropy  a non-negative integer (its 32-bit words, least significant first, are the entropy)
     * @param spawnKey integers appended to the entropy after padding it to the pool size (empty for none)
     * @param poolSize words of pool, at least 4
     */
    public SeedSequence(long entropy, long[] spawnKey, int poolSize) {
        if (entropy < 0) throw new IllegalArgumentException("SeedSequence entropy must be non-negative, got " + entropy);
        if (poolSize < DEFAULT_POOL_SIZE) throw new IllegalArgumentException("pool size must be at least " + DEFAULT_POOL_SIZE);
        int[] run = words(entropy);
        int[] spawn = new int[0];
        for (long k : spawnKey) spawn = concat(spawn, words(k));
        if (spawn.length > 0 && run.length < poolSize) {
            // numpy >= 1.19 pads the run entropy with zeros when a spawn key follows.
            run = concat(run, new int[poolSize - run.length]);
        }
        pool = new int[poolSize];
        mix(pool, concat(run, spawn));
    }

    /** {@code generate_state(n)} with dtype uint32; words are returned as ints (treat as unsigned). */
    public int[] generateState(int n) {
        int[] out = new int[n];
        int hashConst = INIT_B;
        for (int i = 0; i < n; i++) {
            int v = pool[i % pool.length];
            v ^= hashConst;
            hashConst *= MULT_B;
            v *= hashConst;
            v ^= v >>> XSHIFT;
            out[i] = v;
        }
        return out;
    }

    private static void mix(int[] mixer, int[] entropy) {
        int[] hashConst = {INIT_A};
        for (int i = 0; i < mixer.length; i++) {
            mixer[i] = hashmix(i < entropy.length ? entropy[i] : 0, hashConst);
        }
        for (int src = 0; src < mixer.length; src++) {
            for (int dst = 0; dst < mixer.length; dst++) {
                if (src != dst) mixer[dst] = mixWords(mixer[dst], hashmix(mixer[src], hashConst));
            }
        }
        for (int src = mixer.length; src < entropy.length; src++) {
            for (int dst = 0; dst < mixer.length; dst++) {
                mixer[dst] = mixWords(mixer[dst], hashmix(entropy[src], hashConst));
            }
        }
    }

    private static int hashmix(int value, int[] hashConst) {
        value ^= hashConst[0];
        hashConst[0] *= MULT_A;
        value *= hashConst[0];
        value ^= value >>> XSHIFT;
        return value;
    }

    private static int mixWords(int x, int y) {
        int result = MIX_MULT_L * x - MIX_MULT_R * y;
        result ^= result >>> XSHIFT;
        return result;
    }

    /** The 32-bit words of a non-negative integer, least significant first; 0 is one zero word. */
    private static int[] words(long n) {
        if (n < 0) throw new IllegalArgumentException("negative value in SeedSequence input: " + n);
        if (n == 0) return new int[] {0};
        return (n >>> 32) == 0 ? new int[] {(int) n} : new int[] {(int) n, (int) (n >>> 32)};
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = new int[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}

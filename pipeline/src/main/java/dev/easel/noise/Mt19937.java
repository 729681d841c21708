package dev.easel.noise;

/**
 * The 32-bit Mersenne Twister (MT19937) as torch's CPU generator runs it: seeded with
 * {@code init_genrand(seed & 0xFFFFFFFF)}, standard tempering.
 */
final class Mt19937 {
    private static final int N = 624;
    private static final int M = 397;
    private static final int MATRIX_A = 0x9908B0DF;
    private static final int UPPER_MASK = 0x80000000;
    private static final int LOWER_MASK = 0x7FFFFFFF;
    /** Knuth's multiplier from the reference {@code init_genrand}. */
    private static final int INIT_MULTIPLIER = 1812433253;

    private final int[] state = new int[N];
    private int index;

    /** Only the low 32 bits of {@code seed} are used, as torch's {@code mt19937(uint64_t)} does. */
    Mt19937(long seed) {
        state[0] = (int) seed;
        for (int j = 1; j < N; j++) {
            int prev = state[j - 1];
            state[j] = INIT_MULTIPLIER * (prev ^ (prev >>> 30)) + j;
        }
        index = N;
    }

    /** The next 32 random bits (as an int; callers treat it as unsigned). */
    int nextInt() {
        if (index >= N) twist();
        int y = state[index++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9D2C5680;
        y ^= (y << 15) & 0xEFC60000;
        y ^= y >>> 18;
        return y;
    }

    private void twist() {
        for (int k = 0; k < N; k++) {
            int y = (state[k] & UPPER_MASK) | (state[(k + 1) % N] & LOWER_MASK);
            int v = state[(k + M) % N] ^ (y >>> 1);
            state[k] = (y & 1) != 0 ? v ^ MATRIX_A : v;
        }
        index = 0;
    }
}

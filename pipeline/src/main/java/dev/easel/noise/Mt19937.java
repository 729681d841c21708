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
        // The reference loop with its "(k + 1) % N" and "(k + M) % N" split into the three ranges where
        // no index wraps, so the hot loops carry no division.
        int k = 0;
        for (; k < N - M; k++) state[k] = mix(state[k], state[k + 1], state[k + M]);
        for (; k < N - 1; k++) state[k] = mix(state[k], state[k + 1], state[k + M - N]);
        state[N - 1] = mix(state[N - 1], state[0], state[M - 1]);
        index = 0;
    }

    private static int mix(int current, int next, int far) {
        int y = (current & UPPER_MASK) | (next & LOWER_MASK);
        int v = far ^ (y >>> 1);
        // (y & 1) != 0 ? v ^ MATRIX_A : v, without a branch the CPU mispredicts half the time
        return v ^ (-(y & 1) & MATRIX_A);
    }
}

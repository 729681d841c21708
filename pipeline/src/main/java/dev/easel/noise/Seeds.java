package dev.easel.noise;

import java.util.concurrent.ThreadLocalRandom;

/** A1111's seed bookkeeping ({@code processing.get_fixed_seed} and {@code all_seeds}/{@code all_subseeds}). */
public final class Seeds {
    /** The seed value that asks for a random seed. */
    public static final long RANDOM = -1;
    /** {@code random.randrange(4294967294)}: random seeds lie in {@code [0, 4294967294)}. */
    static final long RANDOM_BOUND = 4294967294L;

    private Seeds() { }

    /** -1 becomes a random seed in {@code [0, 4294967294)}; any other value is kept. */
    public static long resolve(long seed) {
        return seed == RANDOM ? ThreadLocalRandom.current().nextLong(RANDOM_BOUND) : seed;
    }

    /**
     * The seed of every image of a job, {@code count = batch_size * n_iter}: {@code seed + i}, or
     * {@code seed} for all images when a variation strength is set (A1111: variations share the seed).
     */
    public static long[] imageSeeds(long seed, double subseedStrength, int count) {
        long[] out = new long[count];
        for (int i = 0; i < count; i++) out[i] = subseedStrength == 0 ? seed + i : seed;
        return out;
    }

    /** The variation seed of every image: always {@code subseed + i}. */
    public static long[] imageSubseeds(long subseed, int count) {
        long[] out = new long[count];
        for (int i = 0; i < count; i++) out[i] = subseed + i;
        return out;
    }

    /** The slice of {@code all} used by batch iteration {@code iteration} ({@code n} in A1111). */
    public static long[] forIteration(long[] all, int iteration, int batchSize) {
        long[] out = new long[batchSize];
        System.arraycopy(all, iteration * batchSize, out, 0, batchSize);
        return out;
    }
}

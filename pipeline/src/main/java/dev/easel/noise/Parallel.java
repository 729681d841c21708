package dev.easel.noise;

import java.util.stream.IntStream;

/** Splits element-wise work over the common fork-join pool; results never depend on the split. */
final class Parallel {
    /** Below this many values a draw runs on the calling thread (a 64x64 latent plane is 4096). */
    static final int MIN_PARALLEL = 8192;
    /** Values per task. */
    static final int CHUNK = 4096;

    interface Range {
        void run(int from, int to);
    }

    private Parallel() { }

    /** Runs {@code body} over {@code [0, n)} in ranges of {@code chunk}. */
    static void chunks(int n, int chunk, Range body) {
        int count = (n + chunk - 1) / chunk;
        IntStream.range(0, count).parallel().forEach(c -> body.run(c * chunk, Math.min(n, (c + 1) * chunk)));
    }
}

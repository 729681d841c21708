package dev.easel.noise;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.stream.IntStream;

/** Splits element-wise work over the common fork-join pool; results never depend on the split. */
final class Parallel {
    /** Below this many values a draw runs on the calling thread (a 64x64 latent plane is 4096). */
    static final int MIN_PARALLEL = 8192;
    /** Fewest values per task. */
    static final int CHUNK = 4096;

    interface Range {
        void run(int from, int to);
    }

    private Parallel() { }

    /**
     * Runs {@code body} over {@code [0, n)} in one range per core (each at least {@code minChunk} long).
     * Work that already runs in the pool (noise drawn ahead while the model runs, Brownian queries
     * computed ahead) stays on its thread: it is hidden behind a model call anyway, and splitting it
     * cost 40-70% more CPU in fork-join wake-ups and spinning on a 2-core machine.
     */
    static void chunks(int n, int minChunk, Range body) {
        int cores = ForkJoinPool.getCommonPoolParallelism() + 1; // the caller works too
        int count = Math.min(cores, n / Math.max(1, minChunk));
        if (count <= 1 || ForkJoinTask.inForkJoinPool()) {
            body.run(0, n);
            return;
        }
        int per = (n + count - 1) / count;
        IntStream.range(0, count).parallel().forEach(c -> body.run(c * per, Math.min(n, (c + 1) * per)));
    }
}

package dev.easel.generate;

import dev.easel.image.FloatImage;

/** Counts steps over a whole job and reports them with elapsed time and a linear ETA. */
final class ProgressTracker {
    private final ProgressListener listener;
    private final long startNanos = System.nanoTime();
    private int total;
    private int done;

    ProgressTracker(ProgressListener listener, int total) {
        this.listener = listener == null ? ProgressListener.NONE : listener;
        this.total = total;
    }

    int done() { return done; }

    int total() { return total; }

    /** Steps skipped (a skipped image, an interrupted job) leave the total; keeps the ETA honest. */
    void dropFromTotal(int steps) {
        total = Math.max(done, total - steps);
    }

    /** Grows the total when a pass turns out longer than planned. */
    void addToTotal(int steps) {
        total += steps;
    }

    void step(FloatImage preview) {
        done++;
        long elapsed = (System.nanoTime() - startNanos) / 1_000_000;
        long eta = done == 0 ? -1 : Math.max(0, elapsed * (total - done) / done);
        listener.onProgress(new Progress(done, total, elapsed, eta, preview));
    }
}

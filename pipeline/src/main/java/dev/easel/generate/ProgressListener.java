package dev.easel.generate;

/** Receives progress from the generating thread; implementations must return quickly. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = p -> { };

    void onProgress(Progress progress);
}

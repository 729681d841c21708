package dev.easel.bridge.queue;

/** What a job does once it reaches the worker thread. */
@FunctionalInterface
public interface Work {
    /**
     * Runs on the worker thread. Report progress through {@link Job#listener()} and honour
     * {@link Job#control()}; the returned value becomes the job's result.
     */
    Object run(Job job) throws Exception;
}

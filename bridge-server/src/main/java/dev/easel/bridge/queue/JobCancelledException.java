package dev.easel.bridge.queue;

import java.util.concurrent.CancellationException;

/** The outcome of a job that was cancelled before it finished. */
public final class JobCancelledException extends CancellationException {
    public JobCancelledException(String id) {
        super("job " + id + " was cancelled");
    }
}

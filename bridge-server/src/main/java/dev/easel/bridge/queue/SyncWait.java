package dev.easel.bridge.queue;

import dev.easel.bridge.http.ApiException;
import dev.easel.bridge.http.ClientGoneException;
import dev.easel.bridge.http.DisconnectProbe;
import io.javalin.http.Context;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Holds a synchronous request (A1111's routes answer only when the image is done) until its job
 * finishes, checking a few times a second that the client is still there. A client that left has
 * its job cancelled, queued or running, so the worker moves on to the next one.
 */
public final class SyncWait {
    /** How often the client's connection is checked while its job waits or runs. */
    static final long POLL_MS = 100;

    private SyncWait() { }

    public static Object await(Context ctx, JobQueue queue, Job job) {
        DisconnectProbe probe = DisconnectProbe.of(ctx);
        while (true) {
            try {
                Object result = job.outcome().get(POLL_MS, TimeUnit.MILLISECONDS);
                queue.delivered(job);
                return result;
            } catch (TimeoutException e) {
                if (probe.clientGone()) {
                    queue.cancel(job.id());
                    throw new ClientGoneException();
                }
            } catch (InterruptedException e) {
                queue.cancel(job.id());
                Thread.currentThread().interrupt();
                throw new ApiException(503, "shutting down", "the bridge is shutting down");
            } catch (ExecutionException e) {
                if (e.getCause() instanceof ApiException a) throw a;
                if (e.getCause() instanceof JobCancelledException) {
                    throw new ApiException(409, "cancelled", "job " + job.id() + " was cancelled before it finished");
                }
                throw new ApiException(500, "generation failed", String.valueOf(e.getCause()));
            }
        }
    }
}

package dev.easel.imagej.bridge;

import java.util.Map;

/**
 * Runs one job to its end: submit, poll until done, fetch the result. A cancel request, an interrupted
 * thread or the job timeout deletes the job on the bridge before returning, so nothing keeps the device
 * busy for a result nobody will read.
 */
public final class JobRunner {

    /** Asked between polls; true stops the job. */
    public interface CancelSignal {
        boolean cancelRequested();
    }

    public static final CancelSignal NEVER = () -> false;

    private final BridgeClient client;

    public JobRunner(BridgeClient client) {
        this.client = client;
    }

    public BridgeClient client() {
        return client;
    }

    public JobResult run(Map<String, Object> body, JobListener listener, CancelSignal cancel)
            throws BridgeException {
        BridgeSettings settings = client.settings();
        long deadline = System.nanoTime() + settings.jobTimeoutS() * 1_000_000_000L;
        String id = client.submit(body);
        listener.submitted(id);
        try {
            while (true) {
                if (cancel.cancelRequested() || Thread.currentThread().isInterrupted()) {
                    client.cancel(id);
                    throw new JobCancelledException(id);
                }
                JobStatus status = client.status(id);
                if (JobStatus.DONE.equals(status.state())) {
                    return client.result(id);
                }
                if (JobStatus.FAILED.equals(status.state())) {
                    throw new BridgeException("The bridge could not finish the job: "
                            + (status.errorDetail().isEmpty() ? "no reason given" : status.errorDetail()));
                }
                if (JobStatus.CANCELLED.equals(status.state())) {
                    throw new JobCancelledException(id);
                }
                listener.progress(status);
                if (System.nanoTime() > deadline) {
                    client.cancel(id);
                    throw new BridgeException("The job took longer than " + settings.jobTimeoutS()
                            + " s and was stopped. Raise the job timeout in Plugins > Easel > Easel Settings, "
                            + "or ask for fewer steps or a smaller image.");
                }
                try {
                    Thread.sleep(settings.pollIntervalMs());
                } catch (InterruptedException e) {
                    client.cancel(id);
                    Thread.currentThread().interrupt();
                    throw new JobCancelledException(id);
                }
            }
        } finally {
            listener.finished();
        }
    }
}

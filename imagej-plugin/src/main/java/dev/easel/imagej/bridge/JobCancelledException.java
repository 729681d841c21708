package dev.easel.imagej.bridge;

/** The job was cancelled (Esc, the Cancel button, or on the bridge); it has been deleted there. */
public final class JobCancelledException extends BridgeException {
    private static final long serialVersionUID = 1L;

    private final String jobId;

    public JobCancelledException(String jobId) {
        super("Cancelled: the Easel job was stopped on the bridge.");
        this.jobId = jobId;
    }

    public String jobId() {
        return jobId;
    }
}

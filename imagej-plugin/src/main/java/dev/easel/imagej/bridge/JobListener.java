package dev.easel.imagej.bridge;

/** What a running job reports; every method has a do-nothing default. */
public interface JobListener {

    /** The bridge queued the job under this id. */
    default void submitted(String jobId) { }

    /** One poll's answer, while the job is queued or running. */
    default void progress(JobStatus status) { }

    /** The job finished, failed or was cancelled; the display can be cleared. */
    default void finished() { }
}

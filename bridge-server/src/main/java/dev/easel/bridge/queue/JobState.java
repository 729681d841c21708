package dev.easel.bridge.queue;

/** Where a job is in its life; the names are what the jobs API reports. */
public enum JobState {
    QUEUED, RUNNING, DONE, FAILED, CANCELLED;

    public boolean finished() {
        return this == DONE || this == FAILED || this == CANCELLED;
    }

    public String wireName() {
        return name().toLowerCase();
    }
}

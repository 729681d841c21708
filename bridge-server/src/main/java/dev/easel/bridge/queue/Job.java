package dev.easel.bridge.queue;

import dev.easel.bridge.http.ApiException;
import dev.easel.generate.Control;
import dev.easel.generate.Progress;
import dev.easel.generate.ProgressListener;
import dev.easel.image.FloatImage;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * One unit of device work and everything a client may ask about it. State fields are written by
 * the worker thread and read by request threads, hence volatile.
 */
public final class Job {
    private final String id;
    private final String mode;
    private final Work work;
    private final Control control = new Control();
    private final CompletableFuture<Object> outcome = new CompletableFuture<>();
    private final Instant created = Instant.now();
    private volatile JobState state = JobState.QUEUED;
    private volatile Instant started;
    private volatile int step;
    private volatile int total;
    private volatile long etaMs = -1;
    private volatile FloatImage preview;
    private volatile int previewVersion;
    private volatile boolean cancelRequested;
    private volatile ApiException error;
    private volatile Object result;
    private volatile long finishedSeq;

    Job(String id, String mode, Work work) {
        this.id = id;
        this.mode = mode;
        this.work = work;
    }

    public String id() { return id; }
    public String mode() { return mode; }
    public Control control() { return control; }
    public JobState state() { return state; }
    public Instant created() { return created; }
    /** When the worker picked the job up, null while queued. */
    public Instant started() { return started; }
    public int step() { return step; }
    public int total() { return total; }
    public FloatImage preview() { return preview; }
    /** Increases whenever {@link #preview()} changes, so encoders can cache. */
    public int previewVersion() { return previewVersion; }
    public boolean cancelRequested() { return cancelRequested; }
    public ApiException error() { return error; }
    public Object result() { return result; }
    /** Order in which jobs finished (1, 2, ...), 0 while not finished; lets tests check FIFO. */
    public long finishedSeq() { return finishedSeq; }

    /** Completes with the result, or exceptionally with the job's error or a cancellation. */
    public CompletableFuture<Object> outcome() { return outcome; }

    /** Seconds left, from the pipeline's estimate or the pace so far; -1 while unknown. */
    public double etaSeconds() {
        if (state != JobState.RUNNING) return state == JobState.QUEUED ? -1 : 0;
        if (etaMs >= 0) return etaMs / 1000.0;
        Instant s = started;
        if (s == null || step <= 0 || total <= 0) return -1;
        long elapsed = java.time.Duration.between(s, Instant.now()).toMillis();
        return elapsed / 1000.0 * (total - step) / step;
    }

    /** Fraction done in [0, 1]. */
    public double fraction() {
        if (state == JobState.DONE) return 1;
        return total <= 0 ? 0 : Math.min(1.0, (double) step / total);
    }

    /** The listener the work passes to the pipeline. */
    public ProgressListener listener() {
        return this::onProgress;
    }

    void onProgress(Progress p) {
        total = p.total();
        step = p.step();
        etaMs = p.etaMs();
        if (p.preview() != null) {
            preview = p.preview();
            previewVersion++;
        }
    }

    Work work() { return work; }

    void markRunning() {
        started = Instant.now();
        state = JobState.RUNNING;
    }

    void requestCancel() {
        cancelRequested = true;
    }

    /** True once the result was handed over or dropped to free memory. */
    public boolean resultDropped() { return state == JobState.DONE && result == null; }

    /** Forgets the result (its images can be large); the outcome future keeps only its own reference. */
    void dropResult() {
        result = null;
    }

    void finish(JobState end, Object value, ApiException failure, long seq) {
        this.result = value;
        this.error = failure;
        this.finishedSeq = seq;
        this.state = end;
        if (end == JobState.DONE) {
            step = Math.max(step, total);
            outcome.complete(value);
        } else if (end == JobState.FAILED) {
            outcome.completeExceptionally(failure);
        } else {
            outcome.completeExceptionally(new JobCancelledException(id));
        }
    }
}

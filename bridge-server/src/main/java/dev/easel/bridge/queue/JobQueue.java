package dev.easel.bridge.queue;

import dev.easel.bridge.http.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CancellationException;

/**
 * One device, one queue: jobs run one at a time, in the order they were submitted, on a single
 * worker thread. Request threads submit, look up, cancel, interrupt or skip; only the worker runs
 * work, so the pipeline and model switches never overlap.
 */
public final class JobQueue implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JobQueue.class);
    /** Finished jobs kept for their status; older ones are forgotten. */
    static final int MAX_FINISHED = 64;
    /**
     * Finished jobs whose images are kept for {@code /result}: a 2048x2048 image is 48 MiB as floats,
     * so results go long before the status does.
     */
    static final int MAX_RESULTS = 8;

    private final Object lock = new Object();
    private final ArrayDeque<Job> waiting = new ArrayDeque<>();
    private final Map<String, Job> jobs = new LinkedHashMap<>();
    private final Thread worker;
    private Job running;
    private long finishedCount;
    private boolean closed;

    public JobQueue() {
        worker = new Thread(this::loop, "easel-worker");
        worker.setDaemon(true);
        worker.start();
    }

    /** Queues work under a fresh id. */
    public Job submit(String mode, Work work) {
        return submit(null, mode, work);
    }

    /** Queues work under {@code id} (A1111's {@code force_task_id}), or a fresh id when null. */
    public Job submit(String id, String mode, Work work) {
        synchronized (lock) {
            if (closed) throw new ApiException(503, "shutting down", "the bridge is shutting down; try again once it is back");
            String jobId = id == null ? UUID.randomUUID().toString() : id;
            if (jobs.containsKey(jobId)) {
                throw ApiException.badField("force_task_id", "a job with id " + jobId + " already exists; use a new id");
            }
            Job job = new Job(jobId, mode, work);
            jobs.put(jobId, job);
            waiting.addLast(job);
            lock.notifyAll();
            return job;
        }
    }

    public Optional<Job> find(String id) {
        synchronized (lock) {
            return Optional.ofNullable(jobs.get(id));
        }
    }

    /** Jobs ahead of this one (0 when it runs or is next with nothing running); -1 once finished. */
    public int position(Job job) {
        synchronized (lock) {
            if (job == running) return 0;
            int i = running == null ? 0 : 1;
            for (Job j : waiting) {
                if (j == job) return i;
                i++;
            }
            return -1;
        }
    }

    /** The job on the device now, or null. */
    public Job running() {
        synchronized (lock) {
            return running;
        }
    }

    /** Jobs running or waiting. */
    public int length() {
        synchronized (lock) {
            return waiting.size() + (running == null ? 0 : 1);
        }
    }

    /** Jobs still waiting, in order. */
    public List<Job> waiting() {
        synchronized (lock) {
            return new ArrayList<>(waiting);
        }
    }

    /**
     * Cancels a queued job at once, or asks the running one to stop after its current step.
     * Finished jobs stay as they are.
     *
     * @return the job, or empty when the id is unknown
     */
    public Optional<Job> cancel(String id) {
        synchronized (lock) {
            Job job = jobs.get(id);
            if (job == null) return Optional.empty();
            if (job.state() == JobState.QUEUED && waiting.remove(job)) {
                finishLocked(job, JobState.CANCELLED, null, null);
            } else if (job == running) {
                job.requestCancel();
                job.control().interrupt();
            }
            return Optional.of(job);
        }
    }

    /** A1111's /interrupt: stops the running job after its current step; it still returns what it made. */
    public void interruptRunning() {
        Job r = running();
        if (r != null) r.control().interrupt();
    }

    /** A1111's /skip: ends the image being sampled now in the running job. */
    public void skipRunning() {
        Job r = running();
        if (r != null) r.control().skip();
    }

    private void loop() {
        while (true) {
            Job job;
            synchronized (lock) {
                while (waiting.isEmpty() && !closed) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                if (closed) return;
                job = waiting.removeFirst();
                running = job;
                job.markRunning();
            }
            JobState end;
            Object value = null;
            ApiException failure = null;
            try {
                value = job.work().run(job);
                end = job.cancelRequested() ? JobState.CANCELLED : JobState.DONE;
            } catch (ApiException e) {
                end = job.cancelRequested() ? JobState.CANCELLED : JobState.FAILED;
                failure = e;
            } catch (CancellationException e) {
                end = JobState.CANCELLED;
            } catch (IllegalArgumentException e) {
                end = job.cancelRequested() ? JobState.CANCELLED : JobState.FAILED;
                failure = new ApiException(422, "invalid request", e.getMessage());
            } catch (OutOfMemoryError e) {
                end = JobState.FAILED;
                failure = new ApiException(507, "out of memory",
                        "the job ran out of memory; use a smaller size or batch, or start the bridge with more heap (-Xmx)");
            } catch (Throwable e) {
                LOG.error("job {} ({}) failed", job.id(), job.mode(), e);
                end = job.cancelRequested() ? JobState.CANCELLED : JobState.FAILED;
                failure = new ApiException(500, "generation failed", e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            synchronized (lock) {
                running = null;
                finishLocked(job, end, value, failure);
            }
        }
    }

    private void finishLocked(Job job, JobState end, Object value, ApiException failure) {
        job.finish(end, end == JobState.DONE ? value : null, failure, ++finishedCount);
        forgetOldLocked();
    }

    /** The result was delivered to the client that waited for it; nobody will ask again. */
    public void delivered(Job job) {
        synchronized (lock) {
            job.dropResult();
        }
    }

    private void forgetOldLocked() {
        int kept = 0;
        List<Job> newestFirst = new ArrayList<>(jobs.values());
        java.util.Collections.reverse(newestFirst);
        for (Job j : newestFirst) {
            if (j.state() == JobState.DONE && j.result() != null && ++kept > MAX_RESULTS) j.dropResult();
        }
        int finished = 0;
        for (Job j : jobs.values()) if (j.state().finished()) finished++;
        for (Iterator<Job> it = jobs.values().iterator(); it.hasNext() && finished > MAX_FINISHED; ) {
            if (it.next().state().finished()) {
                it.remove();
                finished--;
            }
        }
    }

    /** Cancels everything, stops the running job and waits for the worker to end. */
    @Override
    public void close() {
        Job r;
        synchronized (lock) {
            if (closed) return;
            closed = true;
            for (Job j : waiting) finishLocked(j, JobState.CANCELLED, null, null);
            waiting.clear();
            r = running;
            if (r != null) {
                r.requestCancel();
                r.control().interrupt();
            }
            lock.notifyAll();
        }
        try {
            worker.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

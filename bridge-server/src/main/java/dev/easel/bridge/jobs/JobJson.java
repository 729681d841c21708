package dev.easel.bridge.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.easel.bridge.a1111.PreviewEncoder;
import dev.easel.bridge.http.ApiException;
import dev.easel.bridge.http.Json;
import dev.easel.bridge.queue.Job;
import dev.easel.bridge.queue.JobQueue;
import dev.easel.bridge.queue.JobState;

/** The jobs API's view of a job. */
final class JobJson {
    private final JobQueue queue;
    private final PreviewEncoder previews = new PreviewEncoder();

    JobJson(JobQueue queue) {
        this.queue = queue;
    }

    /** A running job being cancelled already reports "cancelled": it will not produce a result. */
    static String state(Job job) {
        JobState st = job.state();
        if (!st.finished() && job.cancelRequested()) return JobState.CANCELLED.wireName();
        return st.wireName();
    }

    ObjectNode submitted(Job job) {
        ObjectNode o = Json.object();
        o.put("id", job.id());
        o.put("state", state(job));
        o.put("queue_position", Math.max(0, queue.position(job)));
        return o;
    }

    ObjectNode status(Job job) {
        ObjectNode o = Json.object();
        JobState st = job.state();
        o.put("id", job.id());
        o.put("mode", job.mode());
        o.put("state", state(job));
        o.put("step", job.step());
        o.put("total", job.total());
        double eta = job.etaSeconds();
        if (eta < 0) o.putNull("eta_seconds"); else o.put("eta_seconds", eta);
        int pos = queue.position(job);
        if (pos < 0) o.putNull("queue_position"); else o.put("queue_position", pos);
        String preview = st == JobState.RUNNING ? previews.encode(job) : null;
        if (preview == null) o.putNull("preview"); else o.put("preview", preview);
        ApiException e = job.error();
        if (e == null) {
            o.putNull("error");
        } else {
            ObjectNode err = o.putObject("error");
            err.put("error", e.error());
            err.put("detail", e.detail());
            err.put("status", e.status());
            if (e.field() != null) err.put("field", e.field());
        }
        return o;
    }
}

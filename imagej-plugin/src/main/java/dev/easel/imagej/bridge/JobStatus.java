package dev.easel.imagej.bridge;

import com.fasterxml.jackson.databind.JsonNode;

/** One poll of {@code GET /easel/v1/jobs/{id}}. */
public final class JobStatus {

    public static final String QUEUED = "queued";
    public static final String RUNNING = "running";
    public static final String DONE = "done";
    public static final String FAILED = "failed";
    public static final String CANCELLED = "cancelled";

    private final String id;
    private final String state;
    private final int step;
    private final int total;
    private final double etaSeconds;
    private final int queuePosition;
    private final String errorDetail;

    public JobStatus(String id, String state, int step, int total, double etaSeconds, int queuePosition,
                     String errorDetail) {
        this.id = id;
        this.state = state;
        this.step = step;
        this.total = total;
        this.etaSeconds = etaSeconds;
        this.queuePosition = queuePosition;
        this.errorDetail = errorDetail;
    }

    static JobStatus from(JsonNode node) {
        JsonNode error = node.path("error");
        String detail = "";
        if (error.isObject()) {
            detail = error.path("detail").asText(error.path("error").asText(""));
        } else if (error.isTextual()) {
            detail = error.asText();
        }
        return new JobStatus(node.path("id").asText(""), node.path("state").asText(""), node.path("step").asInt(0),
                node.path("total").asInt(0), node.path("eta_seconds").asDouble(-1),
                node.path("queue_position").asInt(0), detail);
    }

    public String id() { return id; }
    public String state() { return state; }
    public int step() { return step; }
    public int total() { return total; }
    public double etaSeconds() { return etaSeconds; }
    public int queuePosition() { return queuePosition; }
    public String errorDetail() { return errorDetail; }

    public boolean isFinished() {
        return DONE.equals(state) || FAILED.equals(state) || CANCELLED.equals(state);
    }
}

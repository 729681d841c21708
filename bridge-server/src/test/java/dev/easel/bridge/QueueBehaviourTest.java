package dev.easel.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.easel.bridge.support.Http;
import dev.easel.bridge.support.ScriptedEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** One device, one queue, on a scripted engine whose steps take a known time. */
class QueueBehaviourTest {
    private ScriptedEngine engine;
    private BridgeServer server;
    private Http http;

    @BeforeEach
    void start() {
        engine = new ScriptedEngine("model-a", "model-b");
        server = BridgeServer.start(new BridgeConfig("127.0.0.1", 0, Path.of("unused"), "cpu", List.of(), List.of(),
                1 << 24, 1 << 20, 0), engine);
        http = new Http(server.port());
    }

    @AfterEach
    void stop() {
        engine.release(); // a failed test must not leave the worker waiting at the gate
        server.close();
    }

    static Map<String, Object> txt2img(long seed, int steps) {
        return Map.of("prompt", "p" + seed, "seed", seed, "steps", steps, "width", 64, "height", 64);
    }

    static void await(String what, BooleanSupplier cond) throws InterruptedException {
        long end = System.currentTimeMillis() + 10_000;
        while (!cond.getAsBoolean()) {
            if (System.currentTimeMillis() > end) fail("timed out waiting for " + what);
            Thread.sleep(10);
        }
    }

    private int queueLength() {
        return http.get("/easel/v1/health").json().get("queue_length").asInt();
    }

    @Test
    void tenConcurrentRequestsAreAnsweredInOrder() throws Exception {
        engine.stepMillis = 5;
        engine.hold(); // nothing finishes while the queue fills, so queue_length counts exactly what arrived
        List<CompletableFuture<Http.Res>> answers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            answers.add(http.postAsync("/sdapi/v1/txt2img", txt2img(100 + i, 4)));
            int submitted = i + 1;
            // Each request is queued before the next is sent, so the submission order is known.
            await("request " + i + " queued", () -> queueLength() >= submitted);
        }
        engine.release();
        for (int i = 0; i < 10; i++) {
            Http.Res r = answers.get(i).get();
            assertEquals(200, r.status(), r.toString());
            JsonNode info = Http.JSON.readTree(r.json().get("info").asText());
            assertEquals(100 + i, info.get("seed").asLong(), "each client gets its own images");
        }
        for (int i = 0; i < 10; i++) assertEquals(100 + i, engine.requests.get(i).seed, "ran in submission order");
        List<String> generated = engine.events.stream().filter(e -> e.startsWith("generated")).toList();
        for (int i = 0; i < 10; i++) assertEquals("generated " + (100 + i), generated.get(i), "finished in order");
    }

    @Test
    void jobsShowPositionsAndCancelOnlyTouchesTheirJob() throws Exception {
        engine.stepMillis = 20;
        String[] ids = new String[3];
        for (int i = 0; i < 3; i++) {
            Http.Res r = http.post("/easel/v1/jobs", Map.of("mode", "txt2img", "prompt", "x", "seed", i,
                    "steps", 50, "width", 64, "height", 64));
            assertEquals(202, r.status(), r.toString());
            ids[i] = r.json().get("id").asText();
            assertEquals(i, r.json().get("queue_position").asInt());
        }
        await("first running", () -> "running".equals(http.get("/easel/v1/jobs/" + ids[0]).json().get("state").asText()));
        assertEquals(2, http.get("/easel/v1/jobs/" + ids[2]).json().get("queue_position").asInt());
        assertEquals(409, http.get("/easel/v1/jobs/" + ids[0] + "/result").status(), "not done yet");

        Http.Res del = http.delete("/easel/v1/jobs/" + ids[1]);
        assertEquals(200, del.status());
        assertEquals("cancelled", del.json().get("state").asText());
        assertEquals(1, http.get("/easel/v1/jobs/" + ids[2]).json().get("queue_position").asInt(), "moved up");
        assertEquals("running", http.get("/easel/v1/jobs/" + ids[0]).json().get("state").asText(), "untouched");

        assertEquals("cancelled", http.delete("/easel/v1/jobs/" + ids[0]).json().get("state").asText());
        await("third done", () -> "done".equals(http.get("/easel/v1/jobs/" + ids[2]).json().get("state").asText()));
        Http.Res result = http.get("/easel/v1/jobs/" + ids[2] + "/result");
        assertEquals(200, result.status(), result.toString());
        assertEquals(2, result.json().get("seeds").get(0).asLong());
        assertEquals(1, result.json().get("images").size());
        assertEquals(409, http.get("/easel/v1/jobs/" + ids[1] + "/result").status());
        assertEquals(2, engine.requests.size(), "the cancelled queued job never ran");
        assertEquals(404, http.delete("/easel/v1/jobs/nope").status());
    }

    @Test
    void onlyTheLatestResultsAreKept() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ids.add(http.post("/easel/v1/jobs", Map.of("prompt", "x", "seed", i, "steps", 1, "width", 64, "height", 64))
                    .json().get("id").asText());
        }
        String last = ids.get(11);
        await("all done", () -> "done".equals(http.get("/easel/v1/jobs/" + last).json().get("state").asText()));
        Http.Res old = http.get("/easel/v1/jobs/" + ids.get(0) + "/result");
        assertEquals(410, old.status(), "the oldest images were dropped to free memory");
        assertEquals("done", http.get("/easel/v1/jobs/" + ids.get(0)).json().get("state").asText(), "its status stays");
        assertEquals(200, http.get("/easel/v1/jobs/" + last + "/result").status());
    }

    @Test
    void interruptStopsOnlyTheRunningJob() throws Exception {
        engine.stepMillis = 20;
        CompletableFuture<Http.Res> first = http.postAsync("/sdapi/v1/txt2img", txt2img(1, 100));
        await("first running", () -> http.get("/sdapi/v1/progress").json().get("state").get("sampling_step").asInt() > 0);
        CompletableFuture<Http.Res> second = http.postAsync("/sdapi/v1/txt2img", txt2img(2, 5));
        await("second queued", () -> queueLength() == 2);
        assertEquals("{}", http.post("/sdapi/v1/interrupt", Map.of()).body());
        JsonNode info1 = Http.JSON.readTree(first.get().json().get("info").asText());
        assertTrue(info1.get("interrupted").asBoolean());
        Http.Res r2 = second.get();
        JsonNode info2 = Http.JSON.readTree(r2.json().get("info").asText());
        assertFalse(info2.get("interrupted").asBoolean(), "the waiting job was not interrupted");
        JsonNode idle = http.get("/sdapi/v1/progress").json();
        assertEquals(0.0, idle.get("progress").asDouble());
        assertEquals(0, idle.get("state").get("job_count").asInt());
    }

    @Test
    void aClientThatDisconnectsHasItsJobCancelled() throws Exception {
        engine.stepMillis = 50;
        String body = Http.JSON.writeValueAsString(txt2img(5, 150));
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /sdapi/v1/txt2img HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body)
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            await("job running", () -> http.get("/sdapi/v1/progress").json().get("state").get("sampling_step").asInt() > 0);
        }
        String id = engine.requests.isEmpty() ? null : "seen";
        assertEquals("seen", id);
        long t0 = System.currentTimeMillis();
        await("worker free", () -> queueLength() == 0);
        assertTrue(System.currentTimeMillis() - t0 < 3000, "cancelled long before its 7.5 s of steps");
        Http.Res next = http.post("/sdapi/v1/txt2img", txt2img(6, 2));
        assertEquals(200, next.status(), "the worker is not stuck");
    }

    @Test
    void modelSwitchWaitsForTheRunningJob() throws Exception {
        engine.stepMillis = 20;
        CompletableFuture<Http.Res> job = http.postAsync("/sdapi/v1/txt2img", txt2img(1, 25));
        await("job running", () -> http.get("/sdapi/v1/progress").json().get("state").get("sampling_step").asInt() > 0);
        Http.Res set = http.post("/sdapi/v1/options", Map.of("sd_model_checkpoint", "model-b"));
        assertEquals(200, set.status(), set.toString());
        assertEquals(200, job.get().status());
        assertEquals(List.of("load model-a", "generated 1", "load model-b"), engine.events,
                "the switch waited for the running job");
        assertEquals("model-b", http.get("/sdapi/v1/options").json().get("sd_model_checkpoint").asText());
        Http.Res bad = http.post("/sdapi/v1/options", Map.of("sd_model_checkpoint", "no-such-model"));
        assertEquals(422, bad.status());
        assertTrue(bad.json().get("detail").asText().contains("sd_model_checkpoint"));
    }
}

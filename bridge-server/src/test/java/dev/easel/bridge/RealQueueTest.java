package dev.easel.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.easel.bridge.engine.PipelineEngine;
import dev.easel.bridge.support.Http;
import dev.easel.bridge.support.Images;
import dev.easel.bridge.support.SlowModel;
import dev.easel.bridge.support.TinyStore;
import dev.easel.onnx.OrtSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static dev.easel.bridge.QueueBehaviourTest.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The queue on the real pipeline: concurrent clients and a client that hangs up, on the tiny models. */
class RealQueueTest {
    private BridgeServer server;
    private Http http;

    @BeforeEach
    void start() {
        SlowModel.unetWidths.clear();
        BridgeConfig c = new BridgeConfig("127.0.0.1", 0, TinyStore.shared(), "cpu", List.of(), List.of(), 1 << 24, 1 << 20, 1);
        server = BridgeServer.start(c, PipelineEngine.open(TinyStore.shared(), new OrtSettings("cpu", 1), SlowModel::new));
        http = new Http(server.port());
    }

    @AfterEach
    void stop() {
        SlowModel.unetMillis = 0;
        server.close();
    }

    private int queueLength() {
        return http.get("/easel/v1/health").json().get("queue_length").asInt();
    }

    @Test
    void tenConcurrentClientsAreServedInOrderAndInterruptTouchesOnlyTheRunningJob() throws Exception {
        SlowModel.unetMillis = 20;
        // A long first job holds the device while the others queue up behind it in a known order.
        CompletableFuture<Http.Res> blocker = http.postAsync("/sdapi/v1/txt2img", Map.of("prompt", "blocker",
                "steps", 150, "width", 64, "height", 64, "sampler_name", "Euler"));
        await("blocker running", () -> http.get("/sdapi/v1/progress").json().get("state").get("sampling_step").asInt() > 0);
        List<CompletableFuture<Http.Res>> answers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            // Each request has its own width, which tags its UNet calls with its latent width.
            answers.add(http.postAsync("/sdapi/v1/txt2img", Map.of("prompt", "client " + i, "seed", i, "steps", 2,
                    "width", 72 + 8 * i, "height", 64, "sampler_name", "Euler")));
            int queued = i + 2;
            await("request " + i + " queued", () -> queueLength() == queued);
        }
        assertEquals("{}", http.post("/sdapi/v1/interrupt", Map.of()).body());
        JsonNode blocked = Http.JSON.readTree(blocker.get().json().get("info").asText());
        assertTrue(blocked.get("interrupted").asBoolean());
        for (int i = 0; i < 10; i++) {
            Http.Res r = answers.get(i).get();
            assertEquals(200, r.status(), r.toString());
            assertEquals(72 + 8 * i, Images.decode(r.json().get("images").get(0).asText()).width(), "client " + i + " got its image");
            JsonNode info = Http.JSON.readTree(r.json().get("info").asText());
            assertEquals(i, info.get("seed").asLong());
            assertEquals(false, info.get("interrupted").asBoolean(), "only the running job was interrupted");
        }
        List<Long> order = distinctWidths();
        assertEquals(8L, order.get(0), "the blocker ran first");
        for (int i = 0; i < 10; i++) assertEquals(9 + i, order.get(i + 1), "ran in arrival order: " + order);
    }

    private static List<Long> distinctWidths() {
        List<Long> out = new ArrayList<>();
        for (Long w : SlowModel.unetWidths) if (!out.contains(w)) out.add(w);
        return out;
    }

    @Test
    void aClientThatHangsUpMidJobHasItsJobCancelled() throws Exception {
        SlowModel.unetMillis = 50;
        String body = Http.JSON.writeValueAsString(Map.of("prompt", "abandoned", "steps", 150, "width", 64, "height", 64));
        String id;
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /sdapi/v1/txt2img HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body)
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            await("job running", () -> http.get("/sdapi/v1/progress").json().get("state").get("sampling_step").asInt() > 1);
            id = http.get("/sdapi/v1/progress").json().get("current_task").asText();
        }
        long t0 = System.currentTimeMillis();
        await("worker free", () -> queueLength() == 0);
        assertTrue(System.currentTimeMillis() - t0 < 5000, "cancelled long before its 150 steps");
        assertEquals("cancelled", http.get("/easel/v1/jobs/" + id).json().get("state").asText());
        SlowModel.unetMillis = 0;
        assertEquals(200, http.post("/sdapi/v1/txt2img", Map.of("steps", 2, "width", 64, "height", 64)).status(),
                "the worker is not stuck");
    }
}

package dev.easel.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.easel.bridge.engine.PipelineEngine;
import dev.easel.bridge.support.Http;
import dev.easel.bridge.support.TinyBridge;
import dev.easel.bridge.support.Images;
import dev.easel.bridge.support.SlowModel;
import dev.easel.bridge.support.TinyStore;
import dev.easel.image.FloatImage;
import dev.easel.onnx.OrtSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.easel.bridge.QueueBehaviourTest.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Easel's jobs API, as the Krita and ImageJ clients use it, on the real pipeline and tiny models. */
class EaselJobsTest {
    @RegisterExtension
    static final TinyBridge BRIDGE = new TinyBridge();

    /** Submits, polls until finished, and returns the result. */
    static JsonNode run(Map<String, Object> body) throws Exception {
        Http.Res submitted = BRIDGE.http().post("/easel/v1/jobs", body);
        assertEquals(202, submitted.status(), submitted.toString());
        String id = submitted.json().get("id").asText();
        assertTrue(List.of("queued", "running").contains(submitted.json().get("state").asText()));
        await("job " + id, () -> {
            String st = BRIDGE.http().get("/easel/v1/jobs/" + id).json().get("state").asText();
            return st.equals("done") || st.equals("failed") || st.equals("cancelled");
        });
        JsonNode status = BRIDGE.http().get("/easel/v1/jobs/" + id).json();
        assertEquals("done", status.get("state").asText(), status.toString());
        assertEquals(status.get("total").asInt(), status.get("step").asInt());
        Http.Res result = BRIDGE.http().get("/easel/v1/jobs/" + id + "/result");
        assertEquals(200, result.status(), result.toString());
        return result.json();
    }

    static Map<String, Object> body(String mode, Object... kv) {
        Map<String, Object> m = new HashMap<>(Map.of("mode", mode, "prompt", "a lighthouse", "seed", 3, "steps", 3,
                "width", 64, "height", 64, "sampler_name", "Euler a"));
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    @Test
    void everyModeRunsAsAJob() throws Exception {
        JsonNode t2i = run(body("txt2img"));
        assertEquals(1, t2i.get("images").size());
        assertEquals(3, t2i.get("seeds").get(0).asLong());
        assertTrue(t2i.get("infotexts").get(0).asText().contains("Seed: 3"));
        assertTrue(Http.JSON.readTree(t2i.get("info").asText()).has("all_seeds"));
        String image = t2i.get("images").get(0).asText();

        JsonNode i2i = run(body("img2img", "init_images", List.of(image), "denoising_strength", 0.5));
        assertEquals(64, Images.decode(i2i.get("images").get(0).asText()).width());

        JsonNode inpaint = run(body("inpaint", "init_images", List.of(image),
                "mask", Images.base64(Images.mask(64, 64, 0, 0, 32, 64)), "inpaint_full_res", false));
        assertTrue(inpaint.get("infotexts").get(0).asText().contains("Mask blur"));

        JsonNode out = run(body("outpaint", "init_images", List.of(image), "outpaint_right", 32));
        FloatImage wider = Images.decode(out.get("images").get(0).asText());
        assertEquals(96, wider.width());
        assertEquals(64, wider.height());

        JsonNode loop = run(body("loopback", "init_images", List.of(image), "loopback_rounds", 2,
                "denoising_strength", 0.3));
        assertTrue(loop.get("images").size() >= 1);

        JsonNode extras = run(Map.of("mode", "extras", "image", image, "upscaler_1", "Nearest", "upscaling_resize", 2));
        assertEquals(128, Images.decode(extras.get("images").get(0).asText()).width());
    }

    @Test
    void statusShowsProgressAndPreviewWhileRunningAndCancelStopsIt() throws Exception {
        SlowModel.unetMillis = 30;
        Http.Res r = BRIDGE.http().post("/easel/v1/jobs", body("txt2img", "steps", 100));
        String id = r.json().get("id").asText();
        await("progress", () -> BRIDGE.http().get("/easel/v1/jobs/" + id).json().get("step").asInt() >= 12);
        JsonNode st = BRIDGE.http().get("/easel/v1/jobs/" + id).json();
        assertEquals("running", st.get("state").asText());
        assertEquals("txt2img", st.get("mode").asText());
        assertEquals(0, st.get("queue_position").asInt());
        assertTrue(st.get("total").asInt() >= 100);
        assertTrue(st.get("eta_seconds").asDouble() > 0, st.toString());
        assertTrue(st.hasNonNull("preview"), "a preview is decoded every few steps: " + st);
        Images.decode(st.get("preview").asText());
        assertEquals(409, BRIDGE.http().get("/easel/v1/jobs/" + id + "/result").status());

        assertEquals("cancelled", BRIDGE.http().delete("/easel/v1/jobs/" + id).json().get("state").asText());
        await("stopped", () -> BRIDGE.http().get("/easel/v1/health").json().get("queue_length").asInt() == 0);
        assertEquals("cancelled", BRIDGE.http().get("/easel/v1/jobs/" + id).json().get("state").asText());
        Http.Res gone = BRIDGE.http().get("/easel/v1/jobs/" + id + "/result");
        assertEquals(409, gone.status());
        assertEquals("cancelled", gone.json().get("error").asText());
    }

    @Test
    void healthModelsAndOpenApi() {
        JsonNode h = BRIDGE.http().get("/easel/v1/health").json();
        for (String k : List.of("status", "version", "device", "model", "queue_length", "models", "missing")) {
            assertTrue(h.has(k), "health has " + k + ": " + h);
        }
        assertTrue(h.get("missing").isArray());
        JsonNode api = BRIDGE.http().get("/easel/v1/openapi.json").json();
        assertEquals("3.0.3", api.get("openapi").asText());
        for (String path : List.of("/easel/v1/health", "/easel/v1/jobs", "/easel/v1/jobs/{id}", "/easel/v1/jobs/{id}/result",
                "/easel/v1/prompt/analyze", "/easel/v1/models", "/easel/v1/models/download", "/sdapi/v1/txt2img")) {
            assertTrue(api.get("paths").has(path), "OpenAPI documents " + path);
        }
    }

    @Test
    void analyzeGivesTheReferenceTokenIds() throws Exception {
        BridgeConfig c = new BridgeConfig("127.0.0.1", 0, TinyStore.withClipVocabulary(), "cpu", List.of(), List.of(),
                1 << 24, 1 << 20, 1);
        try (BridgeServer clip = BridgeServer.start(c, PipelineEngine.open(TinyStore.withClipVocabulary(), new OrtSettings("cpu", 1)))) {
            Http h = new Http(clip.port());
            JsonNode vectors = Http.JSON.readTree(getClass().getResourceAsStream("/clip-tokenizer/test-vectors.json"));
            assertTrue(vectors.size() >= 3);
            for (JsonNode v : vectors) {
                JsonNode a = h.post("/easel/v1/prompt/analyze", Map.of("prompt", v.get("text").asText(), "steps", 20)).json();
                JsonNode ids = v.get("ids");
                JsonNode tokens = a.get("parts").get(0).get("chunks").get(0).get("tokens");
                assertEquals(49406, tokens.get(0).asInt(), "BOS");
                int n = Math.min(ids.size(), 75);
                for (int i = 0; i < n; i++) assertEquals(ids.get(i).asInt(), tokens.get(i + 1).asInt(), v.get("text").asText() + " token " + i);
                if (ids.size() <= 75) assertEquals(49407, tokens.get(ids.size() + 1).asInt(), "EOS");
                assertEquals(ids.size(), a.get("token_count").asInt());
                assertEquals(77, tokens.size());
                assertEquals(77, a.get("parts").get(0).get("chunks").get(0).get("multipliers").size());
            }
            JsonNode edited = h.post("/easel/v1/prompt/analyze", Map.of("prompt", "a [cat:dog:10] AND (sky:1.5) :0.7",
                    "steps", 20)).json();
            assertEquals(2, edited.get("parts").size());
            JsonNode schedules = edited.get("parts").get(0).get("schedules");
            assertEquals(10, schedules.get(0).get("until_step").asInt());
            assertEquals("a cat", schedules.get(0).get("prompt").asText());
            assertEquals("a dog", schedules.get(1).get("prompt").asText());
            assertEquals(0.7, edited.get("parts").get(1).get("weight").asDouble(), 1e-9);
            boolean sky = false;
            for (JsonNode att : edited.get("parts").get(1).get("attention")) {
                sky |= att.get(0).asText().equals("sky") && Math.abs(att.get(1).asDouble() - 1.5) < 1e-9;
            }
            assertTrue(sky, edited.get("parts").get(1).get("attention").toString());
            assertEquals(75, edited.get("token_limit").asInt());

            Http.Res bad = h.post("/easel/v1/prompt/analyze", Map.of("prompt", "a (cat:1.2.3)", "steps", 20));
            assertEquals(422, bad.status(), bad.toString());
            assertEquals("prompt", bad.json().get("field").asText());
        }
    }
}

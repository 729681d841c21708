package dev.easel.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.easel.bridge.engine.PipelineEngine;
import dev.easel.bridge.support.Http;
import dev.easel.bridge.support.TinyStore;
import dev.easel.checkpoint.DType;
import dev.easel.checkpoint.RandomCheckpoint;
import dev.easel.checkpoint.Sd1Architecture;
import dev.easel.image.FloatImage;
import dev.easel.image.ImageCodec;
import dev.easel.onnx.OrtSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An A1111 single-file checkpoint dropped into the store generates through the A1111 routes: it is
 * listed, switched to with {@code options}, converted to ONNX graphs by Easel, and tiles.
 */
class CheckpointRoutesTest {
    private static final String NAME = "tiny-ckpt";
    private static BridgeServer server;
    private static Http http;

    @BeforeAll
    static void start() throws Exception {
        Path store = TinyStore.fresh();
        RandomCheckpoint.write(store.resolve("stable-diffusion/" + NAME + ".safetensors"), Sd1Architecture.tiny(),
                DType.F16, 7, null);
        BridgeConfig c = new BridgeConfig("127.0.0.1", 0, store, "cpu", List.of(), List.of(), 1 << 24, 1 << 20, 1);
        server = BridgeServer.start(c, PipelineEngine.open(store, new OrtSettings("cpu", 1)));
        http = new Http(server.port());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void mergeIsAJobThatAddsANewCheckpointAndRefusesBadInput() throws Exception {
        Http.Res r = http.post("/easel/v1/models/merge", Map.of("primary", NAME, "secondary", NAME,
                "mode", "Weighted sum", "multiplier", 0.5, "name", "self-merge"));
        assertEquals(202, r.status(), r.toString());
        String id = r.json().get("id").asText();
        QueueBehaviourTest.await("merge " + id, () -> {
            String st = http.get("/easel/v1/jobs/" + id).json().get("state").asText();
            return st.equals("done") || st.equals("failed");
        });
        assertEquals("done", http.get("/easel/v1/jobs/" + id).json().get("state").asText());
        assertEquals("self-merge", http.get("/easel/v1/jobs/" + id + "/result").json().get("model").asText());
        boolean listed = false;
        for (JsonNode m : http.get("/sdapi/v1/sd-models").json()) listed |= m.get("model_name").asText().equals("self-merge");
        assertTrue(listed, "the merged model is listed after the job");

        Map<String, Map<String, Object>> bad = Map.of(
                "primary", Map.of("primary", "nope", "secondary", NAME, "name", "x"),
                "secondary", Map.of("primary", NAME, "secondary", "tiny-sd", "name", "x"),
                "name", Map.of("primary", NAME, "secondary", NAME, "name", "../outside"),
                "tertiary", Map.of("primary", NAME, "secondary", NAME, "mode", "Add difference", "name", "y"));
        for (var e : bad.entrySet()) {
            Http.Res refused = http.post("/easel/v1/models/merge", e.getValue());
            assertEquals(422, refused.status(), e.getKey() + ": " + refused);
            assertEquals(e.getKey(), refused.json().get("field").asText(), refused.toString());
        }
        Http.Res exists = http.post("/easel/v1/models/merge", Map.of("primary", NAME, "secondary", NAME, "name", NAME));
        assertEquals(422, exists.status(), "never overwrites: " + exists);
    }

    private static Map<String, Object> txt2img(boolean tiling) {
        Map<String, Object> b = new HashMap<>();
        b.put("prompt", "a brick wall texture");
        b.put("seed", 5);
        b.put("steps", 2);
        b.put("width", 64);
        b.put("height", 64);
        b.put("sampler_name", "Euler");
        b.put("tiling", tiling);
        return b;
    }

    private static JsonNode generate(boolean tiling) {
        Http.Res r = http.post("/sdapi/v1/txt2img", txt2img(tiling));
        assertEquals(200, r.status(), r.toString());
        return r.json();
    }

    private static FloatImage image(JsonNode answer) throws Exception {
        return ImageCodec.decode(Base64.getDecoder().decode(answer.get("images").get(0).asText())).image();
    }

    @Test
    void checkpointIsListedSwitchedToAndGeneratesReproduciblyWithTiling() throws Exception {
        boolean listed = false;
        for (JsonNode m : http.get("/sdapi/v1/sd-models").json()) listed |= m.get("model_name").asText().equals(NAME);
        assertTrue(listed, http.get("/sdapi/v1/sd-models").body());

        assertEquals(200, http.post("/sdapi/v1/options", Map.of("sd_model_checkpoint", NAME)).status());
        assertTrue(http.get("/sdapi/v1/options").json().get("sd_model_checkpoint").asText().startsWith(NAME));

        JsonNode plain = generate(false);
        FloatImage img = image(plain);
        assertEquals(64, img.width());
        assertEquals(64, img.height());
        assertEquals(plain.get("images").get(0).asText(), generate(false).get("images").get(0).asText(),
                "same request, same bytes");

        JsonNode tiled = generate(true);
        String info = tiled.get("info").asText();
        assertTrue(info.contains("Tiling: True"), info);
        assertFalse(info.contains("tiling was not applied"), info);
        assertNotEquals(plain.get("images").get(0).asText(), tiled.get("images").get(0).asText(),
                "circular padding changes the picture");
    }
}

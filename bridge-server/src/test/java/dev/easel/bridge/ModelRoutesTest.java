package dev.easel.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.easel.bridge.engine.PipelineEngine;
import dev.easel.bridge.support.Http;
import dev.easel.bridge.support.TinyStore;
import dev.easel.image.FloatImage;
import dev.easel.image.ImageCodec;
import dev.easel.image.Png;
import dev.easel.onnx.OrtSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Model listing, switching, extras and downloads on the real pipeline over the tiny store. */
class ModelRoutesTest {
    private BridgeServer server;
    private Path ownStore;

    private Http start(Path store) {
        BridgeConfig c = new BridgeConfig("127.0.0.1", 0, store, "cpu", List.of(), List.of(), 1 << 24, 1 << 20, 1);
        server = BridgeServer.start(c, PipelineEngine.open(store, new OrtSettings("cpu", 1)));
        return new Http(server.port());
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
        TinyStore.delete(ownStore);
    }

    private static List<String> names(JsonNode array, String key) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.get(key).asText()));
        return out;
    }

    @Test
    void listsAndSwitchesModelsFromTheStore() {
        Http http = start(TinyStore.shared());
        JsonNode models = http.get("/sdapi/v1/sd-models").json();
        assertTrue(names(models, "title").containsAll(List.of("tiny-sd", "tiny-sd-inpainting")), models.toString());
        assertFalse(models.get(0).get("filename").asText().startsWith("/"), "no absolute paths leave the server");

        JsonNode health = http.get("/easel/v1/health").json();
        assertEquals("ok", health.get("status").asText());
        assertEquals("cpu", health.get("device").asText());
        assertTrue(health.get("model").isNull(), "nothing loaded before the first job");

        assertEquals(200, http.post("/sdapi/v1/options", Map.of("sd_model_checkpoint", "tiny-sd-inpainting")).status());
        assertEquals("tiny-sd-inpainting", http.get("/easel/v1/health").json().get("model").asText());
        assertEquals("tiny-sd-inpainting", http.get("/sdapi/v1/options").json().get("sd_model_checkpoint").asText());

        JsonNode upscalers = http.get("/sdapi/v1/upscalers").json();
        List<String> ups = names(upscalers, "name");
        assertEquals(List.of("None", "Lanczos", "Nearest"), ups.subList(0, 3));
        assertTrue(ups.size() > 3, "the tiny store's upscaler models are listed: " + ups);

        JsonNode report = http.get("/easel/v1/models").json();
        assertTrue(report.get("store").size() >= 4);
        assertTrue(report.has("catalog") && report.has("downloads"));
        assertEquals(200, http.post("/sdapi/v1/refresh-checkpoints", Map.of()).status());
    }

    @Test
    void aCheckpointOverrideLastsOneRequestUnlessKept() {
        Http http = start(TinyStore.shared());
        Map<String, Object> base = Map.of("prompt", "x", "steps", 2, "width", 64, "height", 64);
        Map<String, Object> override = new java.util.HashMap<>(base);
        override.put("override_settings", Map.of("sd_model_checkpoint", "tiny-sd-optimum"));
        assertEquals(200, http.post("/sdapi/v1/txt2img", override).status());
        assertEquals("tiny-sd-optimum", http.get("/easel/v1/health").json().get("model").asText());
        assertEquals("tiny-sd", http.get("/sdapi/v1/options").json().get("sd_model_checkpoint").asText(), "restored");
        assertEquals(200, http.post("/sdapi/v1/txt2img", base).status());
        assertEquals("tiny-sd", http.get("/easel/v1/health").json().get("model").asText(), "the next job runs on the selected model");

        override.put("override_settings_restore_afterwards", false);
        assertEquals(200, http.post("/sdapi/v1/txt2img", override).status());
        assertEquals("tiny-sd-optimum", http.get("/sdapi/v1/options").json().get("sd_model_checkpoint").asText(), "kept");
        assertEquals(200, http.post("/sdapi/v1/txt2img", base).status());
        assertEquals("tiny-sd-optimum", http.get("/easel/v1/health").json().get("model").asText());
    }

    @Test
    void extrasUpscaleWithAModelAndWithLanczos() throws Exception {
        Http http = start(TinyStore.shared());
        String model = names(http.get("/sdapi/v1/upscalers").json(), "name").get(3);
        FloatImage img = FloatImage.zeros(40, 24, 3);
        for (int i = 0; i < img.data().length; i++) img.data()[i] = (i % 97) / 96f;
        String b64 = "data:image/png;base64," + Base64.getEncoder().encodeToString(Png.encode(img, Map.of()));

        Http.Res r = http.post("/sdapi/v1/extra-single-image", Map.of("image", b64, "upscaler_1", model,
                "upscaling_resize", 2));
        assertEquals(200, r.status(), r.toString());
        FloatImage out = ImageCodec.decode(Base64.getDecoder().decode(r.json().get("image").asText())).image();
        assertEquals(80, out.width());
        assertEquals(48, out.height());
        assertTrue(r.json().get("html_info").asText().contains(model));

        Http.Res batch = http.post("/sdapi/v1/extra-batch-images", Map.of("upscaler_1", "Lanczos",
                "resize_mode", 1, "upscaling_resize_w", 64, "upscaling_resize_h", 64, "upscaling_crop", true,
                "imageList", List.of(Map.of("data", b64, "name", "a.png"), Map.of("data", b64, "name", "b.png"))));
        assertEquals(200, batch.status(), batch.toString());
        assertEquals(2, batch.json().get("images").size());
        FloatImage cropped = ImageCodec.decode(Base64.getDecoder().decode(batch.json().get("images").get(1).asText())).image();
        assertEquals(64, cropped.width());
        assertEquals(64, cropped.height());

        Http.Res bad = http.post("/sdapi/v1/extra-single-image", Map.of("image", b64, "upscaler_1", "SwinIR 9x"));
        assertEquals(422, bad.status());
        assertTrue(bad.json().get("detail").asText().startsWith("upscaler_1"));
    }

    @Test
    void downloadsACatalogEntryAndShowsProgress() throws Exception {
        ownStore = Files.createTempDirectory("easel-download-store");
        Path source = Files.list(TinyStore.shared().resolve("upscalers")).filter(p -> p.toString().endsWith(".onnx")).findFirst().orElseThrow();
        byte[] bytes = Files.readAllBytes(source);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        HttpServer files = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        files.createContext("/x4.onnx", ex -> {
            ex.sendResponseHeaders(200, bytes.length);
            ex.getResponseBody().write(bytes);
            ex.close();
        });
        files.start();
        try {
            String url = "http://127.0.0.1:" + files.getAddress().getPort() + "/x4.onnx";
            Files.writeString(ownStore.resolve("catalog.json"), Http.JSON.writeValueAsString(Map.of("models", List.of(
                    Map.of("name", "test-x4", "kind", "upscaler", "title", "Test x4", "install", "upscalers/test-x4.onnx",
                            "device", "any", "files", List.of(Map.of("path", "upscalers/test-x4.onnx", "url", url,
                                    "size", bytes.length, "sha256", sha)))))));
            Http http = start(ownStore);
            assertEquals(422, http.post("/easel/v1/models/download", Map.of("name", "nope")).status());
            assertEquals(422, http.post("/easel/v1/models/download", Map.of("name", "test-x4", "path", "/etc")).status(),
                    "strict: no field can name a path");
            Http.Res r = http.post("/easel/v1/models/download", Map.of("name", "test-x4"));
            assertEquals(202, r.status(), r.toString());
            long end = System.currentTimeMillis() + 10_000;
            JsonNode dl;
            do {
                Thread.sleep(20);
                dl = http.get("/easel/v1/models").json().get("downloads").get(0);
            } while (!dl.get("state").asText().equals("done") && System.currentTimeMillis() < end);
            assertEquals("done", dl.get("state").asText(), dl.toString());
            assertEquals(bytes.length, dl.get("bytes_done").asLong());
            assertTrue(names(http.get("/sdapi/v1/upscalers").json(), "name").contains("test-x4"), "rescanned after install");
        } finally {
            files.stop(0);
        }
    }
}

package dev.easel.bridge;

import dev.easel.bridge.engine.PipelineEngine;
import dev.easel.bridge.support.Http;
import dev.easel.bridge.support.Images;
import dev.easel.bridge.support.TinyStore;
import dev.easel.onnx.OrtSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A table of bad requests: each gets a 4xx JSON error naming what was wrong, and the server keeps serving. */
class BadInputTest {
    private static BridgeServer server;
    private static Http http;
    private static final String IMAGE = Images.base64(Images.gradient(64, 64));
    private static final String SMALL_MASK = Images.base64(Images.mask(32, 32, 0, 0, 16, 16));

    @BeforeAll
    static void start() {
        BridgeConfig c = new BridgeConfig("127.0.0.1", 0, TinyStore.shared(), "cpu", List.of(), List.of(), 1 << 24, 1 << 20, 1);
        server = BridgeServer.start(c, PipelineEngine.open(TinyStore.shared(), new OrtSettings("cpu", 1)));
        http = new Http(server.port());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Map<String, Object> t2i(Object... kv) {
        Map<String, Object> m = new HashMap<>(Map.of("prompt", "x", "steps", 2, "width", 64, "height", 64));
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    static Map<String, Object> job(Object... kv) {
        Map<String, Object> m = t2i(kv);
        m.putIfAbsent("mode", "txt2img");
        return m;
    }

    /** A PNG whose header claims 100000 x 100000 pixels, with no pixel data behind it. */
    static String hugePngHeader() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        out.writeBytes(ByteBuffer.allocate(4).putInt(13).array());
        out.writeBytes("IHDR".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(ByteBuffer.allocate(8).putInt(100_000).putInt(100_000).array());
        out.writeBytes(new byte[]{8, 2, 0, 0, 0, 0, 0, 0, 0});
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }

    static Stream<Arguments> cases() {
        String notImage = Base64.getEncoder().encodeToString("hello, not an image".getBytes(StandardCharsets.UTF_8));
        return Stream.of(
                Arguments.of("steps 0", "/sdapi/v1/txt2img", t2i("steps", 0), 422, "steps"),
                Arguments.of("steps too many", "/sdapi/v1/txt2img", t2i("steps", 151), 422, "steps"),
                Arguments.of("width too small", "/sdapi/v1/txt2img", t2i("width", 10), 422, "width"),
                Arguments.of("width too large", "/sdapi/v1/txt2img", t2i("width", 100_000), 422, "width"),
                Arguments.of("width not a number", "/sdapi/v1/txt2img", t2i("width", "wide"), 422, "width"),
                Arguments.of("pixels over the limit", "/sdapi/v1/txt2img", t2i("width", 2048, "height", 2048), 422, "width"),
                Arguments.of("cfg negative", "/sdapi/v1/txt2img", t2i("cfg_scale", -1), 422, "cfg_scale"),
                Arguments.of("bad prompt", "/sdapi/v1/txt2img", t2i("prompt", "a (cat:1.2.3)"), 422, "prompt"),
                Arguments.of("unknown script", "/sdapi/v1/txt2img", t2i("script_name", "x/y/z plot"), 422, "script_name"),
                Arguments.of("broken base64", "/sdapi/v1/img2img", t2i("init_images", List.of("%%%not base64%%%")), 422, "init_images[0]"),
                Arguments.of("not an image", "/sdapi/v1/img2img", t2i("init_images", List.of(notImage)), 422, "init_images[0]"),
                Arguments.of("image too large", "/sdapi/v1/img2img", t2i("init_images", List.of(hugePngHeader())), 422, "init_images[0]"),
                Arguments.of("mask size differs", "/sdapi/v1/img2img", t2i("init_images", List.of(IMAGE), "mask", SMALL_MASK), 422, "mask"),
                Arguments.of("no init image", "/sdapi/v1/img2img", t2i(), 404, "init_images"),
                Arguments.of("denoising above 1", "/sdapi/v1/img2img", t2i("init_images", List.of(IMAGE), "denoising_strength", 2), 422, "denoising_strength"),
                Arguments.of("png-info garbage", "/sdapi/v1/png-info", Map.of("image", "@@@"), 422, "image"),
                Arguments.of("unknown upscaler", "/sdapi/v1/extra-single-image", Map.of("image", IMAGE, "upscaler_1", "Magic 16x"), 422, "upscaler_1"),
                Arguments.of("unknown model", "/sdapi/v1/options", Map.of("sd_model_checkpoint", "no-such-model"), 422, "sd_model_checkpoint"),
                Arguments.of("option of the wrong type", "/sdapi/v1/options", Map.of("eta_noise_seed_delta", "lots"), 422, "eta_noise_seed_delta"),
                Arguments.of("strict: unknown field", "/easel/v1/jobs", job("colour", "red"), 422, "colour"),
                Arguments.of("strict: unknown mode", "/easel/v1/jobs", job("mode", "paint"), 422, "mode"),
                Arguments.of("strict: number as string", "/easel/v1/jobs", job("steps", "20"), 422, "steps"),
                Arguments.of("strict: unknown sampler", "/easel/v1/jobs", job("sampler_name", "Euler z"), 422, "sampler_name"),
                Arguments.of("strict: unknown setting", "/easel/v1/jobs", job("override_settings", Map.of("nope", 1)), 422, "override_settings.nope"),
                Arguments.of("strict: image in txt2img", "/easel/v1/jobs", job("init_images", List.of(IMAGE)), 422, "init_images"),
                Arguments.of("strict: inpaint without mask", "/easel/v1/jobs", job("mode", "inpaint", "init_images", List.of(IMAGE)), 422, "mask"),
                Arguments.of("strict: outpaint nowhere", "/easel/v1/jobs", job("mode", "outpaint", "init_images", List.of(IMAGE)), 422, "outpaint_left"),
                Arguments.of("strict: extras without image", "/easel/v1/jobs", Map.of("mode", "extras", "upscaler_1", "Lanczos"), 422, "image"),
                Arguments.of("analyze without prompt", "/easel/v1/prompt/analyze", Map.of("steps", 20), 422, "prompt"),
                Arguments.of("analyze unknown field", "/easel/v1/prompt/analyze", Map.of("prompt", "x", "lang", "en"), 422, "lang"),
                Arguments.of("download unknown entry", "/easel/v1/models/download", Map.of("name", "sd99"), 422, "name"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answeredWithAClearErrorWhileServingOn(String what, String route, Map<String, Object> body, int status, String field) {
        Http.Res r = http.post(route, body);
        assertEquals(status, r.status(), what + ": " + r);
        assertTrue(r.json() != null && r.json().has("error") && r.json().has("detail"), what + ": JSON error " + r.body());
        assertEquals(field, r.json().path("field").asText(null), what + ": " + r.body());
        assertTrue(r.json().get("detail").asText().length() > 10, "says what to do: " + r.body());
        assertEquals(200, http.get("/easel/v1/health").status(), "still serving after: " + what);
    }

    @Test
    void nonJsonBodiesAndUnknownJobs() {
        assertEquals(422, http.postRaw("/sdapi/v1/txt2img", "[1, 2]").status());
        assertEquals(422, http.postRaw("/easel/v1/jobs", "").status());
        assertEquals(404, http.get("/easel/v1/jobs/nope/result").status());
        assertEquals(404, http.delete("/easel/v1/jobs/nope").status());
        assertEquals(200, http.post("/sdapi/v1/txt2img", t2i()).status(), "a good request still works");
    }

    @Test
    void noModelIsA503WithTheDownloadCommand() throws Exception {
        Path empty = Files.createTempDirectory("easel-empty-store");
        try (BridgeServer bare = BridgeServer.start(new BridgeConfig("127.0.0.1", 0, empty, "cpu", List.of(), List.of(),
                1 << 24, 1 << 20, 1), PipelineEngine.open(empty, new OrtSettings("cpu", 1)))) {
            Http h = new Http(bare.port());
            Http.Res r = h.post("/sdapi/v1/txt2img", t2i());
            assertEquals(503, r.status(), r.toString());
            assertTrue(r.json().get("detail").asText().contains("download"), r.body());
            assertEquals(503, h.post("/easel/v1/jobs", job()).status());
            assertTrue(h.get("/easel/v1/health").json().get("missing").size() >= 1);
            assertEquals(0, h.get("/sdapi/v1/sd-models").json().size());
        } finally {
            TinyStore.delete(empty);
        }
    }
}

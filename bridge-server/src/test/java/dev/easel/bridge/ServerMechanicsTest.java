package dev.easel.bridge;

import dev.easel.bridge.support.Http;
import dev.easel.bridge.support.ScriptedEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Server mechanics independent of the pipeline: errors as JSON, limits, auth, CORS. */
class ServerMechanicsTest {
    private BridgeServer server;

    private Http start(BridgeConfig c) {
        server = BridgeServer.start(c, new ScriptedEngine("model-a", "model-b"));
        return new Http(server.port());
    }

    private static BridgeConfig config() {
        return new BridgeConfig("127.0.0.1", 0, Path.of("unused"), "cpu", List.of(), List.of(), 1 << 20, 512 * 512, 0);
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    @Test
    void unknownRoutesWrongMethodsAndBrokenBodiesAreJsonErrors() {
        Http http = start(config());
        Http.Res r = http.get("/sdapi/v1/nothing-here");
        assertEquals(404, r.status(), r.toString());
        assertEquals("not found", r.json().get("error").asText());
        assertTrue(r.json().get("detail").asText().contains("/sdapi/v1/nothing-here"));

        r = http.get("/sdapi/v1/txt2img");
        assertEquals(405, r.status(), r.toString());
        assertNotNull(r.json(), r.body());

        r = http.postRaw("/sdapi/v1/txt2img", "{\"prompt\": ");
        assertEquals(422, r.status(), r.toString());
        assertEquals("invalid json", r.json().get("error").asText());

        r = http.postRaw("/sdapi/v1/txt2img", "x".repeat((1 << 20) + 10));
        assertEquals(413, r.status(), r.toString());
        assertNotNull(r.json(), r.body());

        r = http.get("/easel/v1/jobs/does-not-exist");
        assertEquals(404, r.status(), r.toString());
        assertTrue(r.json().get("detail").asText().contains("does-not-exist"));

        assertEquals(200, http.get("/easel/v1/health").status(), "still serving");
    }

    @Test
    void authIsRequiredWhenConfigured() {
        BridgeConfig c = config();
        Http http = start(new BridgeConfig(c.host(), 0, c.modelsDir(), c.device(), List.of("alice:secret"), List.of(),
                c.maxBodyBytes(), c.maxPixels(), 0));
        Http.Res r = http.get("/sdapi/v1/sd-models");
        assertEquals(401, r.status());
        assertTrue(r.header("WWW-Authenticate").startsWith("Basic"));
        assertEquals("unauthorized", r.json().get("error").asText());
        assertEquals(401, new Http(server.port()).withAuth("alice", "wrong").get("/easel/v1/health").status());
        assertEquals(200, new Http(server.port()).withAuth("alice", "secret").get("/sdapi/v1/sd-models").status());
    }

    @Test
    void listeningOnAllInterfacesNeedsAuth() {
        BridgeConfig c = config();
        BridgeConfig open = new BridgeConfig("0.0.0.0", 0, c.modelsDir(), c.device(), List.of(), List.of(),
                c.maxBodyBytes(), c.maxPixels(), 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BridgeServer.start(open, new ScriptedEngine("m")));
        assertTrue(e.getMessage().contains("--api-auth"), e.getMessage());

        BridgeConfig guarded = new BridgeConfig("0.0.0.0", 0, c.modelsDir(), c.device(), List.of("u:p"), List.of(),
                c.maxBodyBytes(), c.maxPixels(), 0);
        server = BridgeServer.start(guarded, new ScriptedEngine("m"));
        assertEquals(401, new Http(server.port()).get("/easel/v1/health").status());
        assertEquals(200, new Http(server.port()).withAuth("u", "p").get("/easel/v1/health").status());
    }

    @Test
    void corsOnlyForConfiguredOrigins() {
        Http http = start(config());
        var req = http.builder("/easel/v1/health").header("Origin", "http://evil.example").GET().build();
        assertNull(http.send(req).header("Access-Control-Allow-Origin"));
        server.close();

        BridgeConfig c = config();
        server = BridgeServer.start(new BridgeConfig(c.host(), 0, c.modelsDir(), c.device(), List.of(),
                List.of("http://editor.example"), c.maxBodyBytes(), c.maxPixels(), 0), new ScriptedEngine("m"));
        http = new Http(server.port());
        assertEquals("http://editor.example", http.send(http.builder("/easel/v1/health")
                .header("Origin", "http://editor.example").GET().build()).header("Access-Control-Allow-Origin"));
        assertNull(http.send(http.builder("/easel/v1/health")
                .header("Origin", "http://evil.example").GET().build()).header("Access-Control-Allow-Origin"));
    }

    @Test
    void txt2imgAnswersA1111Shape() throws Exception {
        Http http = start(config());
        Http.Res r = http.post("/sdapi/v1/txt2img", Map.of("prompt", "a cat", "seed", 7, "steps", 3,
                "width", 64, "height", 64, "sampler_name", "DPM++ 2M Karras", "some_unknown_field", 1));
        assertEquals(200, r.status(), r.toString());
        assertEquals(1, r.json().get("images").size());
        var info = Http.JSON.readTree(r.json().get("info").asText());
        assertEquals(7, info.get("seed").asLong());
        assertEquals(7, info.get("all_seeds").get(0).asLong());
        assertEquals("DPM++ 2M", info.get("sampler_name").asText());
        assertEquals("Karras", info.get("scheduler").asText());
        assertEquals(1, info.get("infotexts").size());
        assertEquals("a cat", r.json().get("parameters").get("prompt").asText());
    }
}

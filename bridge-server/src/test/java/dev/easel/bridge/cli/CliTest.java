package dev.easel.bridge.cli;

import dev.easel.model.ModelKind;
import dev.easel.model.ModelStore;
import dev.easel.model.tiny.TinyModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CliTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Cli cli = new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

    private String out() { return out.toString(StandardCharsets.UTF_8); }

    private String err() { return err.toString(StandardCharsets.UTF_8); }

    @Test
    void makeTestModelsWritesALoadableStoreWithTheRealTokenizerWhenGiven(@TempDir Path dir) throws Exception {
        Path tok = Files.createDirectories(dir.resolve("tok"));
        Files.writeString(tok.resolve("vocab.json"), "{\"a</w>\": 320}");
        Files.writeString(tok.resolve("merges.txt"), "#version: 0.2\n");
        assertEquals(Cli.OK, cli.run("make-test-models", dir.resolve("store").toString(), "--tokenizer", tok.toString()));
        ModelStore store = ModelStore.scan(dir.resolve("store"));
        assertEquals(TinyModels.SD_SETS.size(), store.ready(ModelKind.STABLE_DIFFUSION).size());
        assertEquals("{\"a</w>\": 320}", Files.readString(dir.resolve("store/stable-diffusion/tiny-sd/tokenizer/vocab.json")));
        assertTrue(out().contains("--models"), out());
    }

    @Test
    void modelsCommandListsReadinessMissingAndTheCatalog(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("upscalers"));
        Files.writeString(dir.resolve("upscalers/broken.onnx"), "not onnx");
        assertEquals(Cli.OK, cli.run("models", "--models", dir.toString(), "--device", "cpu"));
        String o = out();
        assertTrue(o.contains("broken") && o.contains("NOT READY"), o);
        assertTrue(o.contains("missing: no Stable Diffusion model") && o.contains("download sd15-onnx-fp32"), o);
        assertTrue(o.contains("codeformer") && o.contains("[non-commercial]"), o);
    }

    @Test
    void downloadOfAnUnknownNameListsTheKnownOnes(@TempDir Path dir) {
        assertEquals(Cli.FAILED, cli.run("download", "sd-99", "--models", dir.toString()));
        assertTrue(err().contains("no model named 'sd-99'") && err().contains("yunet"), err());
    }

    private static String health(int port) throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        var r = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/easel/v1/health")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    @Test
    void bridgeStartsOnTheTinyStoreAndOnAnEmptyOneAndSaysWhatIsMissing(@TempDir Path dir) throws Exception {
        TinyModels.writeStore(dir.resolve("tiny"), null);
        Arguments tiny = Arguments.parse("--models", dir.resolve("tiny").toString(), "--port", "0", "--device", "cpu");
        try (var server = cli.start(tiny.config())) {
            String body = health(server.port());
            assertTrue(body.contains("\"status\":\"ok\"") && body.contains("\"device\":\"cpu\"") && body.contains("\"version\""), body);
            assertTrue(body.contains(TinyModels.SD_INPAINTING), body);
        }
        assertTrue(out().contains("device: cpu") && out().contains("listening on http://127.0.0.1:"), out());
        Arguments empty = Arguments.parse("--models", dir.resolve("empty").toString(), "--port", "0", "--device", "cpu");
        try (var server = cli.start(empty.config())) {
            String body = health(server.port());
            assertTrue(body.contains("sd15-onnx-fp32"), body); // the missing list names the download
        }
        assertTrue(out().contains("missing: no Stable Diffusion model"), out());
    }

    @Test
    void listeningBeyondLoopbackWithoutAuthIsRefused(@TempDir Path dir) {
        assertEquals(Cli.FAILED, cli.run("--listen", "--port", "0", "--models", dir.toString(), "--device", "cpu"));
        assertTrue(err().contains("--api-auth"), err());
    }

    @Test
    void badUsageExitsWithTwoAndHelpListsEveryOption() {
        assertEquals(Cli.USAGE, cli.run("--port", "many"));
        assertTrue(err().contains("--port takes a whole number") && err().contains("--help"), err());
        assertEquals(Cli.OK, cli.run("--help"));
        for (String option : new String[] {"--host", "--port", "--models", "--device", "--listen", "--api-auth",
                "--cors-allow-origins", "--max-body-mb", "--max-pixels", "--threads", "make-test-models", "download"}) {
            assertTrue(out().contains(option), option);
        }
    }
}

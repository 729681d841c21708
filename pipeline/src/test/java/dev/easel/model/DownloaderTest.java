package dev.easel.model;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DownloaderTest {

    private static final byte[] PAYLOAD = payload(300_000);

    private HttpServer server;
    private final List<String> ranges = new CopyOnWriteArrayList<>();
    private final AtomicBoolean cutNext = new AtomicBoolean();
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private Downloader downloader;

    private static byte[] payload(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) (i * 31 + (i >> 8));
        return b;
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/file", this::serve);
        server.createContext("/other", ex -> {
            byte[] b = "second file".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, b.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(b);
            }
        });
        server.start();
        downloader = new Downloader(new PrintStream(console, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    /** Serves PAYLOAD with Range support; when cutNext is set, sends half of it and drops the connection. */
    private void serve(HttpExchange ex) throws IOException {
        String range = ex.getRequestHeaders().getFirst("Range");
        ranges.add(range == null ? "none" : range);
        int from = range == null ? 0 : Integer.parseInt(range.substring("bytes=".length(), range.length() - 1));
        int len = PAYLOAD.length - from;
        ex.getResponseHeaders().add("Accept-Ranges", "bytes");
        if (range != null) ex.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (PAYLOAD.length - 1) + "/" + PAYLOAD.length);
        ex.sendResponseHeaders(range == null ? 200 : 206, len);
        OutputStream out = ex.getResponseBody();
        if (cutNext.getAndSet(false)) {
            out.write(PAYLOAD, from, len / 2);
            out.flush();
            ex.close(); // fewer bytes than announced: the connection is dropped mid-body
            return;
        }
        out.write(PAYLOAD, from, len);
        out.close();
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private static String sha(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    @Test
    void resumesACutTransferWithARangeRequest(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("upscalers/model.onnx");
        cutNext.set(true);
        var cut = assertThrows(DownloadException.class, () -> downloader.fetch(url("/file"), target, sha(PAYLOAD), "model"));
        assertTrue(cut.getMessage().contains("run the same command again to resume"), cut.getMessage());
        Path part = dir.resolve("upscalers/model.onnx.part");
        long partial = Files.size(part);
        assertTrue(partial > 0 && partial < PAYLOAD.length, "partial " + partial);
        assertFalse(Files.exists(target));

        downloader.fetch(url("/file"), target, sha(PAYLOAD), "model");
        assertEquals(List.of("none", "bytes=" + partial + "-"), ranges);
        assertArrayEquals(PAYLOAD, Files.readAllBytes(target));
        assertFalse(Files.exists(part));
        String out = console.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("100%") && out.contains("/s") && out.contains("ETA"), out);
    }

    @Test
    void corruptFileIsKeptAsideAndNotInstalled(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("model.onnx");
        String wrong = sha("something else".getBytes(StandardCharsets.UTF_8));
        var e = assertThrows(DownloadException.class, () -> downloader.fetch(url("/file"), target, wrong, "model"));
        assertTrue(e.getMessage().contains("SHA-256 mismatch") && e.getMessage().contains("model.onnx.corrupt"), e.getMessage());
        assertFalse(Files.exists(target));
        assertArrayEquals(PAYLOAD, Files.readAllBytes(dir.resolve("model.onnx.corrupt")));
    }

    @Test
    void unreachableHostSaysOfflineAndLosesNothing(@TempDir Path dir) throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        Path target = dir.resolve("m.onnx");
        var e = assertThrows(DownloadException.class,
                () -> downloader.fetch(URI.create("http://127.0.0.1:" + closedPort + "/file"), target, null, "m"));
        assertTrue(e.getMessage().contains("cannot reach 127.0.0.1") && e.getMessage().contains("offline"), e.getMessage());
        assertFalse(Files.exists(target));
    }

    @Test
    void missingFileNamesTheStatus(@TempDir Path dir) {
        var e = assertThrows(DownloadException.class, () -> downloader.fetch(url("/nope"), dir.resolve("x"), null, "x"));
        assertTrue(e.getMessage().contains("HTTP 404"), e.getMessage());
    }

    @Test
    void catalogEntriesInstallEveryFileAndRefuseWhatTheyCannot(@TempDir Path store) throws Exception {
        CatalogEntry set = new CatalogEntry("tiny", "stable_diffusion", "Tiny", "", "stable-diffusion/tiny", "any", "MIT", null,
                false, true, null, null, false, List.of(
                new CatalogFile("stable-diffusion/tiny/unet/weights.pb", url("/file").toString(), (long) PAYLOAD.length, sha(PAYLOAD)),
                new CatalogFile("stable-diffusion/tiny/model_index.json", url("/other").toString(), null, null)));
        downloader.download(set, store);
        assertArrayEquals(PAYLOAD, Files.readAllBytes(store.resolve("stable-diffusion/tiny/unet/weights.pb")));
        assertEquals("second file", Files.readString(store.resolve("stable-diffusion/tiny/model_index.json")));
        downloader.download(set, store); // everything in place: nothing fetched again
        assertEquals(1, ranges.size());

        CatalogEntry none = new CatalogEntry("x", "upscaler", "X", "", "upscalers/x.onnx", "any", "MIT", null, false, false,
                "export it yourself", null, false, List.of());
        var e = assertThrows(DownloadException.class, () -> downloader.download(none, store));
        assertTrue(e.getMessage().contains("export it yourself"));
        CatalogEntry escape = new CatalogEntry("y", "upscaler", "Y", "", "upscalers/y.onnx", "any", "MIT", null, false, true, null, null, false,
                List.of(new CatalogFile("../outside.onnx", url("/other").toString(), null, null)));
        assertThrows(DownloadException.class, () -> downloader.download(escape, store));
        assertFalse(Files.exists(store.resolveSibling("outside.onnx")));
    }
}

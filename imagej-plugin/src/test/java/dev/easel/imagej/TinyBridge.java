package dev.easel.imagej;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import dev.easel.bridge.BridgeConfig;
import dev.easel.bridge.BridgeServer;
import dev.easel.model.tiny.TinyModels;

/** The real bridge over the real pipeline (ONNX Runtime on CPU) and the tiny model store, on a free port. */
public final class TinyBridge implements AutoCloseable {

    private static Path store;
    private final BridgeServer server;

    private TinyBridge() {
        BridgeConfig d = BridgeConfig.defaults();
        server = BridgeServer.start(new BridgeConfig("127.0.0.1", 0, sharedStore(), "cpu", List.of(), List.of(),
                d.maxBodyBytes(), d.maxPixels(), 1));
    }

    public static TinyBridge start() {
        return new TinyBridge();
    }

    /** One tiny store per test JVM (the models are random weights a few kilobytes each). */
    private static synchronized Path sharedStore() {
        if (store == null) {
            try {
                store = Files.createTempDirectory("easel-imagej-tiny");
                TinyModels.writeStore(store, null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Path dir = store;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
        }
        return store;
    }

    private static void delete(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder; the OS cleans up what is left
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.port();
    }

    @Override
    public void close() {
        server.close();
    }
}

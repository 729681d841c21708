package dev.easel.imagej;

import java.nio.file.Path;
import java.util.List;

import dev.easel.bridge.BridgeConfig;
import dev.easel.bridge.BridgeServer;

/** The real bridge server on a free loopback port, over an {@link InvertingEngine}. */
public final class TestBridge implements AutoCloseable {

    public final InvertingEngine engine = new InvertingEngine();
    private final BridgeServer server;

    private TestBridge(List<String> apiAuth) {
        BridgeConfig defaults = BridgeConfig.defaults();
        BridgeConfig config = new BridgeConfig("127.0.0.1", 0, Path.of("no-models"), "cpu", apiAuth, List.of(),
                defaults.maxBodyBytes(), defaults.maxPixels(), 1);
        server = BridgeServer.start(config, engine);
    }

    public static TestBridge start() {
        return new TestBridge(List.of());
    }

    /** A bridge started with {@code --api-auth user:password}. */
    public static TestBridge withAuth(String userColonPassword) {
        return new TestBridge(List.of(userColonPassword));
    }

    public String url() {
        return "http://127.0.0.1:" + server.port();
    }

    @Override
    public void close() {
        server.close();
    }
}

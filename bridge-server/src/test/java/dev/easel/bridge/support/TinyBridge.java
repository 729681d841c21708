package dev.easel.bridge.support;

import dev.easel.bridge.BridgeConfig;
import dev.easel.bridge.BridgeServer;
import dev.easel.bridge.engine.PipelineEngine;
import dev.easel.onnx.OrtSettings;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.List;

/**
 * A real bridge on the shared tiny store (the pipeline behind it, models wrapped in {@link SlowModel}),
 * started once per test class on a free port and closed after it; every test starts with a fast UNet.
 * Register it as a static field with {@code @RegisterExtension}.
 */
public final class TinyBridge implements BeforeAllCallback, AfterAllCallback, AfterEachCallback {
    private BridgeServer server;
    private Http http;

    /** The client for this class's bridge; valid from {@code @BeforeAll} on. */
    public Http http() {
        return http;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        BridgeConfig c = new BridgeConfig("127.0.0.1", 0, TinyStore.shared(), "cpu", List.of(), List.of(), 1 << 24, 1 << 20, 1);
        server = BridgeServer.start(c, PipelineEngine.open(TinyStore.shared(), new OrtSettings("cpu", 1), SlowModel::new));
        http = new Http(server.port());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        SlowModel.unetMillis = 0;
    }

    @Override
    public void afterAll(ExtensionContext context) {
        server.close();
    }
}

package dev.easel.imagej.ij1;

import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.easel.generate.GenerationRequest;
import dev.easel.imagej.TestBridge;
import ij.ImagePlus;

/** The bridge a macro test talks to. */
final class MacroBridge implements AutoCloseable {

    private final TestBridge bridge;

    private MacroBridge(TestBridge bridge) {
        this.bridge = bridge;
    }

    static MacroBridge start() {
        return new MacroBridge(TestBridge.start());
    }

    String url() {
        return bridge.url();
    }

    GenerationRequest lastRequest() {
        return bridge.engine.requests.get(bridge.engine.requests.size() - 1);
    }

    void assertRepainted(ImagePlus original, ImagePlus result, int x, int y) {
        assertNotEquals(original.getProcessor().get(x, y), result.getProcessor().get(x, y));
    }

    @Override
    public void close() {
        bridge.close();
    }
}

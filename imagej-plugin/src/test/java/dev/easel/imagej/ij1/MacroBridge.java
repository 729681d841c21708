package dev.easel.imagej.ij1;

import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;

import dev.easel.imagej.FakeBridge;
import ij.ImagePlus;

/** The bridge a macro test talks to. */
final class MacroBridge implements AutoCloseable {

    private final FakeBridge bridge;

    private MacroBridge(FakeBridge bridge) {
        this.bridge = bridge;
    }

    static MacroBridge start() throws IOException {
        return new MacroBridge(new FakeBridge());
    }

    String url() {
        return bridge.url();
    }

    JsonNode lastRequest() {
        return bridge.submitted.get(bridge.submitted.size() - 1);
    }

    void assertRepainted(ImagePlus original, ImagePlus result, int x, int y) {
        assertNotEquals(original.getProcessor().get(x, y), result.getProcessor().get(x, y));
    }

    @Override
    public void close() {
        bridge.close();
    }
}

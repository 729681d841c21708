package dev.easel.imagej.ij1;

import dev.easel.imagej.TinyBridge;

/** The bridge a macro test talks to: the real one over the tiny models. */
final class MacroBridge implements AutoCloseable {

    private final TinyBridge bridge;

    private MacroBridge(TinyBridge bridge) {
        this.bridge = bridge;
    }

    static MacroBridge start() {
        return new MacroBridge(TinyBridge.start());
    }

    String url() {
        return bridge.url();
    }

    @Override
    public void close() {
        bridge.close();
    }
}

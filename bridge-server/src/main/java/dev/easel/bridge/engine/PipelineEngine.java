package dev.easel.bridge.engine;

import dev.easel.bridge.BridgeConfig;

/** The engine over the real pipeline: the model store, ONNX Runtime sessions, samplers, upscalers. */
public final class PipelineEngine {
    private PipelineEngine() { }

    public static Engine open(BridgeConfig config) {
        throw new UnsupportedOperationException("not yet");
    }
}

package dev.easel.bridge;

import java.nio.file.Path;
import java.util.List;

/**
 * How the bridge runs, built once at start-up from the command line.
 *
 * @param host             interface to bind; 127.0.0.1 unless {@code --listen}
 * @param port             0 picks a free port (tests)
 * @param modelsDir        the model store
 * @param device           auto, cpu, cuda or cuda:N
 * @param apiAuth          "user:password" pairs for HTTP Basic, empty for none
 * @param corsOrigins      origins allowed by CORS, empty for none
 * @param maxBodyBytes     request body limit
 * @param maxPixels        decoded-pixel limit per image
 * @param threads          ONNX Runtime intra-op threads, 0 for its default
 */
public record BridgeConfig(String host, int port, Path modelsDir, String device, List<String> apiAuth,
                           List<String> corsOrigins, long maxBodyBytes, long maxPixels, int threads) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    /** A1111's port, so existing clients find Easel where they expect the web UI. */
    public static final int DEFAULT_PORT = 7860;
    public static final long DEFAULT_MAX_BODY_BYTES = 64L * 1024 * 1024;
    /** 4096 x 4096: larger uploads are refused before decoding. */
    public static final long DEFAULT_MAX_PIXELS = 4096L * 4096;

    public static BridgeConfig defaults() {
        return new BridgeConfig(DEFAULT_HOST, DEFAULT_PORT, Path.of("models"), "auto", List.of(), List.of(),
                DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_PIXELS, 0);
    }
}

package dev.easel.onnx;

import java.util.Locale;

/**
 * How ONNX Runtime sessions are opened.
 *
 * @param device  {@code auto} (CUDA when this build has it and a GPU answers, else CPU), {@code cpu},
 *                {@code cuda} (GPU 0) or {@code cuda:N}
 * @param threads intra-op threads for the CPU provider; 0 leaves ONNX Runtime's default (one per core)
 */
public record OrtSettings(String device, int threads) {

    public OrtSettings {
        device = device == null ? "auto" : device.trim().toLowerCase(Locale.ROOT);
        if (!device.equals("auto") && !device.equals("cpu") && !device.matches("cuda(:\\d+)?")) {
            throw new IllegalArgumentException("unknown device '" + device + "': use auto, cpu, cuda or cuda:N (N = GPU index)");
        }
        if (threads < 0) throw new IllegalArgumentException("threads must be 0 (default) or more, got " + threads);
    }

    public static OrtSettings cpu() { return new OrtSettings("cpu", 0); }

    public static OrtSettings auto() { return new OrtSettings("auto", 0); }

    public boolean wantsCuda() { return !device.equals("cpu"); }

    /** The GPU index asked for; 0 for {@code auto} and {@code cuda}. */
    public int gpuId() {
        int colon = device.indexOf(':');
        return colon < 0 ? 0 : Integer.parseInt(device.substring(colon + 1));
    }
}

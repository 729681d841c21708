package dev.easel.onnx;

/**
 * Where sessions actually run, and why: the outcome of resolving {@link OrtSettings#device()}.
 *
 * @param cuda   true when the CUDA execution provider is used
 * @param gpuId  the CUDA device index (0 on CPU)
 * @param reason one sentence for the start-up log and the health answer
 */
public record Device(boolean cuda, int gpuId, String reason) {

    public static Device cpu(String reason) { return new Device(false, 0, reason); }

    /** {@code cpu} or {@code cuda:N}. */
    public String label() { return cuda ? "cuda:" + gpuId : "cpu"; }

    @Override
    public String toString() { return label() + " (" + reason + ")"; }
}

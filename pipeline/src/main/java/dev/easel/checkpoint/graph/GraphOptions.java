package dev.easel.checkpoint.graph;

/**
 * How a graph is built from a checkpoint.
 *
 * @param fp16     weights and arithmetic in fp16 (for CUDA); inputs and outputs stay fp32
 * @param circular every padded convolution wraps around (seamless tiling)
 */
public record GraphOptions(boolean fp16, boolean circular) {

    public static final GraphOptions DEFAULT = new GraphOptions(false, false);

    public GraphOptions withCircular(boolean c) { return new GraphOptions(fp16, c); }

    public GraphOptions withFp16(boolean f) { return new GraphOptions(f, circular); }
}

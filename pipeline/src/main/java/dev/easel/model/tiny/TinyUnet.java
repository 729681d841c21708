package dev.easel.model.tiny;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import dev.easel.onnx.graph.GraphBuilder;

/**
 * A UNet-shaped noise predictor: {@code sample [batch, C, h, w]}, {@code timestep},
 * {@code encoder_hidden_states [batch, sequence, 768]} to {@code out_sample [batch, 4, h, w]}.
 *
 * <p>The prediction is {@code 0.9 * sample[:, :4] + 0.1 * tanh(...)}: mostly the scaled input, so a
 * sampler's denoised estimate shrinks toward a bounded value and latents stay O(1) over any number of
 * steps, plus a bounded term that depends on every input: all C channels through a 3x3 convolution,
 * the timestep through sinusoidal features, and every token through a mean over the sequence.
 */
final class TinyUnet {

    private static final int FEATURES = 8;
    private static final int TIME_FEATURES = 4;
    /** Weight of the input passed through; see the class comment for why it keeps samplers tame. */
    private static final float PASS_THROUGH = 0.9f;
    private static final float RESIDUAL = 0.1f;

    private TinyUnet() { }

    static GraphBuilder build(TinyFlavor flavor, long seed) {
        TinyWeights w = new TinyWeights(seed);
        int c = flavor.unetChannels();
        DataType io = flavor.fp16Io() ? DataType.FLOAT16 : DataType.FLOAT;
        GraphBuilder g = new GraphBuilder("tiny_unet");
        g.input("sample", io, "batch", c, "height", "width");
        switch (flavor.timestep()) {
            case INT64_VECTOR -> g.input("timestep", DataType.INT64, "batch");
            case FLOAT_VECTOR -> g.input("timestep", DataType.FLOAT, "batch");
            case FP16_VECTOR -> g.input("timestep", DataType.FLOAT16, "batch");
            case FLOAT_SCALAR -> g.input("timestep", DataType.FLOAT);
        }
        g.input("encoder_hidden_states", io, "batch", "sequence", TinyTextEncoder.HIDDEN);
        String sample = toFloat(g, "sample");
        String t = toFloat(g, "timestep");
        String text = toFloat(g, "encoder_hidden_states");

        // Timestep: sin(t * f) for a few frequencies; reshaped to [b or 1, 4] so a scalar broadcasts.
        String tCol = g.op("Reshape", t, g.int64s(-1, 1));
        float[] freqs = {1f / 1000, 1f / 300, 1f / 100, 1f / 30};
        String tFeat = g.op("Sin", g.op("Mul", tCol, g.initializer("time_freqs", new long[] {1, TIME_FEATURES}, freqs)));
        String tProj = g.op("MatMul", tFeat, g.initializer("time_proj", new long[] {TIME_FEATURES, FEATURES},
                w.layer(TIME_FEATURES * FEATURES, TIME_FEATURES)));

        // Text: mean over the sequence of a projection of every token.
        String ctx = g.node("ReduceMean", g.op("MatMul", text, g.initializer("text_proj",
                new long[] {TinyTextEncoder.HIDDEN, FEATURES}, w.layer(TinyTextEncoder.HIDDEN * FEATURES, TinyTextEncoder.HIDDEN))))
                .attrInts("axes", 1).attr("keepdims", 0L).out();
        String cond = g.op("Reshape", g.op("Add", tProj, ctx), g.int64s(-1, FEATURES, 1, 1));

        String conv1 = g.node("Conv", sample,
                        g.initializer("conv_in_w", new long[] {FEATURES, c, 3, 3}, w.layer(FEATURES * c * 9, c * 9)),
                        g.initializer("conv_in_b", new long[] {FEATURES}, w.normal(FEATURES, 0.1)))
                .attrInts("pads", 1, 1, 1, 1).out();
        String hidden = g.op("Tanh", g.op("Add", conv1, cond));
        String conv2 = g.node("Conv", hidden,
                        g.initializer("conv_out_w", new long[] {4, FEATURES, 3, 3}, w.layer(4 * FEATURES * 9, FEATURES * 9)),
                        g.initializer("conv_out_b", new long[] {4}, w.normal(4, 0.1)))
                .attrInts("pads", 1, 1, 1, 1).out();
        String latent = g.op("Slice", sample, g.int64s(0), g.int64s(4), g.int64s(1));
        String out = g.op("Add", g.op("Mul", latent, g.scalar(PASS_THROUGH)),
                g.op("Mul", g.op("Tanh", conv2), g.scalar(RESIDUAL)));
        TinyTextEncoder.emit(g, out, "out_sample", io);
        g.output("out_sample", io, "batch", 4, "height", "width");
        return g;
    }

    private static String toFloat(GraphBuilder g, String input) {
        return g.node("Cast", input).attr("to", (long) DataType.FLOAT.getNumber()).out();
    }
}

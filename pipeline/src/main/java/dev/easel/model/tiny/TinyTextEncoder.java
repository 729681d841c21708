package dev.easel.model.tiny;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import dev.easel.onnx.graph.GraphBuilder;

/**
 * A CLIP-shaped text encoder: {@code input_ids [batch, 77]} to {@code last_hidden_state [batch, 77, 768]},
 * {@code pooler_output [batch, 768]} and {@code penultimate_normed [batch, 77, 768]} (the layer before
 * the last, through the final layer norm: what clip skip 2 uses).
 *
 * <p>Inside: token ids are embedded through two small tables (id mod 256 and id / 256) instead of
 * one 49408-row table, so every id gets its own vector at a few kilobytes; two causal mixing layers
 * (each position sees itself and the positions before it, as CLIP's causal mask does) work in 8
 * dimensions and a projection lifts the result to 768.
 */
final class TinyTextEncoder {

    static final int SEQUENCE = 77;
    static final int HIDDEN = 768;
    static final int VOCAB = 49408;
    private static final int WIDTH = 8;
    private static final int LOW = 256;
    private static final int HIGH = VOCAB / LOW + 1;

    private TinyTextEncoder() { }

    static GraphBuilder build(TinyFlavor flavor, long seed) {
        TinyWeights w = new TinyWeights(seed);
        GraphBuilder g = new GraphBuilder("tiny_text_encoder");
        g.input("input_ids", flavor.int64Ids() ? DataType.INT64 : DataType.INT32, "batch", SEQUENCE);
        String ids = g.node("Cast", "input_ids").attr("to", (long) DataType.INT64.getNumber()).out();
        String low = g.node("Mod", ids, g.initializerInt64("c256", new long[0], new long[] {LOW})).out();
        String high = g.op("Div", ids, "c256");
        String lowTable = g.initializer("token_low", new long[] {LOW, WIDTH}, w.normal(LOW * WIDTH, 1));
        String highTable = g.initializer("token_high", new long[] {HIGH, WIDTH}, w.normal(HIGH * WIDTH, 1));
        String positions = g.initializer("positions", new long[] {SEQUENCE, WIDTH}, w.normal(SEQUENCE * WIDTH, 0.3));
        String h0 = g.op("Add", g.op("Add", g.op("Gather", lowTable, low), g.op("Gather", highTable, high)), positions);

        String causal = g.initializer("causal_mean", new long[] {SEQUENCE, SEQUENCE}, causalMean());
        String h1 = layer(g, w, h0, causal, "layer1");
        String h2 = layer(g, w, h1, causal, "layer2");

        String projection = g.initializer("projection", new long[] {WIDTH, HIDDEN}, w.layer(WIDTH * HIDDEN, WIDTH));
        String gamma = g.initializer("final_norm_scale", new long[] {HIDDEN}, TinyWeights.filled(HIDDEN, 1f));
        String beta = g.initializer("final_norm_bias", new long[] {HIDDEN}, w.normal(HIDDEN, 0.1));
        String last = norm(g, g.op("MatMul", h2, projection), gamma, beta);
        String penultimate = norm(g, g.op("MatMul", h1, projection), gamma, beta);
        String pooled = g.node("ReduceMean", last).attrInts("axes", 1).attr("keepdims", 0L).out();

        DataType out = flavor.fp16Io() ? DataType.FLOAT16 : DataType.FLOAT;
        emit(g, last, "last_hidden_state", out);
        emit(g, pooled, "pooler_output", out);
        emit(g, penultimate, "penultimate_normed", out);
        g.output("last_hidden_state", out, "batch", SEQUENCE, HIDDEN);
        g.output("pooler_output", out, "batch", HIDDEN);
        g.output("penultimate_normed", out, "batch", SEQUENCE, HIDDEN);
        return g;
    }

    /** h + tanh((causal mean of h) W + b): bounded, and later positions depend on every earlier token. */
    private static String layer(GraphBuilder g, TinyWeights w, String h, String causal, String name) {
        String weight = g.initializer(name + "_w", new long[] {WIDTH, WIDTH}, w.layer(WIDTH * WIDTH, WIDTH));
        String bias = g.initializer(name + "_b", new long[] {WIDTH}, w.normal(WIDTH, 0.1));
        String mixed = g.op("Add", g.op("MatMul", g.op("MatMul", causal, h), weight), bias);
        return g.op("Add", h, g.op("Tanh", mixed));
    }

    private static String norm(GraphBuilder g, String x, String gamma, String beta) {
        return g.node("LayerNormalization", x, gamma, beta).attr("axis", -1L).attr("epsilon", 1e-5f).out();
    }

    static void emit(GraphBuilder g, String value, String name, DataType type) {
        if (type == DataType.FLOAT) g.node("Identity", value).into(name);
        else g.node("Cast", value).attr("to", (long) type.getNumber()).into(name);
    }

    /** Row i averages positions 0..i. */
    private static float[] causalMean() {
        float[] m = new float[SEQUENCE * SEQUENCE];
        for (int i = 0; i < SEQUENCE; i++) {
            for (int j = 0; j <= i; j++) m[i * SEQUENCE + j] = 1f / (i + 1);
        }
        return m;
    }
}

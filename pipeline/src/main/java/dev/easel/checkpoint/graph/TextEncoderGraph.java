package dev.easel.checkpoint.graph;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import dev.easel.onnx.graph.GraphBuilder;

/**
 * The CLIP text transformer of an SD 1.x checkpoint ({@code cond_stage_model.transformer.text_model.*})
 * with Hugging Face's semantics: token + position embeddings, pre-norm layers with causal
 * self-attention and quick-GELU MLPs, a final layer norm.
 *
 * <p>Inputs: {@code input_ids} int32 {@code [batch, sequence]} (sequence up to the position table,
 * 77), and with {@code extraRows} also {@code extra_embeddings} float {@code [rows, hidden]}: an id
 * {@code >= vocab} selects row {@code id - vocab} of it instead of the token table (textual inversion;
 * feed one zero row when there are none). Outputs: {@code last_hidden_state} and
 * {@code clip_skip_N} for N = 2 .. layers (layer -N's output through the final layer norm, A1111's
 * clip skip; {@code clip_skip_2} is the penultimate layer), all {@code [batch, sequence, hidden]}.
 */
public final class TextEncoderGraph {

    public static final String PREFIX = "cond_stage_model.transformer.text_model.";
    public static final String INPUT_IDS = "input_ids";
    public static final String EXTRA_EMBEDDINGS = "extra_embeddings";
    public static final String LAST_HIDDEN_STATE = "last_hidden_state";
    /** Output name for clip skip {@code n} (2 and up), as {@code OnnxDiffusionModel} looks for it. */
    public static String clipSkipOutput(int n) { return "clip_skip_" + n; }

    /** CLIP ViT-L/14, SD 1.x's text encoder, has 12 attention heads. */
    public static final int SD1_HEADS = 12;
    /** Hugging Face CLIPTextConfig's layer_norm_eps. */
    static final float LAYER_NORM_EPS = 1e-5f;

    private TextEncoderGraph() {}

    /** The numbers read from the keys. */
    public record Layout(int vocab, int hidden, int positions, int layers) {}

    public static Layout layout(WeightSource w) {
        var tok = w.info(PREFIX + "embeddings.token_embedding.weight");
        var pos = w.info(PREFIX + "embeddings.position_embedding.weight");
        int layers = 0;
        while (w.has(PREFIX + "encoder.layers." + layers + ".layer_norm1.weight")) layers++;
        if (layers < 2) throw new IllegalArgumentException("the text encoder has " + layers + " layers; at least 2 expected");
        return new Layout((int) tok.dim(0), (int) tok.dim(1), (int) pos.dim(0), layers);
    }

    public static Net build(WeightSource w, GraphOptions options, int heads, boolean extraRows) {
        Layout l = layout(w);
        Net net = new Net("text_encoder", w, options);
        GraphBuilder g = net.builder();
        String ids = g.input(INPUT_IDS, DataType.INT32, "batch", "sequence");
        String table = net.weight(PREFIX + "embeddings.token_embedding.weight");
        String tokens;
        if (extraRows) {
            String extra = net.floatInput(EXTRA_EMBEDDINGS, "rows", l.hidden());
            String vocab = g.initializerInt32(g.fresh("vocab"), new long[0], new int[] {l.vocab()});
            String isExtra = g.op("Not", g.op("Less", ids, vocab));
            String zero = g.initializerInt32(g.fresh("zero"), new long[0], new int[] {0});
            String last = g.initializerInt32(g.fresh("last"), new long[0], new int[] {l.vocab() - 1});
            String base = g.node("Gather", table, g.op("Min", ids, last)).attr("axis", 0L).out();
            String fromExtra = g.node("Gather", extra, g.op("Max", g.op("Sub", ids, vocab), zero)).attr("axis", 0L).out();
            tokens = g.op("Where", g.op("Unsqueeze", isExtra, net.ints(-1)), fromExtra, base);
        } else {
            tokens = g.node("Gather", table, ids).attr("axis", 0L).out();
        }
        // Positions 0..sequence-1: the first rows of the position table.
        String seqLen = g.op("Slice", g.op("Shape", ids), net.ints(1), net.ints(2));
        String positions = g.op("Slice", net.weight(PREFIX + "embeddings.position_embedding.weight"),
                net.ints(0), seqLen, net.ints(0));
        String x = net.add(tokens, positions);
        String mask = causalMask(net, l.positions(), seqLen);

        String[] hidden = new String[l.layers() + 1]; // hidden[i]: the output of layer i (0: the embeddings)
        hidden[0] = x;
        for (int i = 0; i < l.layers(); i++) {
            hidden[i + 1] = layer(net, hidden[i], PREFIX + "encoder.layers." + i + ".", heads, l.hidden(), mask);
        }
        net.floatOutput(net.layerNorm(hidden[l.layers()], PREFIX + "final_layer_norm", LAYER_NORM_EPS), LAST_HIDDEN_STATE,
                "batch", "sequence", l.hidden());
        // A1111's CLIP_stop_at_last_layers = n takes hidden_states[-n] through the final layer norm.
        for (int n = 2; n <= l.layers(); n++) {
            net.floatOutput(net.layerNorm(hidden[l.layers() + 1 - n], PREFIX + "final_layer_norm", LAYER_NORM_EPS),
                    clipSkipOutput(n), "batch", "sequence", l.hidden());
        }
        return net;
    }

    private static String layer(Net net, String x, String p, int heads, int hidden, String mask) {
        String h = net.layerNorm(x, p + "layer_norm1", LAYER_NORM_EPS);
        String a = net.attention(net.linear(h, p + "self_attn.q_proj"), net.linear(h, p + "self_attn.k_proj"),
                net.linear(h, p + "self_attn.v_proj"), heads, hidden, mask);
        x = net.add(x, net.linear(a, p + "self_attn.out_proj"));
        h = net.layerNorm(x, p + "layer_norm2", LAYER_NORM_EPS);
        h = net.linear(net.quickGelu(net.linear(h, p + "mlp.fc1")), p + "mlp.fc2");
        return net.add(x, h);
    }

    /**
     * {@code [seq, seq]}: 0 on and below the diagonal, the float type's lowest value above it, as
     * Hugging Face's CLIP builds its causal mask.
     */
    private static String causalMask(Net net, int positions, String seqLen) {
        float low = net.options().fp16() ? -65504f : -Float.MAX_VALUE;
        float[] m = new float[positions * positions];
        for (int r = 0; r < positions; r++) {
            for (int c = r + 1; c < positions; c++) m[r * positions + c] = low;
        }
        String full = net.constant(new long[] {positions, positions}, m);
        GraphBuilder g = net.builder();
        String zeros = net.ints(0, 0);
        String ends = net.concat(0, seqLen, seqLen);
        return g.op("Slice", full, zeros, ends, net.ints(0, 1));
    }
}

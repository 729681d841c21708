package dev.easel.checkpoint.graph;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import dev.easel.onnx.graph.GraphBuilder;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The ldm UNet ({@code openaimodel.UNetModel}) of a checkpoint, walked block by block from its
 * {@link UNetLayout}: inputs {@code sample [batch, C, height, width]}, {@code timestep} float
 * {@code [batch]} and {@code encoder_hidden_states [batch, sequence, context]}; output
 * {@code out_sample}, the names of the diffusers ONNX export.
 */
public final class UNetGraph {

    public static final String SAMPLE = "sample";
    public static final String TIMESTEP = "timestep";
    public static final String ENCODER_HIDDEN_STATES = "encoder_hidden_states";
    public static final String OUT_SAMPLE = "out_sample";
    /** SD 1.x's UNet config ({@code v1-inference.yaml}) has {@code num_heads: 8}. */
    public static final int SD1_HEADS = 8;
    /** ldm's {@code normalization()}: GroupNorm32(32 groups), torch's default eps. */
    static final int GROUPS = 32;
    static final float RES_EPS = 1e-5f;
    /** ldm's attention {@code Normalize()} in the spatial transformer uses eps 1e-6. */
    static final float TRANSFORMER_NORM_EPS = 1e-6f;
    static final float LAYER_NORM_EPS = 1e-5f;
    /** ldm's {@code timestep_embedding} max_period. */
    static final double MAX_PERIOD = 10000;

    private final Net net;
    private final int heads;
    private String embSilu;
    private String context;

    private UNetGraph(Net net, int heads) {
        this.net = net;
        this.heads = heads;
    }

    public static Net build(WeightSource w, GraphOptions options, int heads) {
        UNetLayout layout = UNetLayout.read(w.tensors());
        Net net = new Net("unet", w, options);
        new UNetGraph(net, heads).write(layout);
        return net;
    }

    private void write(UNetLayout l) {
        GraphBuilder g = net.builder();
        String x = net.floatInput(SAMPLE, "batch", l.inChannels(), "height", "width");
        g.input(TIMESTEP, DataType.FLOAT, "batch");
        context = net.floatInput(ENCODER_HIDDEN_STATES, "batch", "sequence", l.contextDim());

        String temb = timestepEmbedding(TIMESTEP, l.modelChannels());
        String emb = net.linear(net.silu(net.linear(temb, UNetLayout.PREFIX + "time_embed.0")), UNetLayout.PREFIX + "time_embed.2");
        embSilu = net.silu(emb); // every res block's emb_layers start with SiLU

        Deque<String> skips = new ArrayDeque<>();
        String h = x;
        for (List<UNetLayout.Module> block : l.input()) {
            h = apply(block, h);
            skips.push(h);
        }
        h = apply(l.middle(), h);
        for (List<UNetLayout.Module> block : l.output()) {
            h = apply(block, net.concat(1, h, skips.pop()));
        }
        String p = UNetLayout.PREFIX;
        h = net.conv(net.silu(net.groupNorm(h, p + "out.0", GROUPS, RES_EPS)), p + "out.2", 1, 1);
        net.floatOutput(h, OUT_SAMPLE, "batch", l.outChannels(), "height", "width");
    }

    private String apply(List<UNetLayout.Module> block, String h) {
        for (UNetLayout.Module m : block) {
            String p = m.prefix();
            h = switch (m.kind()) {
                case CONV_IN -> net.conv(h, p.substring(0, p.length() - 1), 1, 1);
                case RES -> resBlock(h, p);
                case TRANSFORMER -> spatialTransformer(h, p, m.channels(), m.depth());
                case DOWN -> net.conv(h, p + "op", 2, 1);
                case UP -> net.conv(net.upsample2x(h), p + "conv", 1, 1);
            };
        }
        return h;
    }

    /**
     * ldm's sinusoidal embedding, cos half first ({@code flip_sin_to_cos} in diffusers' terms), always in
     * fp32: {@code t * freq} reaches 1000 and loses the phase in fp16.
     */
    private String timestepEmbedding(String t, int dim) {
        if (dim % 2 != 0) throw new IllegalArgumentException("odd model channel count " + dim + " is not supported");
        int half = dim / 2;
        float[] freqs = new float[half];
        for (int i = 0; i < half; i++) freqs[i] = (float) Math.exp((float) (-Math.log(MAX_PERIOD) * i) / half);
        GraphBuilder g = net.builder();
        String f = g.initializer(g.fresh("freqs"), new long[] {1, half}, freqs);
        String args = g.op("Mul", g.op("Unsqueeze", t, net.ints(1)), f);
        String emb = net.concat(1, g.op("Cos", args), g.op("Sin", args));
        return net.options().fp16() ? net.cast(emb, DataType.FLOAT16) : emb;
    }

    private String resBlock(String x, String p) {
        String h = net.conv(net.silu(net.groupNorm(x, p + "in_layers.0", GROUPS, RES_EPS)), p + "in_layers.2", 1, 1);
        String e = net.linear(embSilu, p + "emb_layers.1");
        h = net.add(h, net.builder().op("Unsqueeze", e, net.ints(2, 3)));
        h = net.conv(net.silu(net.groupNorm(h, p + "out_layers.0", GROUPS, RES_EPS)), p + "out_layers.3", 1, 1);
        String skip = net.source().has(p + "skip_connection.weight") ? net.conv(x, p + "skip_connection", 1, 0) : x;
        return net.add(skip, h);
    }

    /**
     * ldm's SpatialTransformer. A 1x1-convolution {@code proj_in}/{@code proj_out} equals a linear layer
     * applied after flattening, so both kinds are written as linear layers on the token sequence.
     */
    private String spatialTransformer(String x, String p, int channels, int depth) {
        String h = net.toTokens(net.groupNorm(x, p + "norm", GROUPS, TRANSFORMER_NORM_EPS), channels);
        h = net.linear(h, p + "proj_in");
        for (int i = 0; i < depth; i++) h = basicBlock(h, p + "transformer_blocks." + i + ".");
        h = net.linear(h, p + "proj_out");
        return net.add(net.toImage(h, x), x);
    }

    private String basicBlock(String x, String p) {
        long inner = net.source().info(p + "attn1.to_q.weight").dim(0);
        String n = net.layerNorm(x, p + "norm1", LAYER_NORM_EPS);
        String a = net.attention(net.linear(n, p + "attn1.to_q"), net.linear(n, p + "attn1.to_k"),
                net.linear(n, p + "attn1.to_v"), heads, inner, null);
        x = net.add(x, net.linear(a, p + "attn1.to_out.0"));
        n = net.layerNorm(x, p + "norm2", LAYER_NORM_EPS);
        a = net.attention(net.linear(n, p + "attn2.to_q"), net.linear(context, p + "attn2.to_k"),
                net.linear(context, p + "attn2.to_v"), heads, inner, null);
        x = net.add(x, net.linear(a, p + "attn2.to_out.0"));
        n = net.layerNorm(x, p + "norm3", LAYER_NORM_EPS);
        // GEGLU: the projection's first half is the value, the second half the gate.
        long ff = net.source().info(p + "ff.net.0.proj.weight").dim(0) / 2;
        String[] parts = net.builder().node("Split", net.linear(n, p + "ff.net.0.proj"), net.ints(ff, ff))
                .attr("axis", -1L).outs(2);
        String geglu = net.mul(parts[0], net.gelu(parts[1]));
        return net.add(x, net.linear(geglu, p + "ff.net.2"));
    }
}

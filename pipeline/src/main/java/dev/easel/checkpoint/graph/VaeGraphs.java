package dev.easel.checkpoint.graph;

import dev.easel.checkpoint.TensorInfo;

import java.util.Map;

/**
 * The ldm AutoencoderKL ({@code first_stage_model.*}) as two graphs with the diffusers export's names:
 * the encoder ({@code sample [batch, 3, H, W]} to {@code latent_parameters [batch, 8, H/8, W/8]}: the
 * encoder then {@code quant_conv}, 4 means then 4 log-variances) and the decoder
 * ({@code latent_sample [batch, 4, h, w]}, already divided by the scaling factor, to {@code sample}
 * in [-1, 1]: {@code post_quant_conv} then the decoder). Levels and res blocks per level are counted
 * from the keys.
 */
public final class VaeGraphs {

    public static final String PREFIX = "first_stage_model.";
    public static final String SAMPLE = "sample";
    public static final String LATENT_PARAMETERS = "latent_parameters";
    public static final String LATENT_SAMPLE = "latent_sample";
    static final int GROUPS = 32;
    /** ldm's {@code Normalize()} in the autoencoder uses eps 1e-6. */
    static final float EPS = 1e-6f;

    private VaeGraphs() {}

    /** Levels and res blocks per level of the encoder and decoder, counted from the keys. */
    public record Layout(int levels, int encoderBlocks, int decoderBlocks, int latentChannels, int imageChannels) {}

    public static Layout layout(WeightSource w) {
        Map<String, TensorInfo> t = w.tensors();
        int levels = 0;
        while (w.has(PREFIX + "encoder.down." + levels + ".block.0.conv1.weight")) levels++;
        int enc = 0, dec = 0;
        while (w.has(PREFIX + "encoder.down.0.block." + enc + ".conv1.weight")) enc++;
        while (w.has(PREFIX + "decoder.up.0.block." + dec + ".conv1.weight")) dec++;
        if (levels == 0 || enc == 0 || dec == 0 || t.isEmpty()) {
            throw new IllegalArgumentException("the VAE's encoder/decoder blocks (" + PREFIX + "encoder.down.*, decoder.up.*) are missing");
        }
        int latent = (int) w.info(PREFIX + "post_quant_conv.weight").dim(0);
        int image = (int) w.info(PREFIX + "encoder.conv_in.weight").dim(1);
        return new Layout(levels, enc, dec, latent, image);
    }

    public static Net encoder(WeightSource w, GraphOptions options) {
        Layout l = layout(w);
        Net net = new Net("vae_encoder", w, options);
        String p = PREFIX + "encoder.";
        String h = net.conv(net.floatInput(SAMPLE, "batch", l.imageChannels(), "height", "width"), p + "conv_in", 1, 1);
        for (int level = 0; level < l.levels(); level++) {
            for (int b = 0; b < l.encoderBlocks(); b++) h = resBlock(net, h, p + "down." + level + ".block." + b + ".");
            String down = p + "down." + level + ".downsample.conv";
            // ldm's Downsample pads (0, 1, 0, 1) explicitly, then convolves with stride 2 and no padding.
            if (w.has(down + ".weight")) h = net.convPadded(h, down, 2, 0, 0, 1, 1);
        }
        h = middle(net, h, p + "mid.");
        h = net.conv(net.silu(net.groupNorm(h, p + "norm_out", GROUPS, EPS)), p + "conv_out", 1, 1);
        h = net.conv(h, PREFIX + "quant_conv", 1, 0);
        net.floatOutput(h, LATENT_PARAMETERS, "batch", 2 * l.latentChannels(), "latent_height", "latent_width");
        return net;
    }

    public static Net decoder(WeightSource w, GraphOptions options) {
        Layout l = layout(w);
        Net net = new Net("vae_decoder", w, options);
        String p = PREFIX + "decoder.";
        String z = net.floatInput(LATENT_SAMPLE, "batch", l.latentChannels(), "latent_height", "latent_width");
        String h = net.conv(net.conv(z, PREFIX + "post_quant_conv", 1, 0), p + "conv_in", 1, 1);
        h = middle(net, h, p + "mid.");
        for (int level = l.levels() - 1; level >= 0; level--) {
            for (int b = 0; b < l.decoderBlocks(); b++) h = resBlock(net, h, p + "up." + level + ".block." + b + ".");
            String up = p + "up." + level + ".upsample.conv";
            if (w.has(up + ".weight")) h = net.conv(net.upsample2x(h), up, 1, 1);
        }
        h = net.conv(net.silu(net.groupNorm(h, p + "norm_out", GROUPS, EPS)), p + "conv_out", 1, 1);
        net.floatOutput(h, SAMPLE, "batch", l.imageChannels(), "height", "width");
        return net;
    }

    private static String middle(Net net, String h, String p) {
        h = resBlock(net, h, p + "block_1.");
        h = attention(net, h, p + "attn_1.");
        return resBlock(net, h, p + "block_2.");
    }

    private static String resBlock(Net net, String x, String p) {
        String h = net.conv(net.silu(net.groupNorm(x, p + "norm1", GROUPS, EPS)), p + "conv1", 1, 1);
        h = net.conv(net.silu(net.groupNorm(h, p + "norm2", GROUPS, EPS)), p + "conv2", 1, 1);
        String skip = net.source().has(p + "nin_shortcut.weight") ? net.conv(x, p + "nin_shortcut", 1, 0) : x;
        return net.add(skip, h);
    }

    /** ldm's AttnBlock: single-head self-attention over all pixels, scale C^-1/2, 1x1-conv (or linear) q/k/v/proj_out. */
    private static String attention(Net net, String x, String p) {
        long c = net.source().info(p + "q.weight").dim(0);
        String t = net.toTokens(net.groupNorm(x, p + "norm", GROUPS, EPS), c);
        String a = net.attention(net.linear(t, p + "q"), net.linear(t, p + "k"), net.linear(t, p + "v"), 1, c, null);
        return net.add(x, net.toImage(net.linear(a, p + "proj_out"), x));
    }
}

package dev.easel.checkpoint;

import java.util.ArrayList;
import java.util.List;

/**
 * Every tensor an SD 1.x checkpoint of a given {@link Sd1Architecture} holds, with its shape, in the
 * ldm single-file key layout, following the module construction order of ldm's {@code UNetModel},
 * {@code Encoder}/{@code Decoder} and Hugging Face's {@code CLIPTextModel}.
 */
public final class Sd1Keys {

    /** A key and its shape; {@code kind} says how a random initialiser should fill it. */
    public record Key(String name, long[] shape, Kind kind) {
        public long count() {
            long n = 1;
            for (long d : shape) n *= d;
            return n;
        }
    }

    public enum Kind { WEIGHT, BIAS, NORM_WEIGHT, EMBEDDING, POSITION_IDS, BETAS, ALPHAS_CUMPROD }

    private final List<Key> keys = new ArrayList<>();

    private Sd1Keys() {}

    public static List<Key> of(Sd1Architecture a) {
        Sd1Keys k = new Sd1Keys();
        k.clip(a);
        k.vae(a);
        k.unet(a);
        k.add("betas", Kind.BETAS, 1000);
        k.add("alphas_cumprod", Kind.ALPHAS_CUMPROD, 1000);
        return List.copyOf(k.keys);
    }

    /** Parameters under {@code prefix}. */
    public static long parameters(List<Key> keys, String prefix) {
        return keys.stream().filter(k -> k.name().startsWith(prefix) && k.kind() != Kind.POSITION_IDS)
                .mapToLong(Key::count).sum();
    }

    private void add(String name, Kind kind, long... shape) { keys.add(new Key(name, shape, kind)); }

    private void linear(String p, long out, long in, boolean bias) {
        add(p + ".weight", Kind.WEIGHT, out, in);
        if (bias) add(p + ".bias", Kind.BIAS, out);
    }

    private void conv(String p, long out, long in, int k) {
        add(p + ".weight", Kind.WEIGHT, out, in, k, k);
        add(p + ".bias", Kind.BIAS, out);
    }

    private void norm(String p, long c) {
        add(p + ".weight", Kind.NORM_WEIGHT, c);
        add(p + ".bias", Kind.BIAS, c);
    }

    private void clip(Sd1Architecture a) {
        String p = "cond_stage_model.transformer.text_model.";
        int h = a.clipHidden();
        add(p + "embeddings.position_embedding.weight", Kind.EMBEDDING, a.positions(), h);
        add(p + "embeddings.position_ids", Kind.POSITION_IDS, 1, a.positions());
        add(p + "embeddings.token_embedding.weight", Kind.EMBEDDING, a.vocab(), h);
        for (int i = 0; i < a.clipLayers(); i++) {
            String l = p + "encoder.layers." + i + ".";
            norm(l + "layer_norm1", h);
            norm(l + "layer_norm2", h);
            linear(l + "mlp.fc1", 4L * h, h, true);
            linear(l + "mlp.fc2", h, 4L * h, true);
            for (String proj : new String[] {"k_proj", "out_proj", "q_proj", "v_proj"}) linear(l + "self_attn." + proj, h, h, true);
        }
        norm(p + "final_layer_norm", h);
    }

    private void vae(Sd1Architecture a) {
        String p = "first_stage_model.";
        int z = Sd1Architecture.LATENT_CHANNELS, ch = a.vaeChannels();
        List<Integer> mult = a.vaeMult();
        // Encoder
        conv(p + "encoder.conv_in", ch, 3, 3);
        long blockIn = ch;
        for (int i = 0; i < mult.size(); i++) {
            long blockOut = (long) ch * mult.get(i);
            for (int b = 0; b < a.vaeResBlocks(); b++) {
                vaeRes(p + "encoder.down." + i + ".block." + b + ".", blockIn, blockOut);
                blockIn = blockOut;
            }
            if (i != mult.size() - 1) conv(p + "encoder.down." + i + ".downsample.conv", blockIn, blockIn, 3);
        }
        vaeMid(p + "encoder.mid.", blockIn);
        norm(p + "encoder.norm_out", blockIn);
        conv(p + "encoder.conv_out", 2L * z, blockIn, 3);
        // Decoder
        blockIn = (long) ch * mult.get(mult.size() - 1);
        conv(p + "decoder.conv_in", blockIn, z, 3);
        vaeMid(p + "decoder.mid.", blockIn);
        for (int i = mult.size() - 1; i >= 0; i--) {
            long blockOut = (long) ch * mult.get(i);
            for (int b = 0; b <= a.vaeResBlocks(); b++) {
                vaeRes(p + "decoder.up." + i + ".block." + b + ".", blockIn, blockOut);
                blockIn = blockOut;
            }
            if (i != 0) conv(p + "decoder.up." + i + ".upsample.conv", blockIn, blockIn, 3);
        }
        norm(p + "decoder.norm_out", blockIn);
        conv(p + "decoder.conv_out", 3, blockIn, 3);
        conv(p + "post_quant_conv", z, z, 1);
        conv(p + "quant_conv", 2L * z, 2L * z, 1);
    }

    private void vaeRes(String p, long in, long out) {
        norm(p + "norm1", in);
        conv(p + "conv1", out, in, 3);
        norm(p + "norm2", out);
        conv(p + "conv2", out, out, 3);
        if (in != out) conv(p + "nin_shortcut", out, in, 1);
    }

    private void vaeMid(String p, long c) {
        vaeRes(p + "block_1.", c, c);
        norm(p + "attn_1.norm", c);
        for (String n : new String[] {"q", "k", "v", "proj_out"}) conv(p + "attn_1." + n, c, c, 1);
        vaeRes(p + "block_2.", c, c);
    }

    private void unet(Sd1Architecture a) {
        String p = "model.diffusion_model.";
        long mc = a.modelChannels(), emb = 4 * mc;
        linear(p + "time_embed.0", emb, mc, true);
        linear(p + "time_embed.2", emb, emb, true);
        conv(p + "input_blocks.0.0", mc, a.unetIn(), 3);
        List<Long> skips = new ArrayList<>(List.of(mc));
        long ch = mc;
        int idx = 1;
        List<Integer> mult = a.channelMult();
        for (int level = 0; level < mult.size(); level++) {
            for (int r = 0; r < a.resBlocks(); r++) {
                long out = mc * mult.get(level);
                res(p + "input_blocks." + idx + ".0.", ch, out, emb);
                ch = out;
                if (a.attentionLevels().get(level)) transformer(p + "input_blocks." + idx + ".1.", ch, a);
                skips.add(ch);
                idx++;
            }
            if (level != mult.size() - 1) {
                conv(p + "input_blocks." + idx + ".0.op", ch, ch, 3);
                skips.add(ch);
                idx++;
            }
        }
        res(p + "middle_block.0.", ch, ch, emb);
        transformer(p + "middle_block.1.", ch, a);
        res(p + "middle_block.2.", ch, ch, emb);
        idx = 0;
        for (int level = mult.size() - 1; level >= 0; level--) {
            for (int r = 0; r <= a.resBlocks(); r++) {
                long skip = skips.remove(skips.size() - 1);
                long out = mc * mult.get(level);
                res(p + "output_blocks." + idx + ".0.", ch + skip, out, emb);
                ch = out;
                int sub = 1;
                if (a.attentionLevels().get(level)) transformer(p + "output_blocks." + idx + "." + sub++ + ".", ch, a);
                if (level != 0 && r == a.resBlocks()) conv(p + "output_blocks." + idx + "." + sub + ".conv", ch, ch, 3);
                idx++;
            }
        }
        norm(p + "out.0", ch);
        conv(p + "out.2", Sd1Architecture.LATENT_CHANNELS, ch, 3);
    }

    private void res(String p, long in, long out, long emb) {
        norm(p + "in_layers.0", in);
        conv(p + "in_layers.2", out, in, 3);
        linear(p + "emb_layers.1", out, emb, true);
        norm(p + "out_layers.0", out);
        conv(p + "out_layers.3", out, out, 3);
        if (in != out) conv(p + "skip_connection", out, in, 1);
    }

    private void transformer(String p, long ch, Sd1Architecture a) {
        long inner = ch; // SD 1.x: heads x head width = the block's channels
        long ctx = a.clipHidden();
        norm(p + "norm", ch);
        if (a.linearProjection()) linear(p + "proj_in", inner, ch, true);
        else conv(p + "proj_in", inner, ch, 1);
        for (int d = 0; d < a.depth(); d++) {
            String b = p + "transformer_blocks." + d + ".";
            linear(b + "attn1.to_q", inner, inner, false);
            linear(b + "attn1.to_k", inner, inner, false);
            linear(b + "attn1.to_v", inner, inner, false);
            linear(b + "attn1.to_out.0", inner, inner, true);
            linear(b + "attn2.to_q", inner, inner, false);
            linear(b + "attn2.to_k", inner, ctx, false);
            linear(b + "attn2.to_v", inner, ctx, false);
            linear(b + "attn2.to_out.0", inner, inner, true);
            linear(b + "ff.net.0.proj", inner * 8, inner, true);
            linear(b + "ff.net.2", inner, inner * 4, true);
            norm(b + "norm1", inner);
            norm(b + "norm2", inner);
            norm(b + "norm3", inner);
        }
        if (a.linearProjection()) linear(p + "proj_out", ch, inner, true);
        else conv(p + "proj_out", ch, inner, 1);
    }
}

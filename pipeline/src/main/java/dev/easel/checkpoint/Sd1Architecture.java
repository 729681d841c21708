package dev.easel.checkpoint;

import java.util.List;

/**
 * The shape of an SD 1.x-style checkpoint, as ldm's configs give it: enough to write every key with
 * its shape ({@link Sd1Keys}). Used to make random-weight checkpoints for tests and benchmarks.
 *
 * @param unetIn           UNet input channels (4, or 9 for inpainting)
 * @param modelChannels    the UNet's base width
 * @param channelMult      width multiplier per level
 * @param resBlocks        res blocks per level (input side; the output side has one more)
 * @param attentionLevels  whether each level has spatial transformers
 * @param depth            transformer blocks per spatial transformer
 * @param heads            attention heads in the UNet
 * @param linearProjection linear (SD 2.x style) rather than 1x1-convolution proj_in/proj_out
 * @param clipHidden       text encoder width (= the UNet's context width)
 * @param clipLayers       text encoder layers
 * @param vocab            token table rows
 * @param positions        position table rows
 * @param vaeChannels      the VAE's base width
 * @param vaeMult          VAE width multiplier per level
 * @param vaeResBlocks     VAE res blocks per level (the decoder has one more)
 */
public record Sd1Architecture(int unetIn, int modelChannels, List<Integer> channelMult, int resBlocks,
                              List<Boolean> attentionLevels, int depth, int heads, boolean linearProjection,
                              int clipHidden, int clipLayers, int vocab, int positions,
                              int vaeChannels, List<Integer> vaeMult, int vaeResBlocks) {

    /** Latent channels of every SD 1.x VAE. */
    public static final int LATENT_CHANNELS = 4;

    public Sd1Architecture {
        if (channelMult.size() != attentionLevels.size()) {
            throw new IllegalArgumentException("one attention flag per level: " + channelMult + " vs " + attentionLevels);
        }
        channelMult = List.copyOf(channelMult);
        attentionLevels = List.copyOf(attentionLevels);
        vaeMult = List.copyOf(vaeMult);
    }

    /** Stable Diffusion 1.5 ({@code v1-inference.yaml}; CLIP ViT-L/14; the kl-f8 autoencoder). */
    public static Sd1Architecture sd15() {
        return new Sd1Architecture(4, 320, List.of(1, 2, 4, 4), 2, List.of(true, true, true, false), 1, 8, false,
                768, 12, 49408, 77, 128, List.of(1, 2, 4, 4), 2);
    }

    /** The tiny fixture's shapes (UNet 32/64 over 2 levels, CLIP 48 wide with 2 layers, VAE 32 over 4 levels). */
    public static Sd1Architecture tiny() {
        return new Sd1Architecture(4, 32, List.of(1, 2), 1, List.of(true, true), 1, 8, false,
                48, 2, 49408, 77, 32, List.of(1, 1, 1, 1), 1);
    }

    public Sd1Architecture withUnetIn(int c) {
        return new Sd1Architecture(c, modelChannels, channelMult, resBlocks, attentionLevels, depth, heads, linearProjection,
                clipHidden, clipLayers, vocab, positions, vaeChannels, vaeMult, vaeResBlocks);
    }

    public Sd1Architecture withUnet(int modelChannels, List<Integer> channelMult, int resBlocks, List<Boolean> attention,
                                    int depth, boolean linearProjection) {
        return new Sd1Architecture(unetIn, modelChannels, channelMult, resBlocks, attention, depth, heads, linearProjection,
                clipHidden, clipLayers, vocab, positions, vaeChannels, vaeMult, vaeResBlocks);
    }

    public Sd1Architecture withClip(int hidden, int layers, int vocab) {
        return new Sd1Architecture(unetIn, modelChannels, channelMult, resBlocks, attentionLevels, depth, heads, linearProjection,
                hidden, layers, vocab, positions, vaeChannels, vaeMult, vaeResBlocks);
    }

    public Sd1Architecture withVae(int channels, List<Integer> mult, int resBlocks) {
        return new Sd1Architecture(unetIn, modelChannels, channelMult, resBlocks, attentionLevels, depth, heads, linearProjection,
                clipHidden, clipLayers, vocab, positions, channels, mult, resBlocks);
    }
}

package dev.easel.model;

import dev.easel.onnx.Tensor;

import java.nio.file.Path;

/**
 * The four model calls a Stable Diffusion pipeline makes, in fp32 NCHW on the host. Implementations
 * convert to whatever the underlying graphs declare (int32 or int64 ids, float or int64 timesteps,
 * fp16 inputs) and back. Every call may be aborted from another thread through {@link #interrupt()},
 * in which case it throws {@link java.util.concurrent.CancellationException}.
 */
public interface DiffusionModel extends AutoCloseable {

    /** The name users see (the store folder's name, or the checkpoint's file name). */
    String name();

    /** 4 for ordinary UNets, 9 for inpainting UNets (noisy latent, mask, masked-image latent). */
    int unetInChannels();

    /** Width of the text encoder's hidden state: 768 for SD 1.x. */
    int hiddenSize();

    /** The folder holding {@code vocab.json} and {@code merges.txt}. */
    Path tokenizerDir();

    /** The diffusers {@code scheduler_config.json} (betas), or null for the SD 1.x defaults. */
    Path schedulerConfig();

    /**
     * Runs the text encoder on {@code ids} ({@code [batch, 77]}, row-major).
     *
     * @param clipSkip 1 for the last layer (A1111's default); 2 for the penultimate layer through the
     *                 final layer norm, where the encoder exposes it
     * @return {@code [batch, 77, hiddenSize]}
     * @throws UnsupportedOperationException when clipSkip &gt; 1 and the graph has no hidden-state output
     */
    Tensor encodeText(int[] ids, int batch, int clipSkip);

    /**
     * Token ids from this value on select rows of the extra embeddings given to
     * {@link #encodeText(int[], int, int, Tensor)}: id {@code EXTRA_TOKEN_BASE + r} is row {@code r}.
     * It is the CLIP vocabulary's size, so no real token collides (textual inversion).
     */
    int EXTRA_TOKEN_BASE = 49408;

    /** Whether {@link #encodeText(int[], int, int, Tensor)} takes extra embedding rows (checkpoints Easel builds do). */
    default boolean acceptsExtraEmbeddings() { return false; }

    /**
     * {@link #encodeText(int[], int, int)} where ids {@code >= EXTRA_TOKEN_BASE} are rows of
     * {@code extraEmbeddings} ({@code [rows, hiddenSize]}, or null for none) instead of vocabulary tokens.
     *
     * @throws UnsupportedOperationException when rows are given and {@link #acceptsExtraEmbeddings()} is false
     */
    default Tensor encodeText(int[] ids, int batch, int clipSkip, Tensor extraEmbeddings) {
        if (extraEmbeddings == null || extraEmbeddings.dim(0) == 0) return encodeText(ids, batch, clipSkip);
        throw new UnsupportedOperationException(name() + " cannot take textual-inversion embeddings;"
                + " only .safetensors checkpoints loaded by Easel can");
    }

    /** Whether {@link #setTiling(boolean)} can make every convolution wrap around (seamless tiling). */
    default boolean supportsTiling() { return false; }

    /**
     * Turns circular padding on or off for the UNet and VAE calls that follow (A1111's {@code tiling}).
     *
     * @throws UnsupportedOperationException when turning it on and {@link #supportsTiling()} is false
     */
    default void setTiling(boolean on) {
        if (on) throw new UnsupportedOperationException(name() + " cannot tile; only .safetensors checkpoints loaded by Easel can");
    }

    /**
     * One UNet call: {@code sample [b, C, h, w]}, one timestep per batch entry, and
     * {@code encoderHiddenStates [b, 77k, hiddenSize]}. Returns the predicted noise {@code [b, 4, h, w]}.
     */
    Tensor unet(Tensor sample, float[] timesteps, Tensor encoderHiddenStates);

    /** VAE decoder: latents {@code [b, 4, h, w]} (already divided by the scaling factor) to images in [-1, 1]. */
    Tensor decode(Tensor latents);

    /**
     * VAE encoder: images {@code [b, 3, H, W]} in [-1, 1] to the posterior's parameters
     * {@code [b, 8, H/8, W/8]} (4 means then 4 log-variances). Exports that only give a sampled
     * {@code latent_sample} return it as the means with log-variance set to -30 (no further noise).
     */
    Tensor encodeMoments(Tensor images);

    /** Aborts the model call in flight, if any, and makes the next one abort too until {@link #clearInterrupt()}. */
    void interrupt();

    void clearInterrupt();

    @Override
    void close();
}

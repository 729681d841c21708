package dev.easel.checkpoint;

import dev.easel.checkpoint.graph.TextEncoderGraph;
import dev.easel.model.DiffusionModel;
import dev.easel.model.OnnxDiffusionModel;
import dev.easel.onnx.Devices;
import dev.easel.onnx.OnnxSession;
import dev.easel.onnx.OrtSettings;
import dev.easel.onnx.Tensor;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/**
 * A checkpoint loaded through its built diffusers folder ({@link CheckpointCache}): the model calls go
 * to an {@link OnnxDiffusionModel} over that folder; textual-inversion rows go to the folder's
 * {@code text_encoder/model_embeddings.onnx} (opened on first use); tiling swaps to the folder's
 * {@code tiled/} set (closing the plain one first, so only one UNet is in memory).
 */
public final class CheckpointDiffusionModel implements DiffusionModel {

    private final String name;
    private final Path folder;
    private final OrtSettings settings;
    private volatile OnnxDiffusionModel current;
    private volatile OnnxSession embeddingsText;
    private boolean tiled;

    private CheckpointDiffusionModel(String name, Path folder, OrtSettings settings, OnnxDiffusionModel current, boolean tiled) {
        this.name = name;
        this.folder = folder;
        this.settings = settings;
        this.current = current;
        this.tiled = tiled;
    }

    /**
     * Loads {@code checkpoint}, building its graphs into {@code cache} on first use: fp16 graphs when the
     * settings resolve to CUDA, fp32 on CPU (whose fp16 kernels are few and slow).
     */
    public static CheckpointDiffusionModel open(Path checkpoint, CheckpointCache cache, OrtSettings settings,
                                                CheckpointConverter.Progress progress) throws java.io.IOException {
        return open(checkpoint, cache, settings, Devices.select(settings).cuda(), progress);
    }

    /** As {@link #open(Path, CheckpointCache, OrtSettings, CheckpointConverter.Progress)} with the precision chosen. */
    public static CheckpointDiffusionModel open(Path checkpoint, CheckpointCache cache, OrtSettings settings, boolean fp16,
                                                CheckpointConverter.Progress progress) throws java.io.IOException {
        Path folder = cache.folder(checkpoint, fp16, progress);
        return new CheckpointDiffusionModel(checkpoint.getFileName().toString(), folder, settings,
                OnnxDiffusionModel.open(folder, settings), false);
    }

    /**
     * A second, independent model over the same folder with tiling on from the start (for callers that
     * keep a tiling twin beside the plain model rather than switching with {@link #setTiling}); the
     * caller closes it.
     */
    public CheckpointDiffusionModel tiledTwin() {
        return new CheckpointDiffusionModel(name, folder, settings,
                OnnxDiffusionModel.open(folder.resolve(CheckpointConverter.TILED), settings), true);
    }

    public Path folder() { return folder; }

    @Override public String name() { return name; }

    @Override public synchronized int unetInChannels() { return current.unetInChannels(); }

    @Override public synchronized int hiddenSize() { return current.hiddenSize(); }

    @Override public Path tokenizerDir() { return folder.resolve("tokenizer"); }

    @Override public Path schedulerConfig() { return folder.resolve("scheduler/scheduler_config.json"); }

    @Override public synchronized Tensor encodeText(int[] ids, int batch, int clipSkip) {
        return current.encodeText(ids, batch, clipSkip);
    }

    @Override public boolean acceptsExtraEmbeddings() { return true; }

    @Override
    public Tensor encodeText(int[] ids, int batch, int clipSkip, Tensor extra) {
        if (extra == null || extra.dim(0) == 0) return encodeText(ids, batch, clipSkip);
        int hidden = hiddenSize();
        if (extra.rank() != 2 || extra.dim(1) != hidden) {
            throw new IllegalArgumentException("extra embeddings must be [rows, " + hidden + "], got " + Arrays.toString(extra.shape()));
        }
        for (int id : ids) {
            if (id >= EXTRA_TOKEN_BASE + extra.dim(0)) {
                throw new IllegalArgumentException("token id " + id + " selects extra row " + (id - EXTRA_TOKEN_BASE)
                        + " but only " + extra.dim(0) + " rows were given");
            }
        }
        String output = clipSkip <= 1 ? TextEncoderGraph.LAST_HIDDEN_STATE : TextEncoderGraph.clipSkipOutput(clipSkip);
        OnnxSession s = embeddingsSession();
        if (!s.outputs().containsKey(output)) {
            throw new UnsupportedOperationException(name + "'s text encoder has no output for clip skip " + clipSkip);
        }
        float[] f = new float[ids.length];
        for (int i = 0; i < ids.length; i++) f[i] = ids[i];
        Tensor in = new Tensor(new long[] {batch, ids.length / batch}, f);
        return s.run(Map.of(TextEncoderGraph.INPUT_IDS, in, TextEncoderGraph.EXTRA_EMBEDDINGS, extra), Set.of(output)).get(output);
    }

    private synchronized OnnxSession embeddingsSession() {
        if (embeddingsText == null) embeddingsText = OnnxSession.open(folder.resolve(CheckpointConverter.EMBEDDINGS_GRAPH), settings);
        return embeddingsText;
    }

    @Override public synchronized Tensor unet(Tensor sample, float[] timesteps, Tensor ehs) {
        return current.unet(sample, timesteps, ehs);
    }

    @Override public synchronized Tensor decode(Tensor latents) { return current.decode(latents); }

    @Override public synchronized Tensor encodeMoments(Tensor images) { return current.encodeMoments(images); }

    @Override public boolean supportsTiling() { return true; }

    public synchronized boolean tiling() { return tiled; }

    @Override
    public synchronized void setTiling(boolean on) {
        if (on == tiled) return;
        current.close();
        try {
            current = OnnxDiffusionModel.open(on ? folder.resolve(CheckpointConverter.TILED) : folder, settings);
            tiled = on;
        } catch (RuntimeException e) {
            current = OnnxDiffusionModel.open(tiled ? folder.resolve(CheckpointConverter.TILED) : folder, settings);
            throw e;
        }
    }

    // Not synchronized: interrupting must reach a call in flight, which holds the lock.
    @Override public void interrupt() {
        OnnxDiffusionModel c = current;
        c.interrupt();
        OnnxSession e = embeddingsText;
        if (e != null) e.interrupt();
    }

    @Override public synchronized void clearInterrupt() {
        current.clearInterrupt();
        if (embeddingsText != null) embeddingsText.clearInterrupt();
    }

    @Override
    public synchronized void close() {
        current.close();
        if (embeddingsText != null) embeddingsText.close();
    }

    @Override public String toString() { return "CheckpointDiffusionModel[" + name + (tiled ? ", tiled" : "") + "]"; }
}

package dev.easel.text;

import dev.easel.model.DiffusionModel;
import dev.easel.onnx.Tensor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A text encoder stand-in whose hidden state is a fixed function of (token id, position, channel),
 * so tests can compute the expected conditioning by hand. Only the text calls work.
 */
final class FakeTextModel implements DiffusionModel {

    static final int HIDDEN = 4;

    final List<Integer> batches = new ArrayList<>();
    private final boolean acceptsExtra;

    FakeTextModel(boolean acceptsExtra) { this.acceptsExtra = acceptsExtra; }

    /** The hidden value the fake gives token {@code id} at {@code position}, channel {@code h}. */
    static float value(int id, int position, int h) {
        return (float) (0.75 + Math.sin(id * 0.001 + position * 0.37 + h * 1.3));
    }

    @Override
    public Tensor encodeText(int[] ids, int batch, int clipSkip) {
        return encodeText(ids, batch, clipSkip, null);
    }

    @Override
    public boolean acceptsExtraEmbeddings() { return acceptsExtra; }

    @Override
    public Tensor encodeText(int[] ids, int batch, int clipSkip, Tensor extra) {
        if (extra != null && !acceptsExtra) return DiffusionModel.super.encodeText(ids, batch, clipSkip, extra);
        if (ids.length != batch * 77) throw new AssertionError("ids must be [batch, 77]");
        batches.add(batch);
        float[] out = new float[ids.length * HIDDEN];
        for (int i = 0; i < ids.length; i++) {
            int t = i % 77;
            for (int h = 0; h < HIDDEN; h++) {
                out[i * HIDDEN + h] = ids[i] >= EXTRA_TOKEN_BASE
                        ? extra.data()[(ids[i] - EXTRA_TOKEN_BASE) * HIDDEN + h] + 0.01f * t
                        : value(ids[i], t, h) + (clipSkip - 1);
            }
        }
        return new Tensor(new long[] {batch, 77, HIDDEN}, out);
    }

    @Override public String name() { return "fake-text"; }
    @Override public int unetInChannels() { return 4; }
    @Override public int hiddenSize() { return HIDDEN; }
    @Override public Path tokenizerDir() { return null; }
    @Override public Path schedulerConfig() { return null; }
    @Override public Tensor unet(Tensor sample, float[] timesteps, Tensor ehs) { throw new UnsupportedOperationException(); }
    @Override public Tensor decode(Tensor latents) { throw new UnsupportedOperationException(); }
    @Override public Tensor encodeMoments(Tensor images) { throw new UnsupportedOperationException(); }
    @Override public void interrupt() { }
    @Override public void clearInterrupt() { }
    @Override public void close() { }
}

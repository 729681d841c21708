package dev.easel.bridge.support;

import dev.easel.model.DiffusionModel;
import dev.easel.onnx.Tensor;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real model whose UNet calls take at least {@code unetMillis}: the tiny models answer in
 * microseconds, and tests of progress, interrupt and disconnects need a job that is still running
 * when they look. Every call still goes to the real ONNX session.
 */
public final class SlowModel implements DiffusionModel {
    public static volatile long unetMillis = 0;
    /** Latent width of every UNet call, in call order: tests tag requests by size to see the run order. */
    public static final List<Long> unetWidths = new CopyOnWriteArrayList<>();
    private final DiffusionModel inner;

    public SlowModel(DiffusionModel inner) {
        this.inner = inner;
    }

    @Override public String name() { return inner.name(); }
    @Override public int unetInChannels() { return inner.unetInChannels(); }
    @Override public int hiddenSize() { return inner.hiddenSize(); }
    @Override public Path tokenizerDir() { return inner.tokenizerDir(); }
    @Override public Path schedulerConfig() { return inner.schedulerConfig(); }
    @Override public Tensor encodeText(int[] ids, int batch, int clipSkip) { return inner.encodeText(ids, batch, clipSkip); }
    @Override public boolean acceptsExtraEmbeddings() { return inner.acceptsExtraEmbeddings(); }
    @Override public Tensor encodeText(int[] ids, int batch, int clipSkip, Tensor extra) { return inner.encodeText(ids, batch, clipSkip, extra); }
    @Override public boolean supportsTiling() { return inner.supportsTiling(); }
    @Override public void setTiling(boolean on) { inner.setTiling(on); }

    @Override
    public Tensor unet(Tensor sample, float[] timesteps, Tensor encoderHiddenStates) {
        unetWidths.add(sample.dim(3));
        long ms = unetMillis;
        if (ms > 0) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return inner.unet(sample, timesteps, encoderHiddenStates);
    }

    @Override public Tensor decode(Tensor latents) { return inner.decode(latents); }
    @Override public Tensor encodeMoments(Tensor images) { return inner.encodeMoments(images); }
    @Override public void interrupt() { inner.interrupt(); }
    @Override public void clearInterrupt() { inner.clearInterrupt(); }
    @Override public void close() { inner.close(); }
}

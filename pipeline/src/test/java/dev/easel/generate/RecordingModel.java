package dev.easel.generate;

import dev.easel.model.DiffusionModel;
import dev.easel.onnx.Tensor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/** Wraps a model, recording the UNet's input channel counts and calling a hook before each UNet call. */
final class RecordingModel implements DiffusionModel {
    final DiffusionModel inner;
    final List<Integer> unetChannels = Collections.synchronizedList(new ArrayList<>());
    volatile Consumer<Integer> beforeUnet = i -> { };

    RecordingModel(DiffusionModel inner) {
        this.inner = inner;
    }

    @Override public String name() { return inner.name(); }
    @Override public int unetInChannels() { return inner.unetInChannels(); }
    @Override public int hiddenSize() { return inner.hiddenSize(); }
    @Override public Path tokenizerDir() { return inner.tokenizerDir(); }
    @Override public Path schedulerConfig() { return inner.schedulerConfig(); }
    @Override public Tensor encodeText(int[] ids, int batch, int clipSkip) { return inner.encodeText(ids, batch, clipSkip); }

    @Override
    public Tensor unet(Tensor sample, float[] timesteps, Tensor ehs) {
        beforeUnet.accept(unetChannels.size());
        unetChannels.add((int) sample.dim(1));
        return inner.unet(sample, timesteps, ehs);
    }

    @Override public Tensor decode(Tensor latents) { return inner.decode(latents); }
    @Override public Tensor encodeMoments(Tensor images) { return inner.encodeMoments(images); }
    @Override public void interrupt() { inner.interrupt(); }
    @Override public void clearInterrupt() { inner.clearInterrupt(); }
    @Override public void close() { }
}

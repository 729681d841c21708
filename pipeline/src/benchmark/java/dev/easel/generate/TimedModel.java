package dev.easel.generate;

import dev.easel.model.DiffusionModel;
import dev.easel.onnx.Tensor;

import java.nio.file.Path;
import java.util.function.Supplier;

/** Wraps a model and adds up the wall time spent inside its calls, so a run's own overhead is total minus this. */
final class TimedModel implements DiffusionModel {
    private final DiffusionModel inner;
    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();
    long modelNanos;
    long modelCpuNanos;
    int calls;

    /** CPU time of the calling thread; unlike wall time it does not count waiting for a busy machine's cores. */
    static long cpuNow() {
        return THREADS.getCurrentThreadCpuTime();
    }

    TimedModel(DiffusionModel inner) {
        this.inner = inner;
    }

    private <T> T timed(Supplier<T> call) {
        long t0 = System.nanoTime();
        long c0 = cpuNow();
        try {
            return call.get();
        } finally {
            modelNanos += System.nanoTime() - t0;
            modelCpuNanos += cpuNow() - c0;
            calls++;
        }
    }

    void reset() {
        modelNanos = 0;
        modelCpuNanos = 0;
        calls = 0;
    }

    @Override public String name() { return inner.name(); }
    @Override public int unetInChannels() { return inner.unetInChannels(); }
    @Override public int hiddenSize() { return inner.hiddenSize(); }
    @Override public Path tokenizerDir() { return inner.tokenizerDir(); }
    @Override public Path schedulerConfig() { return inner.schedulerConfig(); }
    @Override public Tensor encodeText(int[] ids, int batch, int clipSkip) { return timed(() -> inner.encodeText(ids, batch, clipSkip)); }
    @Override public Tensor unet(Tensor s, float[] t, Tensor e) { return timed(() -> inner.unet(s, t, e)); }
    @Override public Tensor decode(Tensor latents) { return timed(() -> inner.decode(latents)); }
    @Override public Tensor encodeMoments(Tensor images) { return timed(() -> inner.encodeMoments(images)); }
    @Override public void interrupt() { inner.interrupt(); }
    @Override public void clearInterrupt() { inner.clearInterrupt(); }
    @Override public void close() { inner.close(); }
}

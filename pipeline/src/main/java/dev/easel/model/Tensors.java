package dev.easel.model;

import dev.easel.onnx.Tensor;

import java.util.List;

/** Batch slicing and joining for {@link Tensor}s (row-major, batch first). */
final class Tensors {

    private Tensors() { }

    /** Entry {@code i} of the batch, as a batch of one. */
    static Tensor entry(Tensor t, int i) {
        int stride = t.batchStride();
        float[] d = new float[stride];
        System.arraycopy(t.data(), i * stride, d, 0, stride);
        long[] shape = t.shape().clone();
        shape[0] = 1;
        return new Tensor(shape, d);
    }

    static Tensor concatBatch(List<Tensor> parts) {
        int stride = parts.get(0).batchStride();
        long batch = 0;
        for (Tensor p : parts) batch += p.dim(0);
        float[] d = new float[Math.toIntExact(batch * stride)];
        int at = 0;
        for (Tensor p : parts) {
            System.arraycopy(p.data(), 0, d, at, p.data().length);
            at += p.data().length;
        }
        long[] shape = parts.get(0).shape().clone();
        shape[0] = batch;
        return new Tensor(shape, d);
    }

    /** {@code [b, c, h, w]} means to {@code [b, 2c, h, w]}: the means, then {@code logvar} everywhere. */
    static Tensor withLogVariance(Tensor mean, float logvar) {
        int b = (int) mean.dim(0);
        int per = mean.batchStride();
        float[] d = new float[2 * mean.data().length];
        for (int i = 0; i < b; i++) {
            System.arraycopy(mean.data(), i * per, d, 2 * i * per, per);
            java.util.Arrays.fill(d, 2 * i * per + per, 2 * (i + 1) * per, logvar);
        }
        long[] shape = mean.shape().clone();
        shape[1] *= 2;
        return new Tensor(shape, d);
    }
}

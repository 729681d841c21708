package dev.easel.onnx;

import java.util.Arrays;

/**
 * A dense fp32 tensor on the host, row-major: the currency between the pipeline's math and the
 * model calls. The array is not copied; callers that keep a tensor must not mutate it afterwards.
 */
public record Tensor(long[] shape, float[] data) {

    public Tensor {
        long n = 1;
        for (long d : shape) {
            if (d < 0) throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
            n = Math.multiplyExact(n, d);
        }
        if (n != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + n + " values, got " + data.length);
        }
    }

    public static Tensor zeros(long... shape) {
        long n = 1;
        for (long d : shape) n = Math.multiplyExact(n, d);
        return new Tensor(shape.clone(), new float[Math.toIntExact(n)]);
    }

    public int rank() { return shape.length; }

    public long dim(int i) { return shape[i]; }

    /** Number of values per entry of the first (batch) dimension. */
    public int batchStride() { return shape.length == 0 ? 1 : data.length / (int) shape[0]; }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && Arrays.equals(shape, t.shape) && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() { return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data); }

    @Override
    public String toString() { return "Tensor" + Arrays.toString(shape); }
}

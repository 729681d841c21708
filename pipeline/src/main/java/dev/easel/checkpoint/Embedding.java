package dev.easel.checkpoint;

import dev.easel.onnx.Tensor;

import java.nio.file.Path;

/**
 * A textual-inversion embedding: {@code vectors} rows of {@code dim} values that stand in for the
 * tokens of its name in a prompt.
 *
 * @param name the file name without extension (how A1111 names an embedding)
 * @param data row-major {@code [vectors, dim]}
 */
public record Embedding(String name, int vectors, int dim, float[] data, Path file) {

    public Embedding {
        if (vectors <= 0 || dim <= 0 || data.length != vectors * dim) {
            throw new IllegalArgumentException(name + ": " + data.length + " values do not make " + vectors + " x " + dim);
        }
    }

    public float[] row(int i) {
        float[] r = new float[dim];
        System.arraycopy(data, i * dim, r, 0, dim);
        return r;
    }

    public Tensor asTensor() { return new Tensor(new long[] {vectors, dim}, data); }
}

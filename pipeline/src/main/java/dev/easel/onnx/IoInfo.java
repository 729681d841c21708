package dev.easel.onnx;

import java.util.Arrays;

/**
 * One input or output as the model declares it.
 *
 * @param shape declared dimensions; -1 where the dimension is free (symbolic or unknown)
 */
public record IoInfo(String name, ElementType type, long[] shape) {

    public int rank() { return shape.length; }

    /** The declared size of dimension {@code i}, or -1 when free. */
    public long dim(int i) { return shape[i]; }

    @Override
    public String toString() { return name + ": " + type.onnxName() + " " + Arrays.toString(shape); }

    @Override
    public boolean equals(Object o) {
        return o instanceof IoInfo i && name.equals(i.name) && type == i.type && Arrays.equals(shape, i.shape);
    }

    @Override
    public int hashCode() { return name.hashCode() * 31 + Arrays.hashCode(shape); }
}

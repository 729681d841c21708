package dev.easel.checkpoint;

import java.util.Arrays;

/**
 * One tensor's header entry: its element type, shape and byte range {@code [begin, end)} relative to
 * the start of the data area (after the 8-byte length and the JSON header).
 */
public record TensorInfo(String name, DType dtype, long[] shape, long begin, long end) {

    public long elementCount() {
        long n = 1;
        for (long d : shape) n = Math.multiplyExact(n, d);
        return n;
    }

    public long byteSize() { return end - begin; }

    public int rank() { return shape.length; }

    public long dim(int i) { return shape[i]; }

    public boolean hasShape(long... dims) { return Arrays.equals(shape, dims); }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorInfo t && name.equals(t.name) && dtype == t.dtype
                && Arrays.equals(shape, t.shape) && begin == t.begin && end == t.end;
    }

    @Override
    public int hashCode() { return name.hashCode() * 31 + Arrays.hashCode(shape); }

    @Override
    public String toString() { return name + " " + dtype + Arrays.toString(shape); }
}

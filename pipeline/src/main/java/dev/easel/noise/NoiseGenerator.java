package dev.easel.noise;

/**
 * A seeded stream of standard-normal float32 values. Each {@link #randn} call is one
 * {@code torch.randn(shape)} call of {@code n = prod(shape)} values: the split into calls matters
 * (the CPU source changes algorithm below 16 values, the NV source advances its counter per call),
 * so draw a whole per-image tensor in one call.
 */
public interface NoiseGenerator {

    /** Fills {@code out[offset .. offset+n)} with the next {@code n}-value draw. */
    void randn(float[] out, int offset, int n);

    /** One draw of {@code n} values into a new array. */
    default float[] randn(int n) {
        float[] out = new float[n];
        randn(out, 0, n);
        return out;
    }
}

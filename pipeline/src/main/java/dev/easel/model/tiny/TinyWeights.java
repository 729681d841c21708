package dev.easel.model.tiny;

import java.util.Random;

/** Seeded random weights, so every tiny model is the same bytes on every machine. */
final class TinyWeights {

    private final Random random;

    TinyWeights(long seed) {
        this.random = new Random(seed);
    }

    /** Gaussian values with the given standard deviation. */
    float[] normal(int n, double std) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) (random.nextGaussian() * std);
        return v;
    }

    /** He-like scale for a layer with {@code fanIn} inputs, so activations stay O(1). */
    float[] layer(int n, int fanIn) {
        return normal(n, 1.0 / Math.sqrt(fanIn));
    }

    static float[] filled(int n, float value) {
        float[] v = new float[n];
        java.util.Arrays.fill(v, value);
        return v;
    }
}

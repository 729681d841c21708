package dev.easel.checkpoint;

import dev.easel.onnx.Tensor;

import java.io.IOException;
import java.io.UncheckedIOException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reference tensors and tensor comparisons for the checkpoint tests. */
final class Graphs {

    private Graphs() {}

    static Tensor reference(String name) {
        try (SafetensorsFile f = SafetensorsFile.open(Fixtures.reference())) {
            TensorInfo info = f.info(name);
            float[] v;
            if (info.dtype().isFloatingPoint()) {
                v = f.floats(name);
            } else {
                long[] l = f.longs(name);
                v = new float[l.length];
                for (int i = 0; i < l.length; i++) v[i] = l[i];
            }
            return new Tensor(info.shape(), v);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static double relativeError(Tensor expected, Tensor actual) {
        assertArrayEquals(expected.shape(), actual.shape(), "shape");
        double maxDiff = 0, maxRef = 0;
        for (int i = 0; i < expected.data().length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(expected.data()[i] - actual.data()[i]));
            maxRef = Math.max(maxRef, Math.abs(expected.data()[i]));
        }
        return maxDiff / maxRef;
    }

    static void assertClose(Tensor expected, Tensor actual, double tolerance) {
        double err = relativeError(expected, actual);
        assertTrue(err <= tolerance, "relative error " + err + " > " + tolerance);
    }

    /** Rolls an NCHW tensor by {@code shift} along both spatial axes (wrapping). */
    static Tensor roll(Tensor t, int shift) {
        int n = (int) t.dim(0), c = (int) t.dim(1), h = (int) t.dim(2), w = (int) t.dim(3);
        float[] out = new float[t.data().length];
        for (int p = 0; p < n * c; p++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    out[p * h * w + ((y + shift) % h) * w + (x + shift) % w] = t.data()[p * h * w + y * w + x];
                }
            }
        }
        return new Tensor(t.shape().clone(), out);
    }
}

package dev.easel.checkpoint.graph;

import dev.easel.checkpoint.SafetensorsFile;
import dev.easel.onnx.Tensor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tiny checkpoint fixtures, their reference tensors, and the relative-error check. */
final class Reference {

    /** Components must match the reference within this (max abs diff / max abs reference), per the task. */
    static final double FP32_TOLERANCE = 1e-4;
    static final double FP16_TOLERANCE = 2e-2;

    private Reference() {}

    static Path tinyFp32() { return resource("tiny-sd15.safetensors"); }

    static Path tinyFp16() { return resource("tiny-sd15-fp16.safetensors"); }

    static Tensor tensor(String name) {
        try (SafetensorsFile f = SafetensorsFile.open(resource("tiny-sd15-reference.safetensors"))) {
            var info = f.info(name);
            float[] v = info.dtype().isFloatingPoint() ? f.floats(name) : toFloats(f.longs(name));
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

    static void assertClose(Tensor expected, Tensor actual, double tolerance, String what) {
        double err = relativeError(expected, actual);
        System.out.printf("%s: relative error %.3g (tolerance %.3g)%n", what, err, tolerance);
        assertTrue(err <= tolerance, what + ": relative error " + err + " > " + tolerance);
    }

    private static float[] toFloats(long[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) f[i] = v[i];
        return f;
    }

    static Path resource(String name) {
        try {
            var url = Reference.class.getResource("/checkpoint/" + name);
            if (url == null) throw new IllegalStateException("missing test resource checkpoint/" + name);
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}

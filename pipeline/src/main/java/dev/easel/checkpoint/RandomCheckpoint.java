package dev.easel.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Writes a random-weight checkpoint with the exact keys and shapes of an {@link Sd1Architecture}, one
 * tensor at a time (a full-size SD 1.5 file never sits in memory). Weights are uniform with variance
 * 1/fan-in so activations stay finite through the whole network; norms start near 1. The same seed
 * gives the same file.
 */
public final class RandomCheckpoint {

    /** ldm's schedule for SD 1.x ({@code v1-inference.yaml}): linear_start, linear_end, 1000 steps. */
    static final double LINEAR_START = 0.00085, LINEAR_END = 0.012;
    static final int TIMESTEPS = 1000;
    private static final int CHUNK = 1 << 20;

    private RandomCheckpoint() {}

    public static void write(Path target, Sd1Architecture arch, DType dtype, long seed,
                             SafetensorsWriter.Progress progress) throws IOException {
        if (dtype != DType.F32 && dtype != DType.F16) throw new IllegalArgumentException("F32 or F16, not " + dtype);
        List<Sd1Keys.Key> keys = new ArrayList<>(Sd1Keys.of(arch));
        keys.sort(Comparator.comparing(Sd1Keys.Key::name));
        List<SafetensorsWriter.Entry> entries = new ArrayList<>();
        for (Sd1Keys.Key k : keys) {
            if (k.kind() == Sd1Keys.Kind.POSITION_IDS) {
                entries.add(new SafetensorsWriter.Entry(k.name(), DType.I64, k.shape(), () -> positionIds((int) k.count())));
            } else {
                long keySeed = seed * 0x9E3779B97F4A7C15L + k.name().hashCode();
                entries.add(new SafetensorsWriter.Entry(k.name(), dtype, k.shape(), () -> values(k, dtype, keySeed)));
            }
        }
        SafetensorsWriter.write(target, entries, Map.of("format", "pt"), progress);
    }

    private static ByteBuffer positionIds(int n) {
        ByteBuffer b = ByteBuffer.allocate(n * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) b.putLong(i);
        return b.flip();
    }

    private static ByteBuffer values(Sd1Keys.Key k, DType dtype, long seed) {
        int n = Math.toIntExact(k.count());
        ByteBuffer b = ByteBuffer.allocate(n * dtype.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        switch (k.kind()) {
            case BETAS, ALPHAS_CUMPROD -> {
                float[] v = schedule(k.kind() == Sd1Keys.Kind.BETAS);
                Dtypes.putFloats(v, 0, v.length, dtype, b);
                return b.flip();
            }
            default -> { }
        }
        long fanIn = 1;
        for (int i = 1; i < k.shape().length; i++) fanIn *= k.shape()[i];
        double center = k.kind() == Sd1Keys.Kind.NORM_WEIGHT ? 1 : 0;
        double range = switch (k.kind()) {
            case WEIGHT -> Math.sqrt(3.0 / fanIn);
            case NORM_WEIGHT -> 0.1;
            case BIAS -> 0.02;
            default -> 0.035; // embeddings: about CLIP's 0.02 standard deviation
        };
        int chunks = (n + CHUNK - 1) / CHUNK;
        IntStream.range(0, chunks).parallel().forEach(c -> {
            SplittableRandom r = new SplittableRandom(seed + c * 0x632BE59BD9B4E019L);
            int from = c * CHUNK, to = Math.min(n, from + CHUNK);
            float[] v = new float[to - from];
            for (int i = 0; i < v.length; i++) v[i] = (float) (center + range * (2 * r.nextDouble() - 1));
            ByteBuffer slice = b.duplicate().order(ByteOrder.LITTLE_ENDIAN).position(from * dtype.bytes());
            Dtypes.putFloats(v, 0, v.length, dtype, slice);
        });
        return b.position(0).limit(n * dtype.bytes());
    }

    /** ldm's {@code make_beta_schedule("linear")} in float64, stored as float32 (A1111-SEMANTICS 4.1). */
    static float[] schedule(boolean betas) {
        float[] out = new float[TIMESTEPS];
        double a0 = Math.sqrt(LINEAR_START), a1 = Math.sqrt(LINEAR_END), cum = 1;
        for (int i = 0; i < TIMESTEPS; i++) {
            double s = a0 + (a1 - a0) * i / (TIMESTEPS - 1);
            double beta = s * s;
            cum *= 1 - beta;
            out[i] = (float) (betas ? beta : cum);
        }
        return out;
    }
}

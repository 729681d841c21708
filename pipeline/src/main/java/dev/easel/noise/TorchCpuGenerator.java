package dev.easel.noise;

/**
 * torch's CPU {@code randn} on a generator seeded with {@code manual_seed(seed)}: MT19937, then for
 * float32 draws of 16 or more values the 16-wide Box-Muller blocks of {@code normal_fill}, and below
 * 16 values the scalar {@code normal_distribution<double>} path with its cached second value.
 */
public final class TorchCpuGenerator implements NoiseGenerator {
    /** {@code normal_fill} is used from this many values on (torch {@code normal_kernel}). */
    static final int BLOCK = 16;
    private static final int HALF_BLOCK = BLOCK / 2;
    /** 24 mantissa bits kept by {@code uniform_real_distribution<float>}. */
    private static final int FLOAT_MASK = (1 << 24) - 1;
    private static final float FLOAT_SCALE = 1.0f / (1 << 24);
    /** 53 bits kept by {@code uniform_real_distribution<double>}. */
    private static final long DOUBLE_MASK = (1L << 53) - 1;
    private static final double DOUBLE_SCALE = 1.0 / (1L << 53);
    /** {@code 2.0f * pi<double>} rounded to float, as the vectorised block computes theta in float. */
    private static final float TWO_PI_F = (float) (2.0 * Math.PI);

    private final Mt19937 engine;
    private boolean hasCachedNormal;
    private double cachedNormal;

    public TorchCpuGenerator(long seed) {
        this.engine = new Mt19937(seed);
    }

    @Override
    public void randn(float[] out, int offset, int n) {
        if (n >= BLOCK) {
            normalFill(out, offset, n);
        } else {
            for (int i = 0; i < n; i++) out[offset + i] = (float) scalarNormal();
        }
    }

    private float uniformFloat() {
        return (engine.nextInt() & FLOAT_MASK) * FLOAT_SCALE;
    }

    private double uniformDouble() {
        long hi = engine.nextInt() & 0xFFFFFFFFL;
        long lo = engine.nextInt() & 0xFFFFFFFFL;
        return (((hi << 32) | lo) & DOUBLE_MASK) * DOUBLE_SCALE;
    }

    private void normalFill(float[] d, int offset, int n) {
        for (int i = 0; i < n; i++) d[offset + i] = uniformFloat();
        int blocks = n / BLOCK;
        if (n < Parallel.MIN_PARALLEL) {
            for (int b = 0; b < blocks; b++) boxMuller16(d, offset + b * BLOCK);
        } else {
            // The uniforms are sequential (one MT stream); each 16-block transforms independently.
            Parallel.chunks(blocks, Parallel.CHUNK / BLOCK, (from, to) -> {
                for (int b = from; b < to; b++) boxMuller16(d, offset + b * BLOCK);
            });
        }
        if (n % BLOCK != 0) {
            // torch redraws the last 16 slots from fresh uniforms and transforms them again.
            int tail = offset + n - BLOCK;
            for (int i = 0; i < BLOCK; i++) d[tail + i] = uniformFloat();
            boxMuller16(d, tail);
        }
    }

    /** Float arithmetic rounded at the points where torch's float code rounds. */
    private static void boxMuller16(float[] d, int at) {
        for (int j = 0; j < HALF_BLOCK; j++) {
            float u1 = 1.0f - d[at + j];
            float u2 = d[at + j + HALF_BLOCK];
            float radius = (float) Math.sqrt(-2.0f * (float) Math.log(u1));
            float theta = TWO_PI_F * u2;
            d[at + j] = radius * (float) Math.cos(theta);
            d[at + j + HALF_BLOCK] = radius * (float) Math.sin(theta);
        }
    }

    private double scalarNormal() {
        if (hasCachedNormal) {
            hasCachedNormal = false;
            return cachedNormal;
        }
        double u1 = uniformDouble();
        double u2 = uniformDouble();
        double r = Math.sqrt(-2.0 * Math.log1p(-u2));
        double theta = 2.0 * Math.PI * u1;
        cachedNormal = r * Math.sin(theta);
        hasCachedNormal = true;
        return r * Math.cos(theta);
    }
}

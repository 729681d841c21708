package dev.easel.sampling;

import dev.easel.noise.NoiseGenerator;
import dev.easel.noise.NoiseSource;
import dev.easel.onnx.Tensor;
import org.junit.jupiter.api.Test;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Pins the exact bits of large noise draws and Brownian increments. The vector tests compare with a
 * tolerance; these digests (taken from the straightforward scalar implementation) make sure that
 * faster draw loops, parallel splits and tree caching change no bit of any value.
 */
class NoiseBitsTest {
    /** Sizes around the CPU source's 16-value blocks and the parallel split thresholds. */
    private static final int[] SIZES = {1, 15, 16, 17, 33, 4095, 8193, 16384, 32771};
    private static final long[] SEEDS = {0, 42, 0xFFFFFFFFL, (1L << 63) + 7};

    private static String digest(NoiseSource source) {
        MessageDigest md = sha256();
        for (long seed : SEEDS) {
            NoiseGenerator g = source.generator(seed);
            for (int n : SIZES) update(md, g.randn(n)); // consecutive calls on one generator
        }
        return HexFormat.of().formatHex(md.digest());
    }

    @Test
    void nvDrawsKeepTheirBits() {
        assertEquals("96cecc9ecf1086876a29e66a0750e8cb3f42c3c9fa5a7aeb55668212dcad3d80", digest(NoiseSource.NV));
    }

    @Test
    void cpuDrawsKeepTheirBits() {
        assertEquals("f20e7ddc2d440e0cc5a0867c4a9e93c770641679992afa72df736ff0d3670645", digest(NoiseSource.CPU));
    }

    @Test
    void brownianIncrementsKeepTheirBits() {
        assertEquals("8b4fdae25edae9b571aa58ccd0cbefee29f6287a6064d6e05068c43710825c7b", brownianDigest(NoiseSource.NV));
        assertEquals("24836ab3c0df26b05534f503a9560dd02eb02dcd5ac85aaf87607c1078d34915", brownianDigest(NoiseSource.CPU));
    }

    private static String brownianDigest(NoiseSource source) {
        double[] sigmas = Sigmas.karras(12, 0.0291675, 14.614643, 7.0);
        MessageDigest md = sha256();
        BrownianTreeNoise noise = new BrownianTreeNoise(new long[] {2, 4, 8, 8}, sigmas[sigmas.length - 2], sigmas[0],
                new long[] {1234, 99}, source);
        for (int i = 0; i + 2 < sigmas.length; i++) {
            update(md, noise.noise(sigmas[i], sigmas[i + 1]));
            // DPM++ SDE's extra query at the log-midpoint of the step
            double mid = Math.exp(0.5 * (Math.log(sigmas[i]) + Math.log(sigmas[i + 1])));
            update(md, noise.noise(sigmas[i], mid));
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static void update(MessageDigest md, Tensor t) {
        update(md, t.data());
    }

    private static void update(MessageDigest md, float[] values) {
        byte[] b = new byte[values.length * 4];
        for (int i = 0; i < values.length; i++) {
            int bits = Float.floatToRawIntBits(values[i]);
            b[4 * i] = (byte) bits;
            b[4 * i + 1] = (byte) (bits >>> 8);
            b[4 * i + 2] = (byte) (bits >>> 16);
            b[4 * i + 3] = (byte) (bits >>> 24);
        }
        md.update(b);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}

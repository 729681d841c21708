package dev.easel.noise;

import dev.easel.onnx.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Per-image seeds, variation, seed resize and ENSD (A1111-SEMANTICS 3.1, 3.3, 3.6). */
class ImageRngTest {
    private static final int C = 4, H = 8, W = 6;
    private static final int PER = C * H * W;

    private static float[] image(Tensor t, int i) {
        return Arrays.copyOfRange(t.data(), i * PER, (i + 1) * PER);
    }

    @Test
    void batchOfFourEqualsFourSingleRunsForEveryDraw() {
        for (NoiseSource source : NoiseSource.values()) {
            long[] seeds = Seeds.imageSeeds(1234, 0, 4);
            ImageRng batch = new ImageRng(C, H, W, seeds, null, NoiseSettings.of(source).withEtaNoiseSeedDelta(31337));
            Tensor[] draws = {batch.first(), batch.next(), batch.next()};
            assertArrayEquals(new long[] {4, C, H, W}, draws[0].shape());
            for (int i = 0; i < 4; i++) {
                ImageRng single = new ImageRng(C, H, W, new long[] {1234 + i}, null, NoiseSettings.of(source).withEtaNoiseSeedDelta(31337));
                assertArrayEquals(image(draws[0], i), single.next().data(), source + " first, image " + i);
                assertArrayEquals(image(draws[1], i), single.next().data(), source + " second, image " + i);
                assertArrayEquals(image(draws[2], i), single.next().data(), source + " third, image " + i);
            }
        }
    }

    @Test
    void firstDrawIsTheSeedsFirstRandnAndLaterDrawsContinueTheStream() {
        ImageRng rng = new ImageRng(C, H, W, new long[] {5}, null, NoiseSettings.DEFAULT);
        NoiseGenerator g = NoiseSource.NV.generator(5);
        assertArrayEquals(g.randn(PER), rng.first().data());
        assertArrayEquals(g.randn(PER), rng.next().data());
        assertArrayEquals(g.randn(PER), rng.next().data());
    }

    @Test
    void backgroundPrefetchDoesNotChangeTheSequence() {
        for (NoiseSource source : NoiseSource.values()) {
            ImageRng on = new ImageRng(4, 64, 64, new long[] {3, 4}, null, NoiseSettings.of(source));
            ImageRng off = new ImageRng(4, 64, 64, new long[] {3, 4}, null, NoiseSettings.of(source)).prefetch(false);
            for (int d = 0; d < 5; d++) assertArrayEquals(off.next().data(), on.next().data(), source + " draw " + d);
        }
    }

    @Test
    void ensdReseedsOnlyTheDrawsAfterTheFirst() {
        ImageRng rng = new ImageRng(C, H, W, new long[] {5}, null, NoiseSettings.of(NoiseSource.CPU).withEtaNoiseSeedDelta(31337));
        assertArrayEquals(NoiseSource.CPU.generator(5).randn(PER), rng.next().data());
        NoiseGenerator later = NoiseSource.CPU.generator(5 + 31337);
        assertArrayEquals(later.randn(PER), rng.next().data());
        assertArrayEquals(later.randn(PER), rng.next().data());
    }

    @Test
    void variationStrengthZeroIsPlainNoiseAndOneIsTheSubseedsNoise() {
        long[] seeds = {10};
        long[] subseeds = {77};
        float[] plain = NoiseSource.NV.generator(10).randn(PER);
        float[] sub = NoiseSource.NV.generator(77).randn(PER);
        assertArrayEquals(plain, new ImageRng(C, H, W, seeds, subseeds, NoiseSettings.DEFAULT).first().data());
        float[] full = new ImageRng(C, H, W, seeds, subseeds, NoiseSettings.DEFAULT.withVariation(1.0)).first().data();
        for (int i = 0; i < PER; i++) assertEquals(sub[i], full[i], 1e-5);
        float[] half = new ImageRng(C, H, W, seeds, subseeds, NoiseSettings.DEFAULT.withVariation(0.5)).first().data();
        float[] expected = Slerp.slerp(0.5, plain, sub, C, H, W);
        assertArrayEquals(expected, half);
        assertFalse(Arrays.equals(plain, half));
        // Later draws still come from the main seed's generator (its second draw).
        ImageRng rng = new ImageRng(C, H, W, seeds, subseeds, NoiseSettings.DEFAULT.withVariation(0.5));
        rng.first();
        NoiseGenerator g = NoiseSource.NV.generator(10);
        g.randn(PER);
        assertArrayEquals(g.randn(PER), rng.next().data());
    }

    @Test
    void slerpReferenceVectors() {
        float[] low = {1, 0, 0, 1};
        float[] high = {0, 1, 1, 0};
        assertArrayEquals(new float[] {0.70710678f, 0.70710678f, 0.70710678f, 0.70710678f}, Slerp.slerp(0.5, low, high, 1, 2, 2), 1e-6f);
        assertArrayEquals(new float[] {0.92388f, 0.382683f, 0.382683f, 0.92388f}, Slerp.slerp(0.25, low, high, 1, 2, 2), 1e-5f);
        // A1111 quirk: near-parallel inputs blend with swapped weights (1.75*low, not 1.25*low).
        float[] p = {3, 1, 4, 2};
        float[] p2 = {6, 2, 8, 4};
        assertArrayEquals(new float[] {5.25f, 1.75f, 7.0f, 3.5f}, Slerp.slerp(0.25, p, p2, 1, 2, 2), 1e-6f);
    }

    @Test
    void seedResizeCropsTheCentreOfWiderNoise() {
        // Target 512x512 (64x64 latent) from 768x512 (w x h): noise (4,64,96), x[:, 0:64, 0:64] = noise[:, 0:64, 16:80].
        NoiseSettings settings = NoiseSettings.of(NoiseSource.CPU).withSeedResize(512, 768);
        float[] got = new ImageRng(4, 64, 64, new long[] {3}, null, settings).first().data();
        float[] wide = NoiseSource.CPU.generator(3).randn(4 * 64 * 96);
        for (int c = 0; c < 4; c++) {
            for (int y = 0; y < 64; y++) {
                for (int x = 0; x < 64; x++) {
                    assertEquals(wide[(c * 64 + y) * 96 + x + 16], got[(c * 64 + y) * 64 + x]);
                }
            }
        }
    }

    @Test
    void seedResizePastesSmallerNoiseInTheCentreOfFullNoise() {
        // Target 512x512 from 256x256: x[:, 16:48, 16:48] = noise[:, 0:32, 0:32]; the rest is full-size noise.
        NoiseSettings settings = NoiseSettings.DEFAULT.withSeedResize(256, 256);
        ImageRng rng = new ImageRng(4, 64, 64, new long[] {3}, null, settings);
        float[] got = rng.first().data();
        float[] small = NoiseSource.NV.generator(3).randn(4 * 32 * 32);
        NoiseGenerator perImage = NoiseSource.NV.generator(3);
        float[] full = perImage.randn(4 * 64 * 64);
        for (int c = 0; c < 4; c++) {
            for (int y = 0; y < 64; y++) {
                for (int x = 0; x < 64; x++) {
                    boolean inside = y >= 16 && y < 48 && x >= 16 && x < 48;
                    float expected = inside ? small[(c * 32 + y - 16) * 32 + x - 16] : full[(c * 64 + y) * 64 + x];
                    assertEquals(expected, got[(c * 64 + y) * 64 + x]);
                }
            }
        }
        // The per-image generator made one draw; the next continues it.
        assertArrayEquals(perImage.randn(4 * 64 * 64), rng.next().data());
    }

    @Test
    void seedResizeToTheSameSizeChangesNothing() {
        float[] plain = new ImageRng(4, 8, 8, new long[] {9}, null, NoiseSettings.DEFAULT).first().data();
        assertArrayEquals(plain, new ImageRng(4, 8, 8, new long[] {9}, null, NoiseSettings.DEFAULT.withSeedResize(64, 64)).first().data());
    }

    @Test
    void seedsPerImage() {
        assertArrayEquals(new long[] {7, 8, 9}, Seeds.imageSeeds(7, 0, 3));
        assertArrayEquals(new long[] {7, 7, 7}, Seeds.imageSeeds(7, 0.3, 3));
        assertArrayEquals(new long[] {20, 21, 22}, Seeds.imageSubseeds(20, 3));
        assertArrayEquals(new long[] {9, 10}, Seeds.forIteration(new long[] {7, 8, 9, 10}, 1, 2));
        assertEquals(42, Seeds.resolve(42));
        for (int i = 0; i < 100; i++) {
            long r = Seeds.resolve(-1);
            assertTrue(r >= 0 && r < 4294967294L, "random seed " + r);
        }
    }
}

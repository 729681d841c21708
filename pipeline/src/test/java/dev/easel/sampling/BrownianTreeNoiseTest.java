package dev.easel.sampling;

import dev.easel.noise.NoiseSource;
import dev.easel.noise.SeedSequence;
import dev.easel.onnx.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Brownian-tree noise for the SDE samplers (A1111-SEMANTICS 3.6). Expected values: DERIVED with real
 * numpy {@code SeedSequence} and a Python transcription of torchsde's {@code BrownianInterval}
 * (halfway tree, tol 1e-6, pool 24) using A1111's {@code randn_local} on the NV source.
 */
class BrownianTreeNoiseTest {
    private static final double[] KARRAS10 = {14.614643, 9.102935, 5.4783993, 3.1686094, 1.7494234, 0.9140766, 0.4469209,
            0.2013998, 0.0819111, 0.0291675, 0};
    private static final double[][] EXPECTED = {
        {0.5014501214027405, -0.335366815328598, 0.5843080878257751, -0.02735191583633423, -0.3097004294395447, -0.1383505016565323},
        {0.04203704372048378, -1.6723542213439941, -0.6672675013542175, -1.219865083694458, 0.24097700417041779, 1.180374026298523},
        {-0.521986186504364, -1.2280887365341187, 0.9201348423957825, 0.7284700274467468, -1.3217378854751587, 1.3207805156707764},
        {0.43684688210487366, -0.07555607706308365, -0.4987340569496155, -0.9075655341148376, -0.47498196363449097, 0.11770647764205933},
        {-1.3098325729370117, 1.3938274383544922, 0.040882229804992676, -3.256437301635742, 0.4907521605491638, 1.1625620126724243},
        {1.082212209701538, 1.268026351928711, -0.7973421216011047, -2.0034916400909424, -0.8797731399536133, 0.8154798746109009},
        {-0.47794094681739807, -1.2944412231445312, 0.8671351671218872, 0.06976349651813507, -0.6825646758079529, -0.17125362157821655},
        {-0.6341540813446045, 0.592023491859436, 0.532362699508667, 0.6966469883918762, 1.8244209289550781, -0.03757805749773979},
        {-1.5259088277816772, -1.1231653690338135, 0.5583832859992981, 0.11363033950328827, 1.9838075637817383, 0.5224341750144958}};
    /** Sums of float32 products along ~25 tree levels, divided by sqrt of small intervals. */
    private static final double TOLERANCE = 2e-5;

    private static double f(double v) { return (float) v; }

    private static void assertClose(double[] expected, float[] actual) {
        assertEquals(expected.length, actual.length);
        for (int k = 0; k < expected.length; k++) assertEquals(expected[k], actual[k], TOLERANCE, "value " + k);
    }

    @Test
    void seedSequenceMatchesNumpy() {
        assertArrayEquals(new int[] {(int) 4280268349L, (int) 3829106894L, (int) 2675148735L},
                new SeedSequence(1234, new long[0], 24).generateState(3));
        assertArrayEquals(new int[] {840100010, (int) 4216861537L, (int) 2835682605L, 1180521712},
                new SeedSequence(1234, new long[] {0, 0}, 24).generateState(4));
        assertArrayEquals(new int[] {(int) 3504654109L, 1686076128, 242735800, (int) 3342715673L},
                new SeedSequence((1L << 40) + 5, new long[] {5, 3}, 24).generateState(4));
        assertArrayEquals(new int[] {(int) 4025752534L, (int) 2687548107L, (int) 2326983537L},
                new SeedSequence(0, new long[0], 24).generateState(3));
        assertArrayEquals(new int[] {(int) 2506211399L, (int) 4190199206L, 1551667943, 1596167995},
                new SeedSequence(4294967295L, new long[] {(1L << 33) + 1, 33}, 24).generateState(4));
    }

    @Test
    void stepsOfAKarrasScheduleMatchTorchsde() {
        BrownianTreeNoise noise = new BrownianTreeNoise(new long[] {1, 1, 1, 6}, f(0.0291675), f(14.614643), new long[] {1234}, NoiseSource.NV);
        for (int i = 0; i < EXPECTED.length; i++) {
            assertClose(EXPECTED[i], noise.noise(f(KARRAS10[i]), f(KARRAS10[i + 1])).data());
        }
        // A query between schedule points (as DPM++ SDE makes), then an early one again: order does not matter.
        double mid = f(Math.exp(-(-Math.log(f(KARRAS10[2])) + 0.5 * (Math.log(f(KARRAS10[2])) - Math.log(f(KARRAS10[3]))))));
        assertClose(new double[] {0.09614454954862595, -1.744313359260559, 0.6895148754119873, 0.8510180115699768,
                -0.09485162049531937, 1.4095804691314697}, noise.noise(f(KARRAS10[2]), mid).data());
        assertClose(EXPECTED[0], noise.noise(f(KARRAS10[0]), f(KARRAS10[1])).data());
    }

    @Test
    void queriesComputedAheadGiveTheSameNoise() {
        BrownianTreeNoise ahead = new BrownianTreeNoise(new long[] {1, 1, 1, 6}, f(0.0291675), f(14.614643), new long[] {1234}, NoiseSource.NV);
        java.util.List<double[]> queries = new java.util.ArrayList<>();
        for (int i = 0; i < EXPECTED.length; i++) queries.add(new double[] {f(KARRAS10[i]), f(KARRAS10[i + 1])});
        ahead.expect(queries);
        for (int i = 0; i < 4; i++) assertClose(EXPECTED[i], ahead.noise(f(KARRAS10[i]), f(KARRAS10[i + 1])).data());
        // An unexpected query drops the work ahead and is answered directly; later ones still match.
        assertClose(EXPECTED[0], ahead.noise(f(KARRAS10[0]), f(KARRAS10[1])).data());
        for (int i = 4; i < EXPECTED.length; i++) assertClose(EXPECTED[i], ahead.noise(f(KARRAS10[i]), f(KARRAS10[i + 1])).data());
        ahead.cancel();
    }

    @Test
    void batchImagesEqualSingleRuns() {
        long[] seeds = {7, 8, 9};
        BrownianTreeNoise batch = new BrownianTreeNoise(new long[] {3, 2, 2, 2}, 0.03, 14.6, seeds, NoiseSource.CPU);
        Tensor b1 = batch.noise(14.6, 7.0);
        Tensor b2 = batch.noise(7.0, 1.0);
        for (int i = 0; i < 3; i++) {
            BrownianTreeNoise single = new BrownianTreeNoise(new long[] {1, 2, 2, 2}, 0.03, 14.6, new long[] {seeds[i]}, NoiseSource.CPU);
            assertArrayEquals(Arrays.copyOfRange(b1.data(), i * 8, i * 8 + 8), single.noise(14.6, 7.0).data());
            assertArrayEquals(Arrays.copyOfRange(b2.data(), i * 8, i * 8 + 8), single.noise(7.0, 1.0).data());
        }
    }

    @Test
    void incrementsAddUpAndScaleWithTime() {
        BrownianTree tree = new BrownianTree(0.1, 10.0, 4000, 99, NoiseSource.NV);
        float[] whole = tree.increment(0.5, 8.0);
        float[] a = tree.increment(0.5, 3.0);
        float[] b = tree.increment(3.0, 8.0);
        double var = 0;
        for (int k = 0; k < whole.length; k++) {
            assertEquals(whole[k], a[k] + b[k], 1e-5);
            var += (double) whole[k] * whole[k];
        }
        // Var W(8) - W(0.5) = 7.5 for standard Brownian motion.
        assertEquals(7.5, var / whole.length, 0.5);
    }

    @Test
    void pythonRounding() {
        assertEquals(14.614643, BrownianTree.round(f(14.614643)), 0);
        // Python round(x, 6) rounds the exact binary value: float32(0.0291675) is 0.0291674993...
        assertEquals(0.029167, BrownianTree.round(f(0.0291675)), 0);
        assertEquals(3e-6, BrownianTree.round(0.0000025), 0);
        assertEquals(1.000001, BrownianTree.round(1.0000005), 0);
    }

    @Test
    void oneSeedPerImage() {
        assertThrows(IllegalArgumentException.class, () -> new BrownianTreeNoise(new long[] {2, 1, 1, 1}, 0.1, 1, new long[] {1}, NoiseSource.NV));
    }
}

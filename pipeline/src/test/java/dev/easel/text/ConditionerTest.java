package dev.easel.text;

import dev.easel.onnx.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The encoder path end to end over a fake text encoder whose output is a known function of the ids. */
class ConditionerTest {

    private final ClipTokenizer tok = TestVocabulary.tokenizer();
    private final FakeTextModel model = new FakeTextModel(false);

    private Conditioner conditioner(Emphasis emphasis) {
        return Conditioner.create(model, tok, emphasis, 1, 20, null);
    }

    /** The fake's raw hidden states for one chunk's tokens. */
    private static float[] raw(int[] tokens) {
        float[] z = new float[77 * FakeTextModel.HIDDEN];
        for (int t = 0; t < 77; t++) for (int h = 0; h < FakeTextModel.HIDDEN; h++) z[t * FakeTextModel.HIDDEN + h] = FakeTextModel.value(tokens[t], t, h);
        return z;
    }

    private static int[] row(int... prefix) {
        int[] r = new int[77];
        java.util.Arrays.fill(r, 49407);
        r[0] = 49406;
        System.arraycopy(prefix, 0, r, 1, prefix.length);
        return r;
    }

    @Test
    void plainPromptIsTheEncoderOutput() {
        Conditioner c = conditioner(Emphasis.ORIGINAL);
        PromptConditioning p = c.positive("a photo of a cat", 20);
        assertEquals(1, p.parts().size());
        assertEquals(1.0, p.parts().get(0).weight());
        Tensor cond = p.forStep(0).get(0);
        assertArrayEquals(new long[] {1, 77, 4}, cond.shape());
        assertArrayEquals(raw(row(320, 1125, 539, 320, 2368)), cond.data(), 0f);
        assertSame(cond, p.forStep(19).get(0));
    }

    @Test
    void emphasisRestoresTheMeanOverTheWholeCall() {
        // The DERIVED tiny example of A1111-SEMANTICS section 2.3.
        float[][] out = EmphasisApplier.apply(Emphasis.ORIGINAL, new float[][] {{1, 2, 3, 4}}, new double[][] {{1.0, 2.0}}, new int[] {1}, 2);
        assertArrayEquals(new float[] {0.588235f, 1.176471f, 3.529412f, 4.705882f}, out[0], 1e-6f);
        float[][] noNorm = EmphasisApplier.apply(Emphasis.NO_NORM, new float[][] {{1, 2, 3, 4}}, new double[][] {{1.0, 2.0}}, new int[] {1}, 2);
        assertArrayEquals(new float[] {1, 2, 6, 8}, noNorm[0], 0f);
        float[][] ignore = EmphasisApplier.apply(Emphasis.IGNORE, new float[][] {{1, 2, 3, 4}}, new double[][] {{1.0, 2.0}}, new int[] {1}, 2);
        assertArrayEquals(new float[] {1, 2, 3, 4}, ignore[0], 0f);
        // A duplicated row counts twice in both means.
        float[][] dup = EmphasisApplier.apply(Emphasis.ORIGINAL, new float[][] {{1, 2, 3, 4}, {1, 1, 1, 1}},
                new double[][] {{1.0, 2.0}, {1.0, 1.0}}, new int[] {1, 2}, 2);
        float ratio = (float) ((10 + 8) / 8.0) / (float) ((17 + 8) / 8.0);
        assertEquals(1 * ratio, dup[1][0], 1e-6f);
        assertEquals(8 * ratio, dup[0][3], 1e-6f);
    }

    @Test
    void weightedTokensAreScaledThenRenormalised() {
        Conditioner c = conditioner(Emphasis.ORIGINAL);
        Tensor cond = c.positive("a (cat:1.5)", 10).forStep(0).get(0);
        float[] z = raw(row(320, 2368));
        double before = 0;
        for (float v : z) before += v;
        float[] scaled = z.clone();
        for (int h = 0; h < 4; h++) scaled[2 * 4 + h] *= 1.5f;
        double after = 0;
        for (float v : scaled) after += v;
        float ratio = (float) (before / z.length) / (float) (after / z.length);
        for (int i = 0; i < z.length; i++) assertEquals(scaled[i] * ratio, cond.data()[i], 1e-6f, "value " + i);
        double mean = 0;
        for (float v : cond.data()) mean += v;
        assertEquals(before / z.length, mean / z.length, 1e-5);

        Tensor noNorm = new Conditioner(model, PromptChunker.forClip(tok, Emphasis.NO_NORM, 20, null), 1).positive("a (cat:1.5)", 10).forStep(0).get(0);
        assertArrayEquals(scaled, noNorm.data(), 0f);
    }

    @Test
    void scheduleVariantsShareOneEncoderCallAndItsMean() {
        Conditioner c = conditioner(Emphasis.ORIGINAL);
        ScheduledConditioning s = c.positive("a [(cat:1.5):dog:3]", 10).parts().get(0).schedule();
        assertEquals(List.of(3, 10), s.entries().stream().map(ScheduledConditioning.Entry::endAtStep).toList());
        assertEquals(List.of(2), model.batches, "both texts in one call of batch 2");
        // Denoiser calls 0..3 use the first text (A1111-SEMANTICS section 1.6).
        assertSame(s.entries().get(0).cond(), s.forStep(3));
        assertSame(s.entries().get(1).cond(), s.forStep(4));
        // The mean restored is the mean over both rows: the unweighted 'a dog' row is rescaled too.
        float[] dog = raw(row(320, 1929));
        assertNotEquals(dog[0], s.entries().get(1).cond().data()[0]);
        float[] cat = raw(row(320, 2368));
        double orig = 0;
        double weighted = 0;
        for (int i = 0; i < cat.length; i++) {
            orig += cat[i] + dog[i];
            weighted += (i / 4 == 2 ? cat[i] * 1.5f : cat[i]) + dog[i];
        }
        float ratio = (float) (orig / (2 * cat.length)) / (float) (weighted / (2 * cat.length));
        assertEquals(dog[5] * ratio, s.entries().get(1).cond().data()[5], 1e-6f);
    }

    @Test
    void alternationEncodesEachDistinctTextOnce() {
        Conditioner c = conditioner(Emphasis.ORIGINAL);
        ScheduledConditioning s = c.negative("[cat|dog]", 6);
        assertEquals(6, s.entries().size());
        assertEquals(List.of(2), model.batches);
        // Calls 0 and 1 both use the step-1 text, then they alternate (A1111-SEMANTICS section 1.6).
        assertSame(s.forStep(0), s.forStep(1));
        assertSame(s.forStep(1), s.forStep(3));
        assertSame(s.forStep(2), s.forStep(4));
        assertNotEquals(s.forStep(2), s.forStep(3));
        assertArrayEquals(raw(row(2368)), s.forStep(0).data(), 0f);
        // Past the schedule A1111 falls back to the first entry.
        assertSame(s.entries().get(5).cond(), s.forStep(6));
        assertSame(s.entries().get(0).cond(), s.forStep(7));
    }

    @Test
    void andPartsKeepTheirWeightsAndShareEncodings() {
        Conditioner c = conditioner(Emphasis.ORIGINAL);
        PromptConditioning p = c.positive("a cat:1.5 AND a dog :0.5 AND a cat", 10);
        assertEquals(List.of("a cat", " a dog", " a cat"), p.parts().stream().map(PromptConditioning.Part::text).toList());
        assertArrayEquals(new double[] {1.5, 0.5, 1.0}, p.weights());
        // ' a cat' and 'a cat' are different parts for A1111, but their token rows are the same: one encoding.
        assertEquals(2, c.encoderCalls());
        assertArrayEquals(p.forStep(0).get(0).data(), p.forStep(0).get(2).data(), 0f);
        // The negative prompt has no AND: it is one text.
        ScheduledConditioning neg = c.negative("a cat AND a dog:2", 10);
        assertEquals("a cat AND a dog:2", neg.entries().get(0).text());
    }

    @Test
    void longAndShortVariantsHaveTheSameLength() {
        StringBuilder longText = new StringBuilder();
        for (int i = 0; i < 80; i++) longText.append("cat ");
        Conditioner c = conditioner(Emphasis.ORIGINAL);
        ScheduledConditioning s = c.positive("[" + longText + ":dog:5]", 10).parts().get(0).schedule();
        assertEquals(154, s.tokenLength());
        assertEquals(154, s.entries().get(1).cond().dim(1));
        // 'dog' has one chunk; its second is the empty chunk's encoding (no weights, so unscaled).
        float[] empty = raw(row());
        float[] second = java.util.Arrays.copyOfRange(s.entries().get(1).cond().data(), 77 * 4, 154 * 4);
        assertArrayEquals(empty, second, 1e-6f);

        PromptConditioning mixed = c.positive(longText + "AND dog", 10);
        assertEquals(154, mixed.forStep(0).get(0).dim(1));
        assertEquals(77, mixed.forStep(0).get(1).dim(1));
        Tensor stacked = mixed.stackedForStep(0);
        assertArrayEquals(new long[] {2, 154, 4}, stacked.shape());
        int lastRow = 76 * 4;
        for (int r = 77; r < 154; r++) {
            for (int h = 0; h < 4; h++) assertEquals(stacked.data()[154 * 4 + lastRow + h], stacked.data()[154 * 4 + r * 4 + h]);
        }
    }

    @Test
    void requestCacheAvoidsReencoding() {
        Conditioner c = conditioner(Emphasis.ORIGINAL);
        c.positive("a photo of a cat", 20);
        c.negative("a photo of a cat", 20);
        c.positive("a photo of a cat", 20);
        c.negative("", 20);
        c.negative("", 20);
        assertEquals(2, c.encoderCalls());
    }

    @Test
    void syntaxErrorsNameThePositionInTheWholePrompt() {
        Conditioner c = conditioner(Emphasis.ORIGINAL);
        PromptSyntaxException e = assertThrows(PromptSyntaxException.class, () -> c.positive("cat AND (dog:1.2.3)", 10));
        assertEquals(13, e.position());
        assertTrue(e.getMessage().contains("1.2.3"));
        assertEquals(0, c.encoderCalls());
    }

    @Test
    void clipSkipReachesTheEncoder() {
        Conditioner skip2 = Conditioner.create(model, tok, Emphasis.ORIGINAL, 2, 20, null);
        float[] z = skip2.negative("", 1).forStep(0).data();
        assertEquals(FakeTextModel.value(49406, 0, 0) + 1, z[0], 1e-6f);
    }

    @Test
    void embeddingsSpliceTheirVectors() {
        float[] vectors = {10, 11, 12, 13, 20, 21, 22, 23};
        Embedding style = new Embedding("mystyle", new Tensor(new long[] {2, 4}, vectors));
        EmbeddingLookup lookup = new TokenizedEmbeddings(List.of(style), tok);
        FakeTextModel capable = new FakeTextModel(true);
        Conditioner c = Conditioner.create(capable, tok, Emphasis.IGNORE, 1, 20, lookup);
        Tensor cond = c.positive("a mystyle cat", 10).forStep(0).get(0);
        // BOS, 'a', then the two vectors at positions 2 and 3, then 'cat'.
        assertEquals(10 + 0.02f, cond.data()[2 * 4], 1e-6f);
        assertEquals(23 + 0.03f, cond.data()[3 * 4 + 3], 1e-6f);
        assertEquals(FakeTextModel.value(2368, 4, 0), cond.data()[4 * 4], 1e-6f);

        Conditioner incapable = Conditioner.create(model, tok, Emphasis.IGNORE, 1, 20, lookup);
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, () -> incapable.positive("a mystyle cat", 10));
        assertTrue(e.getMessage().contains("textual-inversion"), e.getMessage());
    }
}

package dev.easel.text;

import dev.easel.model.OnnxDiffusionModel;
import dev.easel.model.tiny.TinyFlavor;
import dev.easel.model.tiny.TinyModels;
import dev.easel.onnx.OrtSettings;
import dev.easel.onnx.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The encoder path on the real tiny ONNX text encoder, with the real CLIP vocabulary in its tokenizer folder. */
class TinyEncoderConditioningTest {

    @TempDir
    static Path dir;
    static OnnxDiffusionModel model;
    static ClipTokenizer tokenizer;

    @BeforeAll
    static void writeTinyModel() throws IOException {
        Path vocab = dir.resolve("clip");
        Files.createDirectories(vocab);
        for (String f : new String[] {"vocab.json", "merges.txt"}) {
            try (InputStream in = TinyEncoderConditioningTest.class.getResourceAsStream(f)) {
                Files.copy(in, vocab.resolve(f));
            }
        }
        Path folder = dir.resolve(TinyModels.SD);
        TinyModels.writeSdSet(folder, TinyFlavor.diffusers(), vocab);
        model = OnnxDiffusionModel.open(folder, OrtSettings.cpu());
        tokenizer = ClipTokenizer.load(model.tokenizerDir());
    }

    @AfterAll
    static void close() {
        if (model != null) model.close();
    }

    @Test
    void conditioningIsTheEncoderOutputForTheRightTokens() {
        Conditioner c = Conditioner.create(model, tokenizer, Emphasis.ORIGINAL, 1, 20, null);
        Tensor cond = c.positive("a photo of a cat", 20).forStep(0).get(0);
        assertArrayEquals(new long[] {1, 77, model.hiddenSize()}, cond.shape());
        int[] ids = new int[77];
        Arrays.fill(ids, 49407);
        ids[0] = 49406;
        System.arraycopy(new int[] {320, 1125, 539, 320, 2368}, 0, ids, 1, 5);
        Tensor direct = model.encodeText(ids, 1, 1);
        assertArrayEquals(direct.data(), cond.data(), 0f);
    }

    @Test
    void sameRequestSameBytesAndEmphasisChangesTheResult() {
        Tensor a = Conditioner.create(model, tokenizer, Emphasis.ORIGINAL, 1, 20, null).positive("a (cat:1.4), [dog]", 10).forStep(0).get(0);
        Tensor b = Conditioner.create(model, tokenizer, Emphasis.ORIGINAL, 1, 20, null).positive("a (cat:1.4), [dog]", 10).forStep(0).get(0);
        Tensor plain = Conditioner.create(model, tokenizer, Emphasis.IGNORE, 1, 20, null).positive("a (cat:1.4), [dog]", 10).forStep(0).get(0);
        assertArrayEquals(a.data(), b.data(), 0f);
        assertFalse(Arrays.equals(a.data(), plain.data()));
        double meanA = 0;
        double meanPlain = 0;
        for (int i = 0; i < a.data().length; i++) {
            meanA += a.data()[i];
            meanPlain += plain.data()[i];
        }
        assertEquals(meanPlain / a.data().length, meanA / a.data().length, 1e-5);
    }

    @Test
    void longPromptsMakeLongerConditioningAndNegativeStaysShort() {
        Conditioner c = Conditioner.create(model, tokenizer, Emphasis.ORIGINAL, 1, 20, null);
        String longPrompt = "a detailed painting of a castle on a hill, ".repeat(12);
        PromptConditioning p = c.positive(longPrompt, 20);
        ScheduledConditioning n = c.negative("", 20);
        assertTrue(p.parts().get(0).schedule().tokenLength() >= 154);
        assertEquals(0, p.parts().get(0).schedule().tokenLength() % 77);
        assertEquals(77, n.tokenLength());
    }
}

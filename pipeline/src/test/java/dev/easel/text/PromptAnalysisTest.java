package dev.easel.text;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PromptAnalysisTest {

    private final PromptChunker chunker = PromptChunker.forClip(TestVocabulary.tokenizer(), Emphasis.ORIGINAL, 20, null);

    @Test
    void partsSchedulesAttentionAndChunks() {
        PromptAnalysis a = PromptAnalysis.analyze("a (cat:1.5) [sitting:standing:3] AND a dog:0.5", 10, true, chunker);
        assertEquals(2, a.parts().size());
        PromptAnalysis.Part cat = a.parts().get(0);
        assertEquals("a (cat:1.5) [sitting:standing:3]", cat.text());
        assertEquals(1.0, cat.weight());
        assertEquals(List.of(new PromptAnalysis.Schedule(3, "a (cat:1.5) sitting"), new PromptAnalysis.Schedule(10, "a (cat:1.5) standing")),
                cat.schedules());
        assertEquals(List.of(new PromptAnalysis.Attention("a ", 1.0), new PromptAnalysis.Attention("cat", 1.5),
                new PromptAnalysis.Attention(" sitting", 1.0)), cat.attention());
        assertEquals(1, cat.chunks().size());
        int[] tokens = cat.chunks().get(0).tokens();
        assertEquals(77, tokens.length);
        assertEquals(49406, tokens[0]);
        assertEquals(320, tokens[1]);
        assertEquals(2368, tokens[2]);
        assertEquals(1.5, cat.chunks().get(0).multipliers()[2]);
        assertEquals(0.5, a.parts().get(1).weight());
        assertEquals(3, a.tokenCount());
        assertEquals(75, a.tokenLimit());
    }

    @Test
    void tokenCountIsTheLongestScheduledText() {
        String many = "cat, ".repeat(40);
        PromptAnalysis a = PromptAnalysis.analyze("[dog:" + many + ":5]", 10, true, chunker);
        assertEquals(80, a.tokenCount());
        assertEquals(150, a.tokenLimit());
        assertEquals(1, a.parts().get(0).chunks().size(), "chunks are those of the first scheduled text");
    }

    @Test
    void negativePromptIsOnePart() {
        PromptAnalysis a = PromptAnalysis.analyze("blurry AND ugly:2", 20, false, chunker);
        assertEquals(1, a.parts().size());
        assertEquals("blurry AND ugly:2", a.parts().get(0).text());
        PromptAnalysis empty = PromptAnalysis.analyze("", 20, false, chunker);
        assertEquals(0, empty.tokenCount());
        assertEquals(75, empty.tokenLimit());
        int[] expected = new int[77];
        java.util.Arrays.fill(expected, 49407);
        expected[0] = 49406;
        assertArrayEquals(expected, empty.parts().get(0).chunks().get(0).tokens());
    }

    @Test
    void rejectedPromptNamesPosition() {
        PromptSyntaxException e = assertThrows(PromptSyntaxException.class,
                () -> PromptAnalysis.analyze("cat AND (dog:1.2.3)", 20, true, chunker));
        assertEquals(13, e.position());
    }
}

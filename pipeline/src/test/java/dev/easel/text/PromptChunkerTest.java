package dev.easel.text;

import dev.easel.onnx.Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code tokenize_line}: the DERIVED chunking vectors of A1111-SEMANTICS section 2.4, with their toy tokenizer. */
class PromptChunkerTest {

    static final int BOS = 49406;
    static final int EOS = 49407;
    static final int COMMA = 267;
    static final int OTHER = 999;

    /** The vectors' toy tokenizer: word {@code tN} is id N, {@code ,} is 267, any other word 999. */
    static final TokenEncoder TOY = text -> {
        List<Integer> ids = new ArrayList<>();
        for (String word : text.replace(",", " , ").trim().split("\\s+")) {
            if (word.isEmpty()) continue;
            if (word.equals(",")) ids.add(COMMA);
            else if (word.matches("t\\d+")) ids.add(Integer.parseInt(word.substring(1)));
            else ids.add(OTHER);
        }
        return ids.stream().mapToInt(Integer::intValue).toArray();
    };

    private static PromptChunker toy(int backtrack) {
        return new PromptChunker(TOY, BOS, EOS, COMMA, Emphasis.ORIGINAL, backtrack, null);
    }

    /** Words t1..tN, with a comma in place of the word at each given 0-based index. */
    private static String words(int n, int... commaAt) {
        List<String> w = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            final int idx = i;
            w.add(IntStream.of(commaAt).anyMatch(c -> c == idx) ? "," : "t" + (i + 1));
        }
        return String.join(" ", w);
    }

    private static int[] row(int... prefix) {
        int[] r = new int[77];
        java.util.Arrays.fill(r, EOS);
        r[0] = BOS;
        System.arraycopy(prefix, 0, r, 1, prefix.length);
        return r;
    }

    private static int[] range(int from, int to) { return IntStream.rangeClosed(from, to).toArray(); }

    private static int[] concat(int[] a, int... b) { return IntStream.concat(IntStream.of(a), IntStream.of(b)).toArray(); }

    @Test
    void emptyPrompt() {
        ChunkedPrompt p = toy(20).chunk("");
        assertEquals(0, p.tokenCount());
        assertEquals(1, p.chunks().size());
        assertArrayEquals(row(), p.chunks().get(0).tokens());
        assertArrayEquals(toy(20).emptyChunk().tokens(), p.chunks().get(0).tokens());
    }

    @Test
    void lengthsAroundOneChunk() {
        ChunkedPrompt ten = toy(20).chunk(words(10));
        assertEquals(10, ten.tokenCount());
        assertArrayEquals(row(range(1, 10)), ten.chunks().get(0).tokens());

        ChunkedPrompt full = toy(20).chunk(words(75));
        assertEquals(75, full.tokenCount());
        assertEquals(1, full.chunks().size());
        assertArrayEquals(row(range(1, 75)), full.chunks().get(0).tokens());

        ChunkedPrompt over = toy(20).chunk(words(76));
        assertEquals(76, over.tokenCount());
        assertEquals(2, over.chunks().size());
        assertArrayEquals(row(76), over.chunks().get(1).tokens());
    }

    @Test
    void commaBacktrack() {
        ChunkedPrompt p = toy(20).chunk(words(80, 70));
        assertEquals(84, p.tokenCount());
        assertEquals(2, p.chunks().size());
        assertArrayEquals(row(concat(range(1, 70), COMMA)), p.chunks().get(0).tokens());
        assertArrayEquals(row(range(72, 80)), p.chunks().get(1).tokens());

        ChunkedPrompt off = toy(0).chunk(words(80, 70));
        assertEquals(80, off.tokenCount());
        assertEquals(76, off.chunks().get(1).tokens()[1]);

        ChunkedPrompt far = toy(20).chunk(words(80, 50));
        assertEquals(80, far.tokenCount());
        assertArrayEquals(row(range(76, 80)), far.chunks().get(1).tokens());

        ChunkedPrompt comma76 = toy(20).chunk(words(80, 75));
        assertEquals(80, comma76.tokenCount());
        assertArrayEquals(row(concat(new int[] {COMMA}, range(77, 80))), comma76.chunks().get(1).tokens());
    }

    @Test
    void breaks() {
        ChunkedPrompt p = toy(20).chunk("t1 t2 BREAK t3");
        assertEquals(76, p.tokenCount());
        assertArrayEquals(row(1, 2), p.chunks().get(0).tokens());
        assertArrayEquals(row(3), p.chunks().get(1).tokens());

        ChunkedPrompt only = toy(20).chunk("BREAK");
        assertEquals(75, only.tokenCount());
        assertEquals(1, only.chunks().size());
        assertArrayEquals(row(), only.chunks().get(0).tokens());

        ChunkedPrompt trailing = toy(20).chunk("t1 BREAK");
        assertEquals(75, trailing.tokenCount());
        assertEquals(1, trailing.chunks().size());
    }

    @Test
    void multipliers() {
        ChunkedPrompt p = toy(20).chunk("(t1 t2:1.5) [t3]");
        assertEquals(3, p.tokenCount());
        double[] m = p.chunks().get(0).multipliers();
        assertArrayEquals(new double[] {1.0, 1.5, 1.5, 1 / 1.1, 1.0, 1.0}, java.util.Arrays.copyOf(m, 6));

        ChunkedPrompt bracketBreak = toy(20).chunk("(t1 BREAK t2:1.5)");
        assertEquals(3, bracketBreak.tokenCount());
        assertArrayEquals(row(1, OTHER, 2), bracketBreak.chunks().get(0).tokens());
        assertArrayEquals(new double[] {1.0, 1.5, -1.5, 1.5, 1.0}, java.util.Arrays.copyOf(bracketBreak.chunks().get(0).multipliers(), 5));
    }

    @Test
    void targetTokenCount() {
        int[][] cases = {{0, 75}, {1, 75}, {75, 75}, {76, 150}, {150, 150}, {151, 225}};
        for (int[] c : cases) assertEquals(c[1], PromptChunker.targetTokenCount(c[0]), "n=" + c[0]);
    }

    @Test
    void emphasisNoneKeepsBracketsAsText() {
        PromptChunker none = new PromptChunker(TOY, BOS, EOS, COMMA, Emphasis.NONE, 20, null);
        ChunkedPrompt p = none.chunk("t1 BREAK (t2:1.5)");
        assertEquals(3, p.tokenCount());
        assertTrue(p.chunks().get(0).unweighted());
    }

    @Test
    void rejectsWhatA1111Rejects() {
        PromptSyntaxException e = assertThrows(PromptSyntaxException.class, () -> toy(20).chunk("t1 (t2:1.2.3)"));
        assertEquals(7, e.position());
    }

    @Test
    void embeddingsTakeTheirVectorCountAndMoveWhole() {
        Embedding style = new Embedding("t500 t501", Tensor.zeros(3, 4));
        PromptChunker c = new PromptChunker(TOY, BOS, EOS, COMMA, Emphasis.ORIGINAL, 20,
                new TokenizedEmbeddings(List.of(style), TOY));
        ChunkedPrompt p = c.chunk("t1 (t500 t501:1.2) t2");
        Chunk first = p.chunks().get(0);
        assertArrayEquals(row(1, 0, 0, 0, 2), first.tokens());
        assertEquals(1, first.fixes().size());
        assertEquals(1, first.fixes().get(0).offset());
        assertEquals(1.2, first.multipliers()[2]);
        assertEquals(5, p.tokenCount());

        // 73 words then the 3-vector embedding: it does not fit in the 2 places left, so the chunk ends early.
        ChunkedPrompt late = c.chunk(words(73) + " t500 t501");
        assertEquals(2, late.chunks().size());
        assertEquals(0, late.chunks().get(1).fixes().get(0).offset());
        assertEquals(75 + 3, late.tokenCount());
        // A name that only starts like the embedding is ordinary tokens.
        assertEquals("500", IntStream.of(c.chunk("t500").chunks().get(0).tokens()).skip(1).limit(1)
                .mapToObj(String::valueOf).collect(Collectors.joining()));
    }

    @Test
    void realTokenizerCommaIs267() {
        PromptChunker clip = PromptChunker.forClip(TestVocabulary.tokenizer(), Emphasis.ORIGINAL, 20, null);
        ChunkedPrompt p = clip.chunk("a photo of a cat");
        assertArrayEquals(row(320, 1125, 539, 320, 2368), p.chunks().get(0).tokens());
        assertEquals(5, p.tokenCount());
    }
}

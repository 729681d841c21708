package dev.easel.text;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Cases beyond the reference vectors, with expectations reasoned from the rules: cleaning (NFC, HTML
 * twice, whitespace, lower case), the split pattern (letter runs, single number characters, runs of
 * other symbols, contractions, special tokens), and byte-level BPE (a word that is a whole vocabulary
 * entry comes out as that entry; every word's tokens spell its UTF-8 bytes followed by end-of-word).
 */
class ClipTokenizerRulesTest {

    private final ClipTokenizer tok = TestVocabulary.tokenizer();

    private int id(String token) {
        int id = tok.tokenId(token);
        if (id < 0) throw new AssertionError("not in vocabulary: " + token);
        return id;
    }

    /** A word as CLIP's vocabulary spells it: UTF-8 bytes as printable characters, then {@code </w>}. */
    private int word(String w) {
        char[] map = ClipTokenizer.byteToUnicode();
        StringBuilder sb = new StringBuilder();
        for (byte b : w.getBytes(java.nio.charset.StandardCharsets.UTF_8)) sb.append(map[b & 0xFF]);
        return id(sb + "</w>");
    }

    private void same(String a, String b) { assertArrayEquals(tok.encode(a), tok.encode(b), a + " vs " + b); }

    @Test
    void punctuationRunsAreOneWordAndSplitFromLetters() {
        assertArrayEquals(new int[] {word("hello"), word(","), word("world"), word("!")}, tok.encode("Hello, World!"));
        assertArrayEquals(new int[] {word("a"), word("!!!"), word("b")}, tok.encode("a!!!b"));
    }

    @Test
    void everyDigitIsItsOwnWord() {
        assertArrayEquals(new int[] {word("2"), word("0"), word("2"), word("4")}, tok.encode("2024"));
        assertArrayEquals(new int[] {word("v"), word("2")}, tok.encode("v2"));
    }

    @Test
    void accentsAreComposedAndLowerCased() {
        assertArrayEquals(new int[] {word("café")}, tok.encode("café"));
        same("café", "cafe\u0301");
        same("café", "CAFÉ");
        assertArrayEquals(new int[] {word("é")}, tok.encode("é"));
        // 'ï' is a letter, so "naïve" stays one word and its pieces spell its bytes.
        assertEquals("naïve", tok.decode(tok.encode("Naïve")));
    }

    @Test
    void htmlIsUnescapedTwice() {
        assertArrayEquals(new int[] {word("fish"), word("&"), word("chips")}, tok.encode("fish &amp; chips"));
        assertArrayEquals(new int[] {word("<")}, tok.encode("&amp;lt;"));
        assertArrayEquals(new int[] {word("<")}, tok.encode("&#60;"));
        assertArrayEquals(new int[] {word("<")}, tok.encode("&lt")); // a legacy name needs no semicolon
        same("&bogus;", "& bogus ;");
        same("x&#x41;y", "xay");
    }

    @Test
    void whitespaceIsAnyUnicodeSpace() {
        same("a b", "a\u00A0b");
        same("a b", "a\u3000\t\n b");
        same("a b", "  a b  ");
        // A zero-width space is not whitespace: it is a symbol run of its own.
        assertEquals(3, tok.encode("a\u200Bb").length);
    }

    @Test
    void contractionsAndSpecialTokens() {
        assertArrayEquals(new int[] {word("it"), word("'s")}, tok.encode("IT'S"));
        assertArrayEquals(new int[] {49407}, tok.encode("<|endoftext|>"));
        assertArrayEquals(new int[] {word("a"), 49406, word("b")}, tok.encode("a<|startoftext|>b"));
    }

    @Test
    void emojiAreSymbolsNotLetters() {
        assertArrayEquals(new int[] {word("😀😀")}, tok.encode("😀😀"));
        assertArrayEquals(new int[] {word("😀"), word("😀")}, tok.encode("😀 😀"));
        assertArrayEquals(new int[] {word("a"), word("🐱"), word("b")}, tok.encode("a🐱b"));
    }

    @Test
    void cjkIsALetterRunSplitIntoByteLevelPieces() {
        assertArrayEquals(new int[] {word("日")}, tok.encode("日"));
        int[] ids = tok.encode("日本語の猫");
        assertEquals("日本語の猫", tok.decode(ids));
        assertEquals(tok.encode("日本語の猫").length, ids.length);
        // Every word ends with exactly one end-of-word piece, so one letter run gives one.
        long ends = java.util.stream.IntStream.of(ids).mapToObj(tok::tokenText).filter(t -> t.endsWith("</w>")).count();
        assertEquals(1, ends);
    }
}

package dev.easel.text;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code parse_prompt_attention}: the upstream doctests and the DERIVED vectors of A1111-SEMANTICS section 1.4. */
class AttentionParserTest {

    private static WeightedText w(String text, double weight) { return new WeightedText(text, weight); }

    private static void check(String prompt, WeightedText... expected) {
        assertEquals(List.of(expected), PromptParser.parseAttention(prompt), prompt);
    }

    @Test
    void upstreamDoctests() {
        check("normal text", w("normal text", 1.0));
        check("an (important) word", w("an ", 1.0), w("important", 1.1), w(" word", 1.0));
        check("(unbalanced", w("unbalanced", 1.1));
        check("\\(literal\\]", w("(literal]", 1.0));
        check("(unnecessary)(parens)", w("unnecessaryparens", 1.1));
        check("a (((house:1.3)) [on] a (hill:0.5), sun, (((sky))).",
                w("a ", 1.0), w("house", 1.5730000000000004), w(" ", 1.1), w("on", 1.0), w(" a ", 1.1),
                w("hill", 0.55), w(", sun, ", 1.1), w("sky", 1.4641000000000006), w(".", 1.1));
    }

    @Test
    void breakVectors() {
        check("a BREAK b", w("a", 1.0), w("BREAK", -1), w("b", 1.0));
        check("a BREAK", w("a", 1.0), w("BREAK", -1), w("", 1.0));
        check("BREAK b", w("", 1.0), w("BREAK", -1), w("b", 1.0));
        check("a  BREAK  b BREAK c", w("a", 1.0), w("BREAK", -1), w("b", 1.0), w("BREAK", -1), w("c", 1.0));
        check("(a BREAK b:1.5)", w("a", 1.5), w("BREAK", -1.5), w("b", 1.5));
        check("aBREAKb", w("aBREAKb", 1.0));
        check("a BREAKb", w("a BREAKb", 1.0));
        assertTrue(PromptParser.parseAttention("a BREAK b").get(1).isBreak());
        assertTrue(!PromptParser.parseAttention("(a BREAK b:1.5)").get(1).isBreak());
    }

    @Test
    void derivedVectors() {
        check("[a]", w("a", 0.9090909090909091));
        check("[[a]]", w("a", 0.8264462809917354));
        check("((a))", w("a", 1.2100000000000002));
        check("(a:1.5)", w("a", 1.5));
        check("(a: 1.5 )", w("a", 1.5));
        check("(a:-1)", w("a", -1.0));
        check("(a:0)", w("a", 0.0));
        check("(a:.5)", w("a", 0.5));
        check("(a:1.)", w("a", 1.0));
        check("(a:1e2)", w("a:1e2", 1.1));
        check("(a:1.2:1.3)", w("a:1.2", 1.3));
        check("(a:b)", w("a:b", 1.1));
        check("a:b", w("a:b", 1.0));
        check("[a:1.5]", w("a:1.5", 0.9090909090909091));
        check("\\\\", w("\\", 1.0));
        check("a\\b", w("ab", 1.0));
        check("(a)(b)", w("ab", 1.1));
        check("(a) (b)", w("a", 1.1), w(" ", 1.0), w("b", 1.1));
        check("", w("", 1.0));
        check("()", w("", 1.0));
        check("[]", w("", 1.0));
        check("((a:1.2) b)", w("a", 1.32), w(" b", 1.1));
        check("[(a:1.5)]", w("a", 1.3636363636363635));
        check("a)b]c", w("a)b]c", 1.0));
        check("(a [b] c)", w("a ", 1.1), w("b", 1.0), w(" c", 1.1));
        check("(a [b:2] c)", w("a ", 1.1), w("b:2", 1.0), w(" c", 1.1));
        check("a (b:1.5", w("a ", 1.0), w("b:1.5", 1.1));
        check("a [b", w("a ", 1.0), w("b", 0.9090909090909091));
        check("((a) b", w("a", 1.2100000000000002), w(" b", 1.1));
        check("(a:1.5))", w("a", 1.5), w(")", 1.0));
        check("x]y", w("x]y", 1.0));
        check("\\(a:1.5\\)", w("(a:1.5)", 1.0));
        check("[a] [b]", w("a", 0.9090909090909091), w(" ", 1.0), w("b", 0.9090909090909091));
        check("[[a] b]", w("a", 0.8264462809917354), w(" b", 0.9090909090909091));
        check("(masterpiece:1.2), best quality, [bad hands]",
                w("masterpiece", 1.2), w(", best quality, ", 1.0), w("bad hands", 0.9090909090909091));
    }

    @Test
    void invalidWeightNamesPositionAndProblem() {
        PromptSyntaxException e = assertThrows(PromptSyntaxException.class, () -> PromptParser.parseAttention("(a:1.2.3)"));
        assertEquals(3, e.position());
        assertTrue(e.getMessage().contains("'1.2.3'"), e.getMessage());
        PromptSyntaxException dot = assertThrows(PromptSyntaxException.class, () -> PromptParser.parseAttention("cat, (dog: . )"));
        assertEquals(11, dot.position());
    }

    /** Cases the vectors miss, reasoned from the algorithm. */
    @Test
    void fromTheRules() {
        // Without an open '(' the weight pattern is plain text and float() is never called.
        check("a:1.2.3)", w("a:1.2.3)", 1.0));
        // A zero weight makes the marker -0.0, which equals 0.0, so the BREAK merges into the text.
        check("(a BREAK b:0)", w("aBREAKb", 0.0));
        // Unicode digits are \d for Python's re and float() accepts them.
        check("(a:\u0661.\u0665)", w("a", 1.5));
        // Unclosed brackets apply bottom of the stack first.
        check("((a", w("a", 1.2100000000000002));
        check("BREAK", w("", 1.0), w("BREAK", -1), w("", 1.0));
        check("a\nBREAK\tb", w("a", 1.0), w("BREAK", -1), w("b", 1.0));
        check("x_BREAK y", w("x_BREAK y", 1.0));
    }
}

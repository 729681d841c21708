package dev.easel.text;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code AND} parts and weights: the DERIVED vectors of A1111-SEMANTICS section 1.5. */
class AndSplitterTest {

    private static String render(String prompt) {
        StringBuilder sb = new StringBuilder();
        for (WeightedPrompt p : PromptParser.splitAnd(prompt)) sb.append('[').append(p.text()).append('|').append(p.weight()).append(']');
        return sb.toString();
    }

    @Test
    void derivedVectors() {
        assertEquals("[a cat|1.0][ a dog|1.0]", render("a cat AND a dog"));
        assertEquals("[a cat|1.5][ a dog|0.5]", render("a cat:1.5 AND a dog :0.5"));
        assertEquals("[a cat|1.0][ a dog|-1.0]", render("a cat AND a dog:-1"));
        assertEquals("[a dog|1.0][ a cat|1.0]", render("a dog AND a cat"));
        assertEquals("[cat ANDdog|1.0]", render("cat ANDdog"));
        assertEquals("[cat|1.0][ dog|1.0][ cat|1.0]", render("cat AND dog AND cat"));
        assertEquals("[a (b:1.2)|1.0][ c|1.0]", render("a (b:1.2) AND c"));
        assertEquals("[a cat|2.0]", render("a cat: 2"));
        assertEquals("[x:1.2|1.3]", render("x:1.2:1.3"));
        assertEquals("[cat and dog|1.0]", render("cat and dog"));
        assertEquals("[  spaced|1.0][  x|1.0]", render("  spaced  AND  x  "));
    }

    @Test
    void fromTheRules() {
        assertEquals("[a:|1.0]", render("a:"));
        assertEquals("[a|1.0]", render("a:1."));
        assertEquals("[a|0.5]", render("a:.5"));
        assertEquals("[a: 1 2|1.0]", render("a: 1 2"));
        assertEquals("[|1.0][|1.0]", render("AND"));
        assertEquals("[(a:1.2)|1.0]", render("(a:1.2)"));
        List<WeightedPrompt> parts = PromptParser.splitAnd("cat AND dog");
        assertEquals(0, parts.get(0).offset());
        assertEquals(7, parts.get(1).offset());
    }
}

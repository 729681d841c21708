package dev.easel.imagej.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MacroOptionsTest {

    private static final String OPTIONS =
            "negative_prompt=[blurry, low [quality]] prompt=[a red apple] strength=0.6 in_place sampler=[Euler a]";

    @Test
    void keysMatchOnlyWholeWords() {
        // ij.Macro.getValue would find "prompt=" inside "negative_prompt=" and return "blurry, ...".
        assertEquals("a red apple", MacroOptions.value(OPTIONS, "prompt"));
        assertEquals("blurry, low [quality]", MacroOptions.value(OPTIONS, "negative_prompt"));
        assertEquals("0.6", MacroOptions.value(OPTIONS, "strength"));
        assertEquals("Euler a", MacroOptions.value(OPTIONS, "sampler"));
        assertNull(MacroOptions.value(OPTIONS, "steps"));
    }

    @Test
    void checkBoxesAreTickedByTheirBareKey() {
        assertTrue(MacroOptions.flag(OPTIONS, "in_place"));
        assertFalse(MacroOptions.flag(OPTIONS, "in"));
        assertFalse(MacroOptions.flag(OPTIONS, "left"));
        assertTrue(MacroOptions.flag("left=true", "left"));
        assertFalse(MacroOptions.flag("prompt=[turn left]", "left"));
    }

    @Test
    void quotesAndUnterminatedBracketsAreRead() {
        assertEquals("x y", MacroOptions.value("a='x y' b=1", "a"));
        assertEquals("open", MacroOptions.value("a=[open", "a"));
        assertEquals("", MacroOptions.value("a=", "a"));
    }
}

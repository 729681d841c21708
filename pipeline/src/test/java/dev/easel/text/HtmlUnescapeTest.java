package dev.easel.text;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Python's {@code html.unescape} rules, case by case. */
class HtmlUnescapeTest {

    private static String u(String s) { return HtmlUnescape.unescape(s); }

    @Test
    void namedReferences() {
        assertEquals("a & b", u("a &amp; b"));
        assertEquals("&amp;", u("&amp;amp;"), "one pass decodes one level");
        assertEquals("\u00ac" + "it;", u("&notit;"), "longest legacy prefix, the rest kept");
        assertEquals("&unknown;", u("&unknown;"));
        assertEquals("\u2254", u("&colone;"));
        assertEquals("& b", u("& b"));
        assertEquals("&", u("&"));
    }

    @Test
    void numericReferences() {
        assertEquals("A", u("&#65;"));
        assertEquals("A", u("&#x41"));
        assertEquals("\u2013", u("&#150;"), "0x80..0x9F are read as Windows-1252");
        assertEquals("\u0081", u("&#129;"), "undefined in Windows-1252: kept as is");
        assertEquals("\uFFFD", u("&#0;"));
        assertEquals("\uFFFD", u("&#xD800;"));
        assertEquals("\uFFFD", u("&#99999999999999999999;"));
        assertEquals("", u("&#1;"), "non-characters are dropped");
        assertEquals("", u("&#xFFFF;"));
        assertEquals("\r", u("&#13;"));
        assertEquals("\uD83D\uDE00", u("&#x1F600;"));
        assertEquals("&#;", u("&#;"));
        assertEquals("&#xg;", u("&#xg;"));
    }
}

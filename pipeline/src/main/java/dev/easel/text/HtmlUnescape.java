package dev.easel.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * HTML character-reference decoding with the exact rules of Python's {@code html.unescape}, which
 * CLIP's text cleaning applies twice: HTML5 named references (with the legacy names that need no
 * semicolon, matched by longest prefix), decimal and hex references, the Windows-1252 remapping of
 * 0x80..0x9F, U+FFFD for surrogates and out-of-range values, and dropped non-characters.
 */
final class HtmlUnescape {

    /** Python's {@code _charref} pattern allows names of 1 to 32 characters. */
    private static final int MAX_NAME = 32;

    private static final Map<String, String> NAMED = loadNamed();

    /** Windows-1252 meanings of 0x80..0x9F (Python's {@code _invalid_charrefs}); 0 where the code maps to itself. */
    private static final char[] CP1252 = {
        '\u20ac', 0, '\u201a', '\u0192', '\u201e', '\u2026', '\u2020', '\u2021',
        '\u02c6', '\u2030', '\u0160', '\u2039', '\u0152', 0, '\u017d', 0,
        0, '\u2018', '\u2019', '\u201c', '\u201d', '\u2022', '\u2013', '\u2014',
        '\u02dc', '\u2122', '\u0161', '\u203a', '\u0153', 0, '\u017e', '\u0178'};

    private HtmlUnescape() {}

    static String unescape(String s) {
        int amp = s.indexOf('&');
        if (amp < 0) return s;
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (amp >= 0) {
            out.append(s, i, amp);
            int end = matchReference(s, amp + 1);
            if (end < 0) {
                out.append('&');
                i = amp + 1;
            } else {
                out.append(replace(s.substring(amp + 1, end)));
                i = end;
            }
            amp = s.indexOf('&', i);
        }
        out.append(s, i, s.length());
        return out.toString();
    }

    /** End (exclusive) of a reference body starting at {@code p} (just after '&'), or -1 if none. */
    private static int matchReference(String s, int p) {
        int n = s.length();
        if (p >= n) return -1;
        if (s.charAt(p) == '#') {
            int q = p + 1;
            boolean hex = q < n && (s.charAt(q) == 'x' || s.charAt(q) == 'X');
            int digits = hex ? q + 1 : q;
            int e = digits;
            while (e < n && (hex ? isHex(s.charAt(e)) : isAsciiDigit(s.charAt(e)))) e++;
            if (e == digits) return -1;
            return e < n && s.charAt(e) == ';' ? e + 1 : e;
        }
        int e = p;
        while (e < n && e - p < MAX_NAME && !isNameStop(s.charAt(e))) e++;
        if (e == p) return -1;
        return e < n && s.charAt(e) == ';' ? e + 1 : e;
    }

    private static boolean isNameStop(char c) {
        return c == '\t' || c == '\n' || c == '\f' || c == ' ' || c == '<' || c == '&' || c == '#' || c == ';';
    }

    private static boolean isAsciiDigit(char c) { return c >= '0' && c <= '9'; }

    private static boolean isHex(char c) {
        return isAsciiDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static String replace(String body) {
        if (body.charAt(0) == '#') {
            boolean hex = body.charAt(1) == 'x' || body.charAt(1) == 'X';
            String digits = body.substring(hex ? 2 : 1);
            if (digits.endsWith(";")) digits = digits.substring(0, digits.length() - 1);
            return numeric(digits, hex ? 16 : 10);
        }
        String direct = NAMED.get(body);
        if (direct != null) return direct;
        // Longest legacy name that is a prefix, as the HTML5 standard (and Python) does.
        for (int x = body.length() - 1; x > 1; x--) {
            String hit = NAMED.get(body.substring(0, x));
            if (hit != null) return hit + body.substring(x);
        }
        return "&" + body;
    }

    private static String numeric(String digits, int radix) {
        long num = 0;
        for (int i = 0; i < digits.length(); i++) {
            num = num * radix + Character.digit(digits.charAt(i), radix);
            if (num > 0x10FFFF) return "\uFFFD";
        }
        if (num == 0) return "\uFFFD";
        if (num == 0x0D) return "\r";
        if (num >= 0x80 && num <= 0x9F) {
            char c = CP1252[(int) num - 0x80];
            return String.valueOf(c == 0 ? (char) num : c);
        }
        if (num >= 0xD800 && num <= 0xDFFF) return "\uFFFD";
        if (isInvalidCodePoint((int) num)) return "";
        return new String(Character.toChars((int) num));
    }

    private static boolean isInvalidCodePoint(int c) {
        return (c >= 0x1 && c <= 0x8) || c == 0xB || (c >= 0xE && c <= 0x1F) || (c >= 0x7F && c <= 0x9F)
                || (c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE;
    }

    private static Map<String, String> loadNamed() {
        Map<String, String> map = new HashMap<>(4096);
        try (InputStream in = HtmlUnescape.class.getResourceAsStream("html5-entities.tsv")) {
            if (in == null) throw new IllegalStateException("html5-entities.tsv is missing from the classpath");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isEmpty() || line.startsWith("#")) continue;
                int tab = line.indexOf('\t');
                StringBuilder value = new StringBuilder(2);
                for (String cp : line.substring(tab + 1).split(" ")) value.appendCodePoint(Integer.parseInt(cp, 16));
                map.put(line.substring(0, tab), value.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return map;
    }
}

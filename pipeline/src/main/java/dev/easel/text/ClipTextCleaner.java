package dev.easel.text;

import java.text.Normalizer;
import java.util.Locale;

/**
 * CLIP's text cleaning before BPE: Unicode NFC, HTML references decoded twice, whitespace runs
 * collapsed to one space and trimmed, lower case. "Whitespace" is Python's {@code str.isspace}
 * (what {@code \s} means in the reference's regular expressions).
 */
final class ClipTextCleaner {

    private ClipTextCleaner() {}

    static String clean(String text) {
        if (isPlainAscii(text)) return cleanAscii(text);
        String s = Normalizer.isNormalized(text, Normalizer.Form.NFC) ? text : Normalizer.normalize(text, Normalizer.Form.NFC);
        s = HtmlUnescape.unescape(HtmlUnescape.unescape(s));
        return collapseWhitespace(s).toLowerCase(Locale.ROOT);
    }

    /** ASCII without '&': already NFC, nothing to unescape, and lower-casing is a bit flip. */
    private static boolean isPlainAscii(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80 || c == '&') return false;
        }
        return true;
    }

    /** Whitespace collapse and lower case in one pass, for {@link #isPlainAscii} text. */
    private static String cleanAscii(String s) {
        int n = s.length();
        char[] out = new char[n];
        int w = 0;
        boolean pendingSpace = false;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (isPySpace(c)) {
                pendingSpace = true;
                continue;
            }
            if (pendingSpace && w > 0) out[w++] = ' ';
            pendingSpace = false;
            out[w++] = c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
        }
        return new String(out, 0, w);
    }

    static String collapseWhitespace(String s) {
        StringBuilder out = null;
        int n = s.length();
        boolean pendingSpace = false;
        int i = 0;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (isPySpace(c)) break;
        }
        if (i == n) return s; // no whitespace at all: the common single-word case
        out = new StringBuilder(n);
        out.append(s, 0, i);
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (isPySpace(c)) {
                pendingSpace = true;
            } else {
                if (pendingSpace && out.length() > 0) out.append(' ');
                pendingSpace = false;
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Python's {@code str.isspace} for one UTF-16 unit (no whitespace lies outside the BMP). */
    static boolean isPySpace(int c) {
        if (c == ' ') return true;
        if (c < 0x80) return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F);
        return c == 0x85 || Character.isSpaceChar(c) || Character.isWhitespace(c);
    }
}

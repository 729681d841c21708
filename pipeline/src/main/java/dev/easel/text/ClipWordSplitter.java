package dev.easel.text;

/**
 * CLIP's pre-tokenization of cleaned text, equivalent to finding every match of
 * {@code <\|startoftext\|>|<\|endoftext\|>|'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+}
 * left to right: the special tokens, English contractions, runs of letters, single number
 * characters, and runs of anything else that is not whitespace. A hand-written scanner because
 * this runs for every prompt fragment.
 */
final class ClipWordSplitter {

    interface WordSink {
        void word(String word, boolean special);
    }

    private ClipWordSplitter() {}

    static void split(String s, WordSink sink) {
        int n = s.length();
        int i = 0;
        while (i < n) {
            int c = s.codePointAt(i);
            if (c == '<' && s.startsWith(ClipTokenizer.START_TOKEN, i)) {
                sink.word(ClipTokenizer.START_TOKEN, true);
                i += ClipTokenizer.START_TOKEN.length();
            } else if (c == '<' && s.startsWith(ClipTokenizer.END_TOKEN, i)) {
                sink.word(ClipTokenizer.END_TOKEN, true);
                i += ClipTokenizer.END_TOKEN.length();
            } else if (c == '\'' && contractionLength(s, i) > 0) {
                int len = contractionLength(s, i);
                sink.word(s.substring(i, i + len), false);
                i += len;
            } else if (isLetter(c)) {
                int j = i + Character.charCount(c);
                while (j < n) {
                    int d = s.codePointAt(j);
                    if (!isLetter(d)) break;
                    j += Character.charCount(d);
                }
                sink.word(s.substring(i, j), false);
                i = j;
            } else if (isNumber(c)) {
                int j = i + Character.charCount(c);
                sink.word(s.substring(i, j), false);
                i = j;
            } else if (ClipTextCleaner.isPySpace(c)) {
                i++;
            } else {
                int j = i + Character.charCount(c);
                while (j < n) {
                    int d = s.codePointAt(j);
                    if (isLetter(d) || isNumber(d) || ClipTextCleaner.isPySpace(d)) break;
                    j += Character.charCount(d);
                }
                sink.word(s.substring(i, j), false);
                i = j;
            }
        }
    }

    /** 2 or 3 for 's 't 'm 'd / 're 've 'll at {@code i}, else 0 (case-insensitive, as the reference pattern). */
    private static int contractionLength(String s, int i) {
        if (i + 1 >= s.length()) return 0;
        char a = Character.toLowerCase(s.charAt(i + 1));
        if (a == 's' || a == 't' || a == 'm' || a == 'd') return 2;
        if (i + 2 >= s.length()) return 0;
        char b = Character.toLowerCase(s.charAt(i + 2));
        if ((a == 'r' && b == 'e') || (a == 'v' && b == 'e') || (a == 'l' && b == 'l')) return 3;
        return 0;
    }

    /** Unicode category L, as {@code \p{L}}, with an ASCII fast path. */
    static boolean isLetter(int c) {
        if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        return Character.isLetter(c);
    }

    /** Unicode category N (Nd, Nl, No), as {@code \p{N}}. */
    static boolean isNumber(int c) {
        if (c < 0x80) return c >= '0' && c <= '9';
        int t = Character.getType(c);
        return t == Character.DECIMAL_DIGIT_NUMBER || t == Character.LETTER_NUMBER || t == Character.OTHER_NUMBER;
    }
}

package dev.easel.text;

/** Character classes of Python's {@code re} module on {@code str}, which A1111's patterns rely on. */
final class PyText {

    private PyText() {}

    /** {@code \s}: Python's {@code str.isspace}. */
    static boolean isSpace(int c) { return ClipTextCleaner.isPySpace(c); }

    /** {@code \d}: any Unicode decimal digit (category Nd). */
    static boolean isDigit(int c) {
        return c < 0x80 ? c >= '0' && c <= '9' : Character.getType(c) == Character.DECIMAL_DIGIT_NUMBER;
    }

    /** {@code \w}: {@code str.isalnum()} or underscore. */
    static boolean isWordChar(int c) {
        if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
        return Character.isLetterOrDigit(c) || ClipWordSplitter.isNumber(c);
    }

    /** Whether {@code word} occurs at {@code i} in {@code s} with a {@code \b} on both sides. */
    static boolean wholeWordAt(String s, int i, String word) {
        if (!s.startsWith(word, i)) return false;
        int end = i + word.length();
        boolean before = i == 0 || !isWordChar(s.codePointBefore(i));
        boolean after = end == s.length() || !isWordChar(s.codePointAt(end));
        return before && after;
    }

    /**
     * Python's {@code float()} for text that matched a pattern built from {@code \d} and {@code .}:
     * any decimal digits, at most one point, at least one digit. Returns NaN when Python would raise.
     */
    static double parseDecimal(String text) {
        StringBuilder ascii = new StringBuilder(text.length());
        int digits = 0;
        int points = 0;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (c == '+' || c == '-') {
                if (ascii.length() > 0) return Double.NaN;
                ascii.append((char) c);
            } else if (c == '.') {
                points++;
                ascii.append('.');
            } else if (isDigit(c)) {
                digits++;
                ascii.append((char) ('0' + Character.digit(c, 10)));
            } else {
                return Double.NaN;
            }
        }
        if (digits == 0 || points > 1) return Double.NaN;
        return Double.parseDouble(ascii.toString());
    }
}

package dev.easel.imagej.ij1;

/**
 * Reads ImageJ 1 macro option strings ({@code key=value key=[value with spaces] flag}). Unlike
 * {@code ij.Macro.getValue}, a key only matches at the start of a word, so {@code prompt} does not match
 * inside {@code negative_prompt=}.
 */
final class MacroOptions {

    private MacroOptions() { }

    /** The value of {@code key}, without brackets or quotes, or null when absent. */
    static String value(String options, String key) {
        int at = find(options, key + "=", 0);
        if (at < 0) {
            return null;
        }
        int start = at + key.length() + 1;
        if (start >= options.length()) {
            return "";
        }
        char c = options.charAt(start);
        if (c == '[') {
            int depth = 0;
            for (int i = start; i < options.length(); i++) {
                char ch = options.charAt(i);
                if (ch == '[') {
                    depth++;
                } else if (ch == ']' && --depth == 0) {
                    return options.substring(start + 1, i);
                }
            }
            return options.substring(start + 1);
        }
        if (c == '\'' || c == '"') {
            int end = options.indexOf(c, start + 1);
            return end < 0 ? options.substring(start + 1) : options.substring(start + 1, end);
        }
        int end = start;
        while (end < options.length() && !Character.isWhitespace(options.charAt(end))) {
            end++;
        }
        return options.substring(start, end);
    }

    /** True when {@code key} stands alone as a word (an ImageJ 1 checkbox that is ticked) or is set to true. */
    static boolean flag(String options, String key) {
        String v = value(options, key);
        if (v != null) {
            return "true".equalsIgnoreCase(v.trim()) || "1".equals(v.trim());
        }
        for (int at = find(options, key, 0); at >= 0; at = find(options, key, at + 1)) {
            int end = at + key.length();
            if (end == options.length() || Character.isWhitespace(options.charAt(end))) {
                return true;
            }
        }
        return false;
    }

    /** Index (at least {@code from}) of {@code token} at a word start outside brackets, or -1. */
    private static int find(String options, String token, int from) {
        int depth = 0;
        for (int i = 0; i + token.length() <= options.length(); i++) {
            char ch = options.charAt(i);
            if (ch == '[') {
                depth++;
            } else if (ch == ']' && depth > 0) {
                depth--;
            }
            if (i >= from && depth == 0 && (i == 0 || Character.isWhitespace(options.charAt(i - 1)))
                    && options.startsWith(token, i)) {
                return i;
            }
        }
        return -1;
    }
}

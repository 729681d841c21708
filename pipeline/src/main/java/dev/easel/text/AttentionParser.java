package dev.easel.text;

import java.util.ArrayList;
import java.util.List;

/**
 * A1111's {@code parse_prompt_attention}: {@code (a)} multiplies attention by 1.1, {@code (a:w)} by w,
 * {@code [a]} divides by 1.1, backslash escapes brackets, unclosed brackets apply to the end, and
 * {@code BREAK} outside brackets becomes the marker {@code ("BREAK", -1)}. Fragments with exactly equal
 * weights are merged. Multipliers are IEEE doubles applied in A1111's order, so 1.1 * 1.1 is
 * 1.2100000000000002 as there.
 */
final class AttentionParser {

    /** A1111's {@code round_bracket_multiplier}. */
    static final double ROUND = 1.1;
    /** A1111's {@code square_bracket_multiplier}. */
    static final double SQUARE = 1 / 1.1;

    private static final class Entry {
        String text;
        double weight;

        Entry(String text, double weight) {
            this.text = text;
            this.weight = weight;
        }
    }

    private AttentionParser() {}

    static List<WeightedText> parse(String text) {
        List<Entry> res = new ArrayList<>();
        IntList round = new IntList(4);
        IntList square = new IntList(4);
        int roundTop = 0;
        int squareTop = 0;
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\\') {
                if (i + 1 < n && "()[]\\".indexOf(text.charAt(i + 1)) >= 0) {
                    res.add(new Entry(String.valueOf(text.charAt(i + 1)), 1.0));
                    i += 2;
                } else {
                    res.add(new Entry("", 1.0)); // a lone backslash: A1111 appends text[1:], the empty string
                    i++;
                }
            } else if (c == '(') {
                round = push(round, roundTop++, res.size());
                i++;
            } else if (c == '[') {
                square = push(square, squareTop++, res.size());
                i++;
            } else if (c == ':') {
                int[] w = matchWeight(text, i);
                if (w != null && roundTop > 0) {
                    String number = text.substring(w[0], w[1]);
                    double weight = PyText.parseDecimal(number);
                    if (Double.isNaN(weight)) {
                        // A1111 raises ValueError from float() here and the generation fails.
                        throw new PromptSyntaxException("emphasis weight '" + number + "' is not a number; write a weight like (text:1.2)", w[0]);
                    }
                    multiply(res, round.get(--roundTop), weight);
                    i = w[2];
                } else if (w != null) {
                    plain(res, text.substring(i, w[2]));
                    i = w[2];
                } else {
                    plain(res, ":");
                    i++;
                }
            } else if (c == ')') {
                if (roundTop > 0) multiply(res, round.get(--roundTop), ROUND);
                else plain(res, ")");
                i++;
            } else if (c == ']') {
                if (squareTop > 0) multiply(res, square.get(--squareTop), SQUARE);
                else plain(res, "]");
                i++;
            } else {
                int j = i + 1;
                while (j < n && "\\()[]:".indexOf(text.charAt(j)) < 0) j++;
                plain(res, text.substring(i, j));
                i = j;
            }
        }
        for (int k = 0; k < roundTop; k++) multiply(res, round.get(k), ROUND);
        for (int k = 0; k < squareTop; k++) multiply(res, square.get(k), SQUARE);
        if (res.isEmpty()) res.add(new Entry("", 1.0));

        List<WeightedText> out = new ArrayList<>(res.size());
        Entry run = res.get(0);
        StringBuilder merged = null;
        for (int k = 1; k < res.size(); k++) {
            Entry e = res.get(k);
            if (e.weight == run.weight) { // Python's float ==, so 0.0 and -0.0 merge too
                if (merged == null) merged = new StringBuilder(run.text);
                merged.append(e.text);
            } else {
                out.add(new WeightedText(merged == null ? run.text : merged.toString(), run.weight));
                run = e;
                merged = null;
            }
        }
        out.add(new WeightedText(merged == null ? run.text : merged.toString(), run.weight));
        return out;
    }

    /** Matches {@code :\s*([+-]?[.\d]+)\s*\)} at {@code i}: returns {number start, number end, match end} or null. */
    private static int[] matchWeight(String s, int i) {
        int n = s.length();
        int j = i + 1;
        while (j < n && PyText.isSpace(s.charAt(j))) j++;
        int start = j;
        if (j < n && (s.charAt(j) == '+' || s.charAt(j) == '-')) j++;
        int body = j;
        while (j < n) {
            int c = s.codePointAt(j);
            if (c != '.' && !PyText.isDigit(c)) break;
            j += Character.charCount(c);
        }
        if (j == body) return null;
        int end = j;
        while (j < n && PyText.isSpace(s.charAt(j))) j++;
        if (j >= n || s.charAt(j) != ')') return null;
        return new int[] {start, end, j + 1};
    }

    /** Plain text: split on {@code \s*\bBREAK\b\s*}, with a {@code ("BREAK", -1)} marker between the parts. */
    private static void plain(List<Entry> res, String text) {
        int from = 0;
        int search = 0;
        while (true) {
            int k = nextBreak(text, search);
            if (k < 0) break;
            int start = k;
            while (start > from && PyText.isSpace(text.charAt(start - 1))) start--;
            int end = k + WeightedText.BREAK.length();
            while (end < text.length() && PyText.isSpace(text.charAt(end))) end++;
            res.add(new Entry(text.substring(from, start), 1.0));
            res.add(new Entry(WeightedText.BREAK, -1));
            from = end;
            search = end;
        }
        res.add(new Entry(text.substring(from), 1.0));
    }

    private static int nextBreak(String text, int from) {
        int k = text.indexOf(WeightedText.BREAK, from);
        while (k >= 0 && !PyText.wholeWordAt(text, k, WeightedText.BREAK)) k = text.indexOf(WeightedText.BREAK, k + 1);
        return k;
    }

    private static void multiply(List<Entry> res, int from, double m) {
        for (int p = from; p < res.size(); p++) res.get(p).weight *= m;
    }

    private static IntList push(IntList stack, int top, int value) {
        // IntList only grows; the logical top is tracked by the caller so popped slots are reused.
        if (top < stack.size()) {
            stack.set(top, value);
        } else {
            stack.add(value);
        }
        return stack;
    }
}

package dev.easel.text;

import java.util.ArrayList;
import java.util.List;

/**
 * A1111's {@code get_multicond_prompt_list} for one prompt: split on the whole word {@code AND}
 * (case-sensitive), then take a trailing {@code :number} off each part as its weight. Trailing
 * whitespace is dropped and leading whitespace kept, as A1111's {@code re_weight} does.
 */
final class AndSplitter {

    private static final String AND = "AND";

    private AndSplitter() {}

    static List<WeightedPrompt> split(String prompt) {
        List<WeightedPrompt> parts = new ArrayList<>(2);
        int from = 0;
        int k = prompt.indexOf(AND);
        while (k >= 0) {
            if (PyText.wholeWordAt(prompt, k, AND)) {
                parts.add(weighted(prompt.substring(from, k), from));
                from = k + AND.length();
                k = prompt.indexOf(AND, from);
            } else {
                k = prompt.indexOf(AND, k + 1);
            }
        }
        parts.add(weighted(prompt.substring(from), from));
        return parts;
    }

    /** {@code ^((?:\s|.)*?)(?:\s*:\s*([-+]?(?:\d+\.?|\d*\.\d+)))?\s*$}: the shortest text that leaves an optional weight and whitespace. */
    static WeightedPrompt weighted(String part, int offset) {
        int end = part.length();
        while (end > 0 && PyText.isSpace(part.charAt(end - 1))) end--;
        int colon = part.lastIndexOf(':', end - 1);
        if (colon >= 0) {
            int j = colon + 1;
            while (j < end && PyText.isSpace(part.charAt(j))) j++;
            String number = part.substring(j, end);
            if (isWeight(number)) {
                int textEnd = colon;
                while (textEnd > 0 && PyText.isSpace(part.charAt(textEnd - 1))) textEnd--;
                return new WeightedPrompt(part.substring(0, textEnd), PyText.parseDecimal(number), offset);
            }
        }
        return new WeightedPrompt(part.substring(0, end), 1.0, offset);
    }

    /** {@code [-+]?(?:\d+\.?|\d*\.\d+)} matching the whole string. */
    private static boolean isWeight(String s) {
        int i = 0;
        int n = s.length();
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) i++;
        int before = 0;
        while (i < n && PyText.isDigit(s.codePointAt(i))) {
            i += Character.charCount(s.codePointAt(i));
            before++;
        }
        if (i == n) return before > 0;
        if (s.charAt(i) != '.') return false;
        i++;
        int after = 0;
        while (i < n && PyText.isDigit(s.codePointAt(i))) {
            i += Character.charCount(s.codePointAt(i));
            after++;
        }
        return i == n && (before > 0 || after > 0);
    }
}

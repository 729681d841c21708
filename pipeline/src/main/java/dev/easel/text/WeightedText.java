package dev.easel.text;

/**
 * One fragment of a prompt with its attention multiplier, as A1111's {@code parse_prompt_attention}
 * returns it. A {@code BREAK} keyword outside brackets is the fragment {@code ("BREAK", -1)}.
 */
public record WeightedText(String text, double weight) {

    public static final String BREAK = "BREAK";

    /** True for the chunk-break marker; a BREAK inside brackets had its -1 multiplied and is ordinary text. */
    public boolean isBreak() { return weight == -1 && BREAK.equals(text); }
}

package dev.easel.text;

import java.util.List;

/**
 * A1111's prompt grammar, in the order A1111 applies it: {@link #splitAnd} (positive prompts only),
 * then {@link #schedule} on each part (prompt editing and alternation), then {@link #parseAttention}
 * on each scheduled text (emphasis and {@code BREAK}).
 */
public final class PromptParser {

    private PromptParser() {}

    /**
     * Splits a positive prompt on {@code AND} and takes each part's trailing {@code :weight}. A prompt
     * without {@code AND} is one part, and a trailing {@code :number} is still its weight (A1111 quirk).
     */
    public static List<WeightedPrompt> splitAnd(String prompt) {
        return AndSplitter.split(prompt);
    }

    /** The prompt's texts over {@code steps} steps, with A1111's default (new) scheduling. */
    public static List<ScheduleEntry> schedule(String prompt, int steps) {
        return ScheduleParser.schedule(prompt, steps, ScheduleOptions.DEFAULT);
    }

    /**
     * The prompt's texts over the steps: one entry per step at which the text may change, the last
     * at {@code steps} (or the hires steps).
     *
     * @throws PromptSyntaxException for an edit step A1111 cannot convert (an infinite number)
     */
    public static List<ScheduleEntry> schedule(String prompt, int steps, ScheduleOptions options) {
        return ScheduleParser.schedule(prompt, steps, options);
    }

    /**
     * Emphasis and {@code BREAK}: the text's fragments with their attention multipliers.
     *
     * @throws PromptSyntaxException when an emphasis weight is not a number, as in {@code (a:1.2.3)}
     */
    public static List<WeightedText> parseAttention(String text) {
        return AttentionParser.parse(text);
    }
}

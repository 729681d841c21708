package dev.easel.bridge.engine;

import java.util.List;

/**
 * The answer of {@code POST /easel/v1/prompt/analyze}.
 *
 * @param tokenCount the longest scheduled prompt's token count (A1111's token counter)
 * @param tokenLimit tokens the chunks hold: 75 per chunk, at least one chunk
 * @param parts      one per AND sub-prompt
 */
public record PromptAnalysis(int tokenCount, int tokenLimit, List<Part> parts) {

    /**
     * One AND sub-prompt.
     *
     * @param attention (text, weight) pairs of the first scheduled prompt
     * @param chunks    77-token chunks of the first scheduled prompt, BOS and EOS included
     */
    public record Part(String text, double weight, List<Schedule> schedules, List<List<Object>> attention,
                       List<Chunk> chunks) { }

    /** The prompt in effect until (and including) {@code untilStep}. */
    public record Schedule(int untilStep, String prompt) { }

    public record Chunk(int[] tokens, float[] multipliers) { }
}

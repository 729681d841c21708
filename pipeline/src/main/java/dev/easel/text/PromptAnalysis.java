package dev.easel.text;

import java.util.ArrayList;
import java.util.List;

/**
 * What a prompt means, for display (Easel's {@code POST /easel/v1/prompt/analyze}): A1111's token
 * counter figures ({@code token_count} over every scheduled text of every part, and the chunk-rounded
 * limit), and per {@code AND} part its weight, schedule, attention fragments and encoder chunks.
 */
public record PromptAnalysis(int tokenCount, int tokenLimit, List<Part> parts) {

    /** Attention and chunks describe the part's first scheduled text. */
    public record Part(String text, double weight, List<Schedule> schedules, List<Attention> attention, List<ChunkData> chunks) {}

    /** {@code prompt} is in force up to and including step {@code untilStep}. */
    public record Schedule(int untilStep, String prompt) {}

    public record Attention(String text, double weight) {}

    /** 77 token ids and 77 multipliers. */
    public record ChunkData(int[] tokens, double[] multipliers) {}

    public PromptAnalysis {
        parts = List.copyOf(parts);
    }

    /**
     * Analyses a prompt as A1111 would use it over {@code steps} steps. A negative prompt
     * ({@code positive = false}) is one part: A1111 does not split it on {@code AND}.
     *
     * @throws PromptSyntaxException for a prompt A1111 rejects, with its position in {@code prompt}
     */
    public static PromptAnalysis analyze(String prompt, int steps, boolean positive, PromptChunker chunker) {
        if (steps < 1) throw new IllegalArgumentException("steps must be at least 1, got " + steps);
        List<WeightedPrompt> split = positive ? PromptParser.splitAnd(prompt) : List.of(new WeightedPrompt(prompt, 1.0, 0));
        int tokenCount = 0;
        List<Part> parts = new ArrayList<>(split.size());
        for (WeightedPrompt wp : split) {
            List<ScheduleEntry> entries;
            try {
                entries = PromptParser.schedule(wp.text(), steps);
            } catch (PromptSyntaxException e) {
                throw e.shifted(wp.offset());
            }
            List<Schedule> schedules = new ArrayList<>(entries.size());
            ChunkedPrompt first = null;
            for (ScheduleEntry e : entries) {
                schedules.add(new Schedule(e.endAtStep(), e.text()));
                ChunkedPrompt c = chunkAt(chunker, e.text(), wp);
                if (first == null) first = c;
                tokenCount = Math.max(tokenCount, c.tokenCount());
            }
            String firstText = entries.get(0).text();
            List<WeightedText> fragments = chunker.emphasis() == Emphasis.NONE
                    ? List.of(new WeightedText(firstText, 1.0)) : PromptParser.parseAttention(firstText);
            List<Attention> attention = fragments.stream().map(f -> new Attention(f.text(), f.weight())).toList();
            List<ChunkData> chunks = first.chunks().stream()
                    .map(c -> new ChunkData(c.tokens().clone(), c.multipliers().clone())).toList();
            parts.add(new Part(wp.text(), wp.weight(), schedules, attention, chunks));
        }
        return new PromptAnalysis(tokenCount, PromptChunker.targetTokenCount(tokenCount), parts);
    }

    private static ChunkedPrompt chunkAt(PromptChunker chunker, String text, WeightedPrompt part) {
        try {
            return chunker.chunk(text);
        } catch (PromptSyntaxException e) {
            throw text.equals(part.text()) ? e.shifted(part.offset()) : new PromptSyntaxException(
                    e.problem() + " in the prompt as scheduled, '" + text + "'", part.offset());
        }
    }
}

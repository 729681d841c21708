package dev.easel.bridge.engine;

import java.util.ArrayList;
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

    /** The text package's analysis in this JSON shape ({@code attention} as [text, weight] pairs). */
    public static PromptAnalysis of(dev.easel.text.PromptAnalysis a) {
        List<Part> parts = new ArrayList<>();
        for (dev.easel.text.PromptAnalysis.Part p : a.parts()) {
            List<Schedule> schedules = p.schedules().stream().map(s -> new Schedule(s.untilStep(), s.prompt())).toList();
            List<List<Object>> attention = p.attention().stream().map(t -> List.<Object>of(t.text(), t.weight())).toList();
            List<Chunk> chunks = new ArrayList<>();
            for (dev.easel.text.PromptAnalysis.ChunkData c : p.chunks()) {
                float[] m = new float[c.multipliers().length];
                for (int i = 0; i < m.length; i++) m[i] = (float) c.multipliers()[i];
                chunks.add(new Chunk(c.tokens(), m));
            }
            parts.add(new Part(p.text(), p.weight(), schedules, attention, chunks));
        }
        return new PromptAnalysis(a.tokenCount(), a.tokenLimit(), parts);
    }
}

package dev.easel.text;

import java.util.List;

/**
 * One encoder row: {@link PromptChunker#TOKENS_PER_CHUNK} token ids (start, 75 prompt or padding
 * tokens, end) with one attention multiplier per token, and the embeddings to splice in.
 */
public record Chunk(int[] tokens, double[] multipliers, List<EmbeddingFix> fixes) {

    /** An embedding's vectors go at chunk positions {@code offset + 1 ...} (after the start token). */
    public record EmbeddingFix(int offset, Embedding embedding) {}

    public Chunk {
        if (tokens.length != multipliers.length) throw new IllegalArgumentException("tokens and multipliers differ in length");
        fixes = List.copyOf(fixes);
    }

    /** Whether every multiplier is exactly 1 (the chunk is unaffected by emphasis). */
    public boolean unweighted() {
        for (double m : multipliers) if (m != 1.0) return false;
        return true;
    }
}

package dev.easel.text;

/**
 * Finds the textual-inversion embedding whose name's tokens start at a position of a token stream
 * (A1111's {@code find_embedding_at_position}). Implementations hold the loaded embeddings; the
 * chunker asks at every token.
 */
@FunctionalInterface
public interface EmbeddingLookup {

    /** What matched: the embedding and how many prompt tokens its name covered. */
    record Match(Embedding embedding, int tokenLength) {}

    /** No embeddings at all. */
    EmbeddingLookup NONE = (tokens, position) -> null;

    /** The longest embedding name whose tokens equal {@code tokens[position..]}, or null when none matches. */
    Match find(int[] tokens, int position);
}

package dev.easel.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An {@link EmbeddingLookup} over a fixed set of embeddings, matching their names as token
 * sequences the way A1111's {@code EmbeddingDatabase} does: names are tokenized with the same
 * tokenizer as prompts, indexed by their first token, and the longest name wins.
 */
public final class TokenizedEmbeddings implements EmbeddingLookup {

    private record Entry(int[] ids, Embedding embedding) {}

    private final Map<Integer, List<Entry>> byFirstToken = new HashMap<>();

    public TokenizedEmbeddings(Collection<Embedding> embeddings, TokenEncoder encoder) {
        for (Embedding e : embeddings) {
            int[] ids = encoder.encode(e.name());
            if (ids.length == 0) throw new IllegalArgumentException("embedding name '" + e.name() + "' has no tokens");
            byFirstToken.computeIfAbsent(ids[0], k -> new ArrayList<>()).add(new Entry(ids, e));
        }
        for (List<Entry> list : byFirstToken.values()) list.sort(Comparator.comparingInt((Entry x) -> x.ids().length).reversed());
    }

    @Override
    public Match find(int[] tokens, int position) {
        List<Entry> candidates = byFirstToken.get(tokens[position]);
        if (candidates == null) return null;
        for (Entry c : candidates) {
            int end = position + c.ids().length;
            if (end <= tokens.length && Arrays.equals(tokens, position, end, c.ids(), 0, c.ids().length)) {
                return new Match(c.embedding(), c.ids().length);
            }
        }
        return null;
    }
}

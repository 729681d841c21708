package dev.easel.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A1111's {@code tokenize_line} for CLIP text encoders: parse emphasis, tokenize each fragment on its
 * own, and cut the tokens into chunks of 75 wrapped as start + 75 + end, with per-token multipliers.
 * When a chunk fills up and a comma lies at most {@code commaPaddingBacktrack} tokens back, the tokens
 * after the comma move to the next chunk. {@code BREAK} starts a new chunk. Results are cached by text.
 */
public final class PromptChunker {

    /** A1111's {@code chunk_length}: prompt tokens per chunk. */
    public static final int CHUNK_LENGTH = 75;
    /** Tokens per encoder row: start + 75 + end. */
    public static final int TOKENS_PER_CHUNK = CHUNK_LENGTH + 2;
    /** A1111's {@code comma_padding_backtrack} default. */
    public static final int DEFAULT_COMMA_BACKTRACK = 20;
    /** Placeholder id A1111 puts where an embedding's vectors will go. */
    static final int EMBEDDING_PLACEHOLDER = 0;

    private final TokenEncoder encoder;
    private final int startId;
    private final int endId;
    private final int commaId;
    private final Emphasis emphasis;
    private final int commaBacktrack;
    private final EmbeddingLookup embeddings;
    private final Map<String, ChunkedPrompt> cache = new ConcurrentHashMap<>();

    /**
     * @param endId SD 1.x pads with its end token, so this is both the end and the padding id
     * @param commaId the id of {@code ",</w>"} (267 in CLIP's vocabulary)
     */
    public PromptChunker(TokenEncoder encoder, int startId, int endId, int commaId, Emphasis emphasis,
                         int commaPaddingBacktrack, EmbeddingLookup embeddings) {
        if (commaPaddingBacktrack < 0 || commaPaddingBacktrack >= CHUNK_LENGTH) {
            throw new IllegalArgumentException("comma_padding_backtrack must be 0..74, got " + commaPaddingBacktrack);
        }
        this.encoder = encoder;
        this.startId = startId;
        this.endId = endId;
        this.commaId = commaId;
        this.emphasis = emphasis;
        this.commaBacktrack = commaPaddingBacktrack;
        this.embeddings = embeddings == null ? EmbeddingLookup.NONE : embeddings;
    }

    /** The SD 1.x chunker over a CLIP tokenizer. */
    public static PromptChunker forClip(ClipTokenizer tokenizer, Emphasis emphasis, int commaPaddingBacktrack, EmbeddingLookup embeddings) {
        return new PromptChunker(tokenizer, tokenizer.startId(), tokenizer.endId(), tokenizer.tokenId(",</w>"),
                emphasis, commaPaddingBacktrack, embeddings);
    }

    public Emphasis emphasis() { return emphasis; }

    /** A1111's {@code get_target_prompt_token_count}: {@code ceil(max(n, 1) / 75) * 75}. */
    public static int targetTokenCount(int tokenCount) {
        return (Math.max(tokenCount, 1) + CHUNK_LENGTH - 1) / CHUNK_LENGTH * CHUNK_LENGTH;
    }

    /** Start, then 76 end tokens, all multipliers 1: what stands in for a missing chunk in a batch. */
    public Chunk emptyChunk() {
        int[] tokens = new int[TOKENS_PER_CHUNK];
        Arrays.fill(tokens, endId);
        tokens[0] = startId;
        double[] mults = new double[TOKENS_PER_CHUNK];
        Arrays.fill(mults, 1.0);
        return new Chunk(tokens, mults, List.of());
    }

    /**
     * Chunks one scheduled prompt text.
     *
     * @throws PromptSyntaxException when the emphasis syntax is one A1111 rejects
     */
    public ChunkedPrompt chunk(String line) {
        ChunkedPrompt cached = cache.get(line);
        if (cached == null) {
            cached = tokenizeLine(line);
            cache.put(line, cached);
        }
        return cached;
    }

    private ChunkedPrompt tokenizeLine(String line) {
        List<WeightedText> parsed = emphasis == Emphasis.NONE ? List.of(new WeightedText(line, 1.0)) : PromptParser.parseAttention(line);
        Builder b = new Builder();
        for (WeightedText fragment : parsed) {
            if (fragment.isBreak()) {
                b.nextChunk(false);
                continue;
            }
            int[] tokens = encoder.encode(fragment.text());
            double weight = fragment.weight();
            int position = 0;
            while (position < tokens.length) {
                int token = tokens[position];
                if (token == commaId) {
                    b.lastComma = b.size;
                } else if (commaBacktrack != 0 && b.size == CHUNK_LENGTH && b.lastComma != -1
                        && b.size - b.lastComma <= commaBacktrack) {
                    b.backtrackToComma();
                }
                if (b.size == CHUNK_LENGTH) b.nextChunk(false);

                EmbeddingLookup.Match match = embeddings.find(tokens, position);
                if (match == null) {
                    b.append(token, weight);
                    position++;
                    continue;
                }
                int count = match.embedding().vectorCount();
                if (count > CHUNK_LENGTH) {
                    throw new IllegalArgumentException("embedding '" + match.embedding().name() + "' has " + count
                            + " vectors; at most " + CHUNK_LENGTH + " fit in a chunk");
                }
                if (b.size + count > CHUNK_LENGTH) b.nextChunk(false);
                b.fixes.add(new Chunk.EmbeddingFix(b.size, match.embedding()));
                for (int k = 0; k < count; k++) b.append(EMBEDDING_PLACEHOLDER, weight);
                position += match.tokenLength();
            }
        }
        if (b.size > 0 || b.chunks.isEmpty()) b.nextChunk(true);
        return new ChunkedPrompt(b.chunks, b.tokenCount);
    }

    /** The chunk being filled, and the finished ones. */
    private final class Builder {
        final List<Chunk> chunks = new ArrayList<>();
        int[] tokens = new int[CHUNK_LENGTH];
        double[] mults = new double[CHUNK_LENGTH];
        List<Chunk.EmbeddingFix> fixes = new ArrayList<>();
        int size;
        int lastComma = -1;
        int tokenCount;

        void append(int token, double weight) {
            tokens[size] = token;
            mults[size] = weight;
            size++;
        }

        /**
         * Ends the chunk just after the last comma and carries the tokens after it into the next one.
         * Embedding fixes stay with the finished chunk (A1111 moves only tokens and multipliers).
         */
        void backtrackToComma() {
            int breakAt = lastComma + 1;
            int carried = size - breakAt;
            int[] carriedTokens = Arrays.copyOfRange(tokens, breakAt, size);
            double[] carriedMults = Arrays.copyOfRange(mults, breakAt, size);
            size = breakAt;
            nextChunk(false);
            System.arraycopy(carriedTokens, 0, tokens, 0, carried);
            System.arraycopy(carriedMults, 0, mults, 0, carried);
            size = carried;
        }

        void nextChunk(boolean isLast) {
            tokenCount += isLast ? size : CHUNK_LENGTH;
            int[] row = new int[TOKENS_PER_CHUNK];
            double[] rowMults = new double[TOKENS_PER_CHUNK];
            Arrays.fill(row, endId);
            Arrays.fill(rowMults, 1.0);
            row[0] = startId;
            System.arraycopy(tokens, 0, row, 1, size);
            System.arraycopy(mults, 0, rowMults, 1, size);
            chunks.add(new Chunk(row, rowMults, fixes));
            tokens = new int[CHUNK_LENGTH];
            mults = new double[CHUNK_LENGTH];
            fixes = new ArrayList<>();
            size = 0;
            lastComma = -1;
        }
    }
}

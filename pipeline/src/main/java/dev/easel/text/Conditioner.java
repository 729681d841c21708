package dev.easel.text;

import dev.easel.model.DiffusionModel;
import dev.easel.onnx.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a request's prompts into the conditioning the sampler consumes, as A1111's
 * {@code get_multicond_learned_conditioning} (positive: AND parts, weights, schedules) and
 * {@code get_learned_conditioning} (negative: schedules, no AND). Each part's schedule texts are
 * encoded together: chunk i of every text forms one encoder call, missing chunks are the empty chunk,
 * and emphasis is applied over that call. Identical token rows are encoded once per conditioner, so
 * make one per request; not thread-safe.
 */
public final class Conditioner {

    private record RowKey(int[] tokens, List<Chunk.EmbeddingFix> fixes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof RowKey k && Arrays.equals(tokens, k.tokens) && fixes.equals(k.fixes);
        }

        @Override
        public int hashCode() { return Arrays.hashCode(tokens) * 31 + fixes.hashCode(); }
    }

    private record ScheduleKey(String text, int steps, ScheduleOptions options) {}

    private final DiffusionModel model;
    private final PromptChunker chunker;
    private final int clipSkip;
    private final Map<RowKey, float[]> encodedRows = new HashMap<>();
    private final Map<ScheduleKey, ScheduledConditioning> schedules = new HashMap<>();
    private int encoderCalls;

    /** @param clipSkip A1111's {@code CLIP_stop_at_last_layers}: 1 for the last layer */
    public Conditioner(DiffusionModel model, PromptChunker chunker, int clipSkip) {
        if (clipSkip < 1) throw new IllegalArgumentException("clip skip must be at least 1, got " + clipSkip);
        this.model = model;
        this.chunker = chunker;
        this.clipSkip = clipSkip;
    }

    /** A conditioner over a CLIP tokenizer with A1111's settings of the same names. */
    public static Conditioner create(DiffusionModel model, ClipTokenizer tokenizer, Emphasis emphasis, int clipSkip,
                                     int commaPaddingBacktrack, EmbeddingLookup embeddings) {
        return new Conditioner(model, PromptChunker.forClip(tokenizer, emphasis, commaPaddingBacktrack, embeddings), clipSkip);
    }

    public PromptConditioning positive(String prompt, int steps) {
        return positive(prompt, steps, ScheduleOptions.DEFAULT);
    }

    /**
     * @param steps the schedule length: the sampling steps, doubled for second-order samplers (A1111's {@code total_steps})
     * @throws PromptSyntaxException for a prompt A1111 rejects, with its position in {@code prompt}
     */
    public PromptConditioning positive(String prompt, int steps, ScheduleOptions options) {
        List<WeightedPrompt> split = PromptParser.splitAnd(prompt);
        // Every part is checked before anything is encoded, so a bad part costs no encoder time.
        for (WeightedPrompt part : split) {
            for (ScheduleEntry e : scheduleTexts(part.text(), part.offset(), steps, options)) chunk(e.text(), part.text(), part.offset());
        }
        List<PromptConditioning.Part> parts = new ArrayList<>();
        for (WeightedPrompt part : split) {
            parts.add(new PromptConditioning.Part(part.text(), part.weight(), schedule(part.text(), part.offset(), steps, options)));
        }
        return new PromptConditioning(parts);
    }

    public ScheduledConditioning negative(String prompt, int steps) {
        return negative(prompt, steps, ScheduleOptions.DEFAULT);
    }

    /** The negative prompt: schedules apply, {@code AND} and {@code :weight} are plain text (A1111 behaviour). */
    public ScheduledConditioning negative(String prompt, int steps, ScheduleOptions options) {
        return schedule(prompt, 0, steps, options);
    }

    /** How many times the text encoder has run (for tests of the caching). */
    int encoderCalls() { return encoderCalls; }

    private ScheduledConditioning schedule(String text, int offset, int steps, ScheduleOptions options) {
        ScheduleKey key = new ScheduleKey(text, steps, options);
        ScheduledConditioning cached = schedules.get(key);
        if (cached != null) return cached;
        List<ScheduleEntry> entries = scheduleTexts(text, offset, steps, options);

        // Distinct texts in schedule order, with how often each stands in A1111's encoder batch.
        Map<String, Integer> multiplicity = new LinkedHashMap<>();
        for (ScheduleEntry e : entries) multiplicity.merge(e.text(), 1, Integer::sum);
        List<String> texts = new ArrayList<>(multiplicity.keySet());
        List<ChunkedPrompt> chunked = new ArrayList<>();
        int chunkCount = 0;
        for (String t : texts) {
            ChunkedPrompt c = chunk(t, text, offset);
            chunked.add(c);
            chunkCount = Math.max(chunkCount, c.chunks().size());
        }
        int[] counts = texts.stream().mapToInt(multiplicity::get).toArray();

        Chunk empty = chunker.emptyChunk();
        float[][] perText = null;
        int hidden = -1;
        int rowSize = -1;
        for (int i = 0; i < chunkCount; i++) {
            List<Chunk> rows = new ArrayList<>(texts.size());
            for (ChunkedPrompt c : chunked) rows.add(i < c.chunks().size() ? c.chunks().get(i) : empty);
            float[][] z = encode(rows);
            if (perText == null) {
                rowSize = z[0].length;
                hidden = rowSize / PromptChunker.TOKENS_PER_CHUNK;
                perText = new float[texts.size()][rowSize * chunkCount];
            }
            double[][] mults = rows.stream().map(Chunk::multipliers).toArray(double[][]::new);
            float[][] emphasized = EmphasisApplier.apply(chunker.emphasis(), z, mults, counts, hidden);
            for (int d = 0; d < texts.size(); d++) System.arraycopy(emphasized[d], 0, perText[d], i * rowSize, rowSize);
        }

        Map<String, Tensor> tensors = new HashMap<>();
        for (int d = 0; d < texts.size(); d++) {
            tensors.put(texts.get(d), new Tensor(new long[] {1, (long) PromptChunker.TOKENS_PER_CHUNK * chunkCount, hidden}, perText[d]));
        }
        List<ScheduledConditioning.Entry> out = new ArrayList<>(entries.size());
        for (ScheduleEntry e : entries) out.add(new ScheduledConditioning.Entry(e.endAtStep(), e.text(), tensors.get(e.text())));
        ScheduledConditioning result = new ScheduledConditioning(out);
        schedules.put(key, result);
        return result;
    }

    private static List<ScheduleEntry> scheduleTexts(String text, int offset, int steps, ScheduleOptions options) {
        try {
            return PromptParser.schedule(text, steps, options);
        } catch (PromptSyntaxException e) {
            throw e.shifted(offset);
        }
    }

    /** Chunks a scheduled text; a syntax error is placed in the whole prompt where that can be known. */
    private ChunkedPrompt chunk(String scheduled, String part, int offset) {
        try {
            return chunker.chunk(scheduled);
        } catch (PromptSyntaxException e) {
            if (scheduled.equals(part)) throw e.shifted(offset);
            try {
                PromptParser.parseAttention(part);
            } catch (PromptSyntaxException inPart) {
                throw inPart.shifted(offset);
            }
            throw new PromptSyntaxException(e.problem() + " in the prompt as scheduled, '" + scheduled + "'", offset);
        }
    }

    /**
     * Splices textual-inversion vectors in as A1111's {@code EmbeddingsWithFixes} does: at chunk positions
     * {@code offset + 1 ...}, cut at the end of the row. The model takes them as extra embedding rows
     * selected by ids from {@link DiffusionModel#EXTRA_TOKEN_BASE}.
     */
    private Tensor encodeWithEmbeddings(int[] ids, List<RowKey> keys) {
        Map<Embedding, Integer> firstRow = new LinkedHashMap<>();
        int rows = 0;
        int hidden = -1;
        for (RowKey key : keys) {
            for (Chunk.EmbeddingFix fix : key.fixes()) {
                if (!firstRow.containsKey(fix.embedding())) {
                    firstRow.put(fix.embedding(), rows);
                    rows += fix.embedding().vectorCount();
                    hidden = (int) fix.embedding().vectors().dim(1);
                }
            }
        }
        float[] extra = new float[rows * hidden];
        for (Map.Entry<Embedding, Integer> e : firstRow.entrySet()) {
            float[] v = e.getKey().vectors().data();
            if (v.length != e.getKey().vectorCount() * hidden) {
                throw new IllegalArgumentException("embedding '" + e.getKey().name() + "' has vectors of width "
                        + e.getKey().vectors().dim(1) + " but another in the prompt has " + hidden);
            }
            System.arraycopy(v, 0, extra, e.getValue() * hidden, v.length);
        }
        int[] withFixes = ids.clone();
        for (int b = 0; b < keys.size(); b++) {
            for (Chunk.EmbeddingFix fix : keys.get(b).fixes()) {
                int base = b * PromptChunker.TOKENS_PER_CHUNK;
                int count = Math.min(PromptChunker.TOKENS_PER_CHUNK - fix.offset() - 1, fix.embedding().vectorCount());
                for (int k = 0; k < count; k++) {
                    withFixes[base + fix.offset() + 1 + k] = DiffusionModel.EXTRA_TOKEN_BASE + firstRow.get(fix.embedding()) + k;
                }
            }
        }
        return model.encodeText(withFixes, keys.size(), clipSkip, new Tensor(new long[] {rows, hidden}, extra));
    }

    /** Raw hidden states {@code [77 * hidden]} for each row, running the encoder once for the rows not seen yet. */
    private float[][] encode(List<Chunk> rows) {
        float[][] out = new float[rows.size()][];
        Map<RowKey, List<Integer>> missing = new LinkedHashMap<>();
        for (int r = 0; r < rows.size(); r++) {
            RowKey key = new RowKey(rows.get(r).tokens(), rows.get(r).fixes());
            float[] z = encodedRows.get(key);
            if (z != null) out[r] = z;
            else missing.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
        }
        if (missing.isEmpty()) return out;

        List<RowKey> keys = new ArrayList<>(missing.keySet());
        int[] ids = new int[keys.size() * PromptChunker.TOKENS_PER_CHUNK];
        boolean anyFixes = false;
        for (int b = 0; b < keys.size(); b++) {
            System.arraycopy(keys.get(b).tokens(), 0, ids, b * PromptChunker.TOKENS_PER_CHUNK, PromptChunker.TOKENS_PER_CHUNK);
            anyFixes |= !keys.get(b).fixes().isEmpty();
        }
        Tensor z = anyFixes ? encodeWithEmbeddings(ids, keys) : model.encodeText(ids, keys.size(), clipSkip);
        encoderCalls++;
        if (z.rank() != 3 || z.dim(0) != keys.size() || z.dim(1) != PromptChunker.TOKENS_PER_CHUNK) {
            throw new IllegalStateException("text encoder returned " + z + ", expected [" + keys.size() + ", 77, hidden]");
        }
        int rowSize = z.batchStride();
        for (int b = 0; b < keys.size(); b++) {
            float[] row = Arrays.copyOfRange(z.data(), b * rowSize, (b + 1) * rowSize);
            encodedRows.put(keys.get(b), row);
            for (int r : missing.get(keys.get(b))) out[r] = row;
        }
        return out;
    }
}

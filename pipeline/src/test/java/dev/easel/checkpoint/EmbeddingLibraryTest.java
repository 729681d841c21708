package dev.easel.checkpoint;

import dev.easel.model.DiffusionModel;
import dev.easel.onnx.OrtSettings;
import dev.easel.onnx.Tensor;
import dev.easel.text.Chunk;
import dev.easel.text.ClipTokenizer;
import dev.easel.text.Emphasis;
import dev.easel.text.PromptChunker;
import dev.easel.text.TokenizedEmbeddings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmbeddingLibraryTest {

    @TempDir
    Path dir;

    @Test
    void readsA1111FormatsAndListsWhatItSkips() throws IOException {
        Path emb = Files.createDirectories(dir.resolve("embeddings/sub"));
        write(emb.resolve("../two-vectors.safetensors"), "emb_params", new long[] {2, 48});
        write(emb.resolve("one-vector.safetensors"), "string_to_param.*", new long[] {48});
        write(emb.resolve("../wide.safetensors"), "emb_params", new long[] {1, 768});
        Files.write(emb.resolve("../pickled.pt"), new byte[] {(byte) 0x80, 2});
        SafetensorsWriter.write(emb.resolve("../xl.safetensors"), List.of(
                SafetensorsWriter.floats("clip_g", DType.F32, new long[] {1, 4}, new float[4]),
                SafetensorsWriter.floats("clip_l", DType.F32, new long[] {1, 4}, new float[4])), null, null);

        EmbeddingLibrary lib = EmbeddingLibrary.scan(dir.resolve("embeddings"), 48);
        assertEquals(List.of("one-vector", "two-vectors"), List.copyOf(lib.all().keySet()).stream().sorted().toList());
        assertEquals(2, lib.get("two-vectors").orElseThrow().vectorCount());
        assertArrayEquals(new long[] {1, 48}, lib.get("one-vector").orElseThrow().vectors().shape(), "a 1-D vector is one row");
        assertEquals(3, lib.skipped().size());
        String reasons = lib.skipped().toString();
        assertTrue(reasons.contains("needs 48"), reasons);
        assertTrue(reasons.contains("pickled"), reasons);
        assertTrue(reasons.contains("SDXL"), reasons);
        assertTrue(EmbeddingLibrary.scan(dir.resolve("absent"), 48).all().isEmpty());
    }

    /** The whole path: file, A1111 name matching in the chunker, extra rows, the checkpoint's text encoder. */
    @Test
    void anEmbeddingNamedInAPromptChangesTheConditioningFromItsPosition() throws IOException {
        write(dir.resolve("embeddings/easelstyle.safetensors"), "emb_params", new long[] {2, 48});
        Path checkpoint = Files.copy(Fixtures.tinyFp32(), Files.createDirectories(dir.resolve("stable-diffusion")).resolve("tiny.safetensors"));
        try (CheckpointDiffusionModel model = CheckpointDiffusionModel.open(checkpoint, new CheckpointCache(dir.resolve(".cache")),
                OrtSettings.cpu(), false, null)) {
            ClipTokenizer tokenizer = ClipTokenizer.load(model.tokenizerDir());
            EmbeddingLibrary lib = EmbeddingLibrary.scan(dir.resolve("embeddings"), model.hiddenSize());
            PromptChunker chunker = PromptChunker.forClip(tokenizer, Emphasis.ORIGINAL, PromptChunker.DEFAULT_COMMA_BACKTRACK,
                    new TokenizedEmbeddings(lib.all().values(), tokenizer));
            Chunk with = chunker.chunk("a photo in easelstyle, detailed").chunks().get(0);
            Chunk without = chunker.chunk("a photo in").chunks().get(0);
            assertEquals(1, with.fixes().size());
            int at = with.fixes().get(0).offset() + 1; // after the start token
            assertEquals(4, at);

            int[] ids = with.tokens().clone();
            for (int i = 0; i < 2; i++) ids[at + i] = DiffusionModel.EXTRA_TOKEN_BASE + i;
            Tensor a = model.encodeText(ids, 1, 1, with.fixes().get(0).embedding().vectors());
            Tensor b = model.encodeText(without.tokens(), 1, 1);
            int hidden = model.hiddenSize();
            for (int pos = 0; pos < PromptChunker.TOKENS_PER_CHUNK; pos++) {
                boolean same = true;
                for (int c = 0; c < hidden; c++) same &= a.data()[pos * hidden + c] == b.data()[pos * hidden + c];
                if (pos < at) assertTrue(same, "row " + pos + " comes before the embedding");
                else assertFalse(same, "row " + pos + " sees the embedding");
            }
        }
    }

    private static void write(Path p, String key, long[] shape) throws IOException {
        int n = 1;
        for (long d : shape) n *= (int) d;
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) Math.cos(i * 0.61) * 0.03f;
        SafetensorsWriter.write(p.normalize(), List.of(SafetensorsWriter.floats(key, DType.F32, shape, v)), null, null);
    }
}

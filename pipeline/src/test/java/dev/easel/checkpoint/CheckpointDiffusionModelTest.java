package dev.easel.checkpoint;

import dev.easel.onnx.OrtSettings;
import dev.easel.onnx.Tensor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tiny checkpoint loaded the way the bridge loads it: cache folder, then the DiffusionModel calls. */
class CheckpointDiffusionModelTest {

    @TempDir
    static Path store;
    static CheckpointCache cache;
    static CheckpointDiffusionModel model;
    static List<String> stages = new ArrayList<>();

    @BeforeAll
    static void load() throws IOException {
        Path checkpoint = Files.copy(Fixtures.tinyFp32(), Files.createDirectories(store.resolve("stable-diffusion")).resolve("tiny.safetensors"));
        cache = new CheckpointCache(store.resolve(".cache"));
        model = CheckpointDiffusionModel.open(checkpoint, cache, OrtSettings.cpu(), false, (s, d, t) -> stages.add(s));
    }

    @AfterAll
    static void close() {
        if (model != null) model.close();
    }

    @Test
    void folderIsADiffusersLayoutWithTheRealVocabulary() throws IOException {
        Path f = model.folder();
        for (String p : List.of("text_encoder/model.onnx", "unet/model.onnx", "vae_encoder/model.onnx", "vae_decoder/model.onnx",
                "tokenizer/vocab.json", "tokenizer/merges.txt", "scheduler/scheduler_config.json", "model_index.json",
                "tiled/unet/model.onnx", CheckpointConverter.EMBEDDINGS_GRAPH)) {
            assertTrue(Files.isRegularFile(f.resolve(p)), p);
        }
        assertTrue(Files.size(f.resolve("tokenizer/vocab.json")) > 900_000, "the full CLIP vocabulary");
        assertEquals(List.of("text_encoder", "unet", "vae_encoder", "vae_decoder", "done"), stages);
        String sha = CheckpointHashes.compute(Fixtures.tinyFp32());
        assertEquals(sha.substring(0, 16), f.getFileName().toString());
        assertEquals(4, model.unetInChannels());
        assertEquals(48, model.hiddenSize());
        assertEquals("tiny.safetensors", model.name());
    }

    @Test
    void secondLoadReusesTheBuiltFolder() throws IOException {
        Path unet = model.folder().resolve("unet/model.onnx");
        FileTime before = Files.getLastModifiedTime(unet);
        Path again = cache.folder(store.resolve("stable-diffusion/tiny.safetensors"), false, (s, d, t) -> {
            throw new AssertionError("rebuilt " + s);
        });
        assertEquals(model.folder(), again);
        assertEquals(before, Files.getLastModifiedTime(unet));
    }

    @Test
    void everyCallMatchesTheReferenceThroughTheModelInterface() {
        Tensor ids = Graphs.reference("text.input_ids");
        int[] intIds = new int[ids.data().length];
        for (int i = 0; i < intIds.length; i++) intIds[i] = (int) ids.data()[i];
        Graphs.assertClose(Graphs.reference("text.last_hidden_state"), model.encodeText(intIds, 2, 1), 1e-4);
        Graphs.assertClose(Graphs.reference("text.penultimate_normed"), model.encodeText(intIds, 2, 2), 1e-4);
        Tensor t = Graphs.reference("unet.timestep");
        Graphs.assertClose(Graphs.reference("unet.out_sample"), model.unet(Graphs.reference("unet.sample"), t.data(),
                Graphs.reference("unet.encoder_hidden_states")), 1e-4);
        Graphs.assertClose(Graphs.reference("vae.decoded"), model.decode(Graphs.reference("vae.latent")), 1e-4);
        Graphs.assertClose(Graphs.reference("vae.moments"), model.encodeMoments(Graphs.reference("vae.image")), 1e-4);
    }

    @Test
    void tilingWrapsTheDecoderAroundTheEdges() {
        Tensor latent = Graphs.reference("vae.latent"); // [1, 4, 8, 12]
        int shift = 3;
        try {
            model.setTiling(true);
            Tensor a = model.decode(Graphs.roll(latent, shift)), b = Graphs.roll(model.decode(latent), 8 * shift);
            Graphs.assertClose(b, a, 1e-4);
            try (CheckpointDiffusionModel twin = model.tiledTwin()) {
                assertEquals(a, twin.decode(Graphs.roll(latent, shift)), "the twin is the same tiled graph");
                assertTrue(twin.tiling());
            }
            Tensor s = Graphs.reference("unet.sample"), ehs = Graphs.reference("unet.encoder_hidden_states");
            float[] t = Graphs.reference("unet.timestep").data();
            Graphs.assertClose(Graphs.roll(model.unet(s, t, ehs), 2), model.unet(Graphs.roll(s, 2), t, ehs), 1e-4);
        } finally {
            model.setTiling(false);
        }
        // Zero padding is not shift-equivariant: the same check fails without tiling.
        Tensor a = model.decode(Graphs.roll(latent, shift)), b = Graphs.roll(model.decode(latent), 8 * shift);
        assertTrue(Graphs.relativeError(b, a) > 1e-2, "plain decoder should see its edges");
    }

    @Test
    void embeddingRowsActExactlyLikeTheTokensTheyCopy() throws IOException {
        Tensor ids = Graphs.reference("text.input_ids");
        int[] plain = new int[77];
        for (int i = 0; i < 77; i++) plain[i] = (int) ids.data()[i];
        // Two extra rows copied from the token table rows of plain[5] and plain[6].
        float[] table;
        try (SafetensorsFile f = SafetensorsFile.open(Fixtures.tinyFp32())) {
            table = f.floats("cond_stage_model.transformer.text_model.embeddings.token_embedding.weight");
        }
        float[] rows = new float[2 * 48];
        System.arraycopy(table, plain[5] * 48, rows, 0, 48);
        System.arraycopy(table, plain[6] * 48, rows, 48, 48);
        int[] withExtra = plain.clone();
        withExtra[5] = dev.easel.model.DiffusionModel.EXTRA_TOKEN_BASE;
        withExtra[6] = dev.easel.model.DiffusionModel.EXTRA_TOKEN_BASE + 1;
        Tensor extra = new Tensor(new long[] {2, 48}, rows);
        for (int skip : new int[] {1, 2}) {
            assertEquals(model.encodeText(plain, 1, skip), model.encodeText(withExtra, 1, skip, extra), "clip skip " + skip);
        }
    }

    @Test
    void anEmbeddingChangesTheConditioningFromWhereItStands() throws IOException {
        Tensor ids = Graphs.reference("text.input_ids");
        int[] plain = new int[77];
        for (int i = 0; i < 77; i++) plain[i] = (int) ids.data()[i];
        int at = 4;
        Path file = store.resolve("embeddings/my-style.safetensors");
        Files.createDirectories(file.getParent());
        float[] vec = new float[3 * 48];
        for (int i = 0; i < vec.length; i++) vec[i] = (float) Math.sin(i * 0.37) * 0.05f;
        SafetensorsWriter.write(file, List.of(SafetensorsWriter.floats("emb_params", DType.F32, new long[] {3, 48}, vec)), null, null);
        dev.easel.text.Embedding e = EmbeddingLibrary.scan(store.resolve("embeddings"), 48).get("my-style").orElseThrow();
        assertEquals(3, e.vectorCount());
        int[] with = plain.clone();
        for (int i = 0; i < 3; i++) with[at + i] = dev.easel.model.DiffusionModel.EXTRA_TOKEN_BASE + i;
        Tensor base = model.encodeText(plain, 1, 1), changed = model.encodeText(with, 1, 1, e.vectors());
        for (int pos = 0; pos < 77; pos++) {
            boolean same = true;
            for (int c = 0; c < 48; c++) same &= base.data()[pos * 48 + c] == changed.data()[pos * 48 + c];
            // The causal mask lets a token see only itself and what precedes it.
            if (pos < at) assertTrue(same, "row " + pos + " precedes the embedding and must not change");
            else assertTrue(!same, "row " + pos + " must change");
        }
        assertNotEquals(base, changed);
    }
}

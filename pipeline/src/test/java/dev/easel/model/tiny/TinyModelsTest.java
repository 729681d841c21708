package dev.easel.model.tiny;

import dev.easel.onnx.ElementType;
import dev.easel.onnx.OnnxSession;
import dev.easel.onnx.OrtSettings;
import dev.easel.onnx.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TinyModelsTest {

    @TempDir
    static Path store;

    @BeforeAll
    static void write() throws Exception {
        TinyModels.writeStore(store, null);
    }

    private static Path set(String name) {
        return store.resolve("stable-diffusion").resolve(name);
    }

    private static Tensor ramp(long... shape) {
        Tensor t = Tensor.zeros(shape);
        for (int i = 0; i < t.data().length; i++) t.data()[i] = (float) Math.sin(i * 0.37);
        return t;
    }

    private static Tensor ids(int batch, int... tokens) {
        Tensor t = Tensor.zeros(batch, 77);
        for (int b = 0; b < batch; b++) {
            Arrays.fill(t.data(), b * 77, (b + 1) * 77, TinyTokenizer.END_OF_TEXT);
            t.data()[b * 77] = TinyTokenizer.START_OF_TEXT;
            for (int i = 0; i < tokens.length; i++) t.data()[b * 77 + 1 + i] = tokens[i] + b;
        }
        return t;
    }

    @Test
    void everySdSetRunsWithTheRealShapesAndTypes() {
        for (var e : TinyModels.SD_SETS.entrySet()) {
            Path dir = set(e.getKey());
            TinyFlavor f = e.getValue();
            try (OnnxSession text = OnnxSession.open(dir.resolve("text_encoder/model.onnx"), OrtSettings.cpu());
                 OnnxSession unet = OnnxSession.open(dir.resolve("unet/model.onnx"), OrtSettings.cpu());
                 OnnxSession enc = OnnxSession.open(dir.resolve("vae_encoder/model.onnx"), OrtSettings.cpu());
                 OnnxSession dec = OnnxSession.open(dir.resolve("vae_decoder/model.onnx"), OrtSettings.cpu())) {
                assertEquals(f.int64Ids() ? ElementType.INT64 : ElementType.INT32, text.input("input_ids").type());
                Map<String, Tensor> t = text.run(Map.of("input_ids", ids(2, 320, 1929)));
                assertArrayEquals(new long[] {2, 77, 768}, t.get("last_hidden_state").shape());
                assertArrayEquals(new long[] {2, 768}, t.get("pooler_output").shape());
                assertArrayEquals(new long[] {2, 77, 768}, t.get("penultimate_normed").shape());

                assertEquals(f.unetChannels(), unet.input("sample").dim(1));
                Tensor ts = f.timestep() == TinyFlavor.Timestep.FLOAT_SCALAR ? new Tensor(new long[0], new float[] {999})
                        : new Tensor(new long[] {2}, new float[] {999, 999});
                Tensor eps = unet.run(Map.of("sample", ramp(2, f.unetChannels(), 8, 12), "timestep", ts,
                        "encoder_hidden_states", t.get("last_hidden_state"))).get("out_sample");
                assertArrayEquals(new long[] {2, 4, 8, 12}, eps.shape());

                Tensor image = ramp(1, 3, 64, 96);
                Map<String, Tensor> latent = enc.run(Map.of("sample", image));
                String latentName = f.latentParameters() ? "latent_parameters" : "latent_sample";
                assertArrayEquals(new long[] {1, f.latentParameters() ? 8 : 4, 8, 12}, latent.get(latentName).shape());
                Tensor decoded = dec.run(Map.of("latent_sample", Tensor.zeros(1, 4, 8, 12))).get("sample");
                assertArrayEquals(new long[] {1, 3, 64, 96}, decoded.shape());
            }
        }
    }

    @Test
    void unetOutputDependsOnEveryInput() {
        Path dir = set(TinyModels.SD_INPAINTING);
        try (OnnxSession unet = OnnxSession.open(dir.resolve("unet/model.onnx"), OrtSettings.cpu())) {
            Tensor sample = ramp(1, 9, 4, 4);
            Tensor text = ramp(1, 154, 768);
            Tensor ts = new Tensor(new long[] {1}, new float[] {500});
            float[] base = unet.run(Map.of("sample", sample, "timestep", ts, "encoder_hidden_states", text)).get("out_sample").data();
            for (int channel : new int[] {0, 4, 8}) { // latent, mask and masked-image channels
                Tensor s2 = new Tensor(sample.shape(), sample.data().clone());
                s2.data()[channel * 16 + 5] += 1;
                assertFalse(Arrays.equals(base, unet.run(Map.of("sample", s2, "timestep", ts, "encoder_hidden_states", text))
                        .get("out_sample").data()), "channel " + channel);
            }
            assertFalse(Arrays.equals(base, unet.run(Map.of("sample", sample, "timestep", new Tensor(new long[] {1}, new float[] {499}),
                    "encoder_hidden_states", text)).get("out_sample").data()), "timestep");
            Tensor t2 = new Tensor(text.shape(), text.data().clone());
            t2.data()[153 * 768 + 7] += 1; // the last token of the second chunk
            assertFalse(Arrays.equals(base, unet.run(Map.of("sample", sample, "timestep", ts, "encoder_hidden_states", t2))
                    .get("out_sample").data()), "last token");
        }
    }

    @Test
    void textEncoderSeesEveryTokenAndTheLastPositionSeesAll() {
        try (OnnxSession text = OnnxSession.open(set(TinyModels.SD).resolve("text_encoder/model.onnx"), OrtSettings.cpu())) {
            Tensor a = text.run(Map.of("input_ids", ids(1, 320, 1929))).get("last_hidden_state");
            Tensor b = text.run(Map.of("input_ids", ids(1, 320, 1930))).get("last_hidden_state");
            int last = 76 * 768;
            assertFalse(Arrays.equals(Arrays.copyOfRange(a.data(), last, last + 768), Arrays.copyOfRange(b.data(), last, last + 768)));
            // Causal like CLIP: position 1 does not see token 2.
            assertArrayEquals(Arrays.copyOfRange(a.data(), 768, 2 * 768), Arrays.copyOfRange(b.data(), 768, 2 * 768));
        }
    }

    @Test
    void setsDifferOnlyInConventions() {
        Tensor ids = ids(1, 320, 1929, 4000, 49000);
        float[] ref = null;
        for (String name : new String[] {TinyModels.SD, TinyModels.SD_OPTIMUM, TinyModels.SD_FP16}) {
            try (OnnxSession text = OnnxSession.open(set(name).resolve("text_encoder/model.onnx"), OrtSettings.cpu())) {
                float[] h = text.run(Map.of("input_ids", ids)).get("last_hidden_state").data();
                if (ref == null) ref = h;
                else assertArrayEquals(ref, h, name.equals(TinyModels.SD_FP16) ? 0.01f : 0f, name);
            }
        }
    }

    @Test
    void vaeRoundTripGivesBlockMeans() {
        try (OnnxSession enc = OnnxSession.open(set(TinyModels.SD).resolve("vae_encoder/model.onnx"), OrtSettings.cpu());
             OnnxSession dec = OnnxSession.open(set(TinyModels.SD).resolve("vae_decoder/model.onnx"), OrtSettings.cpu())) {
            Tensor flat = Tensor.zeros(1, 3, 16, 16);
            for (int c = 0; c < 3; c++) Arrays.fill(flat.data(), c * 256, (c + 1) * 256, 0.5f - 0.4f * c);
            Tensor z = enc.run(Map.of("sample", flat)).get("latent_sample");
            Tensor back = dec.run(Map.of("latent_sample", z)).get("sample");
            for (int c = 0; c < 3; c++) assertEquals(0.5f - 0.4f * c, back.data()[c * 256 + 17], 0.1f);
        }
    }

    @Test
    void storeIsDeterministicSmallAndComplete(@TempDir Path other) throws Exception {
        TinyModels.writeStore(other, null);
        long total = 0;
        try (Stream<Path> files = Files.walk(store)) {
            for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                total += Files.size(p);
                assertArrayEquals(Files.readAllBytes(p), Files.readAllBytes(other.resolve(store.relativize(p))), p.toString());
            }
        }
        assertTrue(total < 8_000_000, "store is " + total + " bytes");
        Path sd = set(TinyModels.SD);
        for (String f : new String[] {"model_index.json", "scheduler/scheduler_config.json", "tokenizer/vocab.json", "tokenizer/merges.txt"}) {
            assertTrue(Files.isRegularFile(sd.resolve(f)), f);
        }
        assertTrue(Files.isRegularFile(set(TinyModels.SD_OPTIMUM).resolve("unet/model.onnx_data")));
        JsonNode sched = new ObjectMapper().readTree(sd.resolve("scheduler/scheduler_config.json").toFile());
        assertEquals("scaled_linear", sched.get("beta_schedule").asText());
        assertEquals(0.00085, sched.get("beta_start").asDouble());
        assertEquals(0.012, sched.get("beta_end").asDouble());
        assertEquals(1000, sched.get("num_train_timesteps").asInt());
        JsonNode vocab = new ObjectMapper().readTree(sd.resolve("tokenizer/vocab.json").toFile());
        assertEquals(TinyTokenizer.START_OF_TEXT, vocab.get("<|startoftext|>").asInt());
        assertEquals(TinyTokenizer.END_OF_TEXT, vocab.get("<|endoftext|>").asInt());
        assertTrue(vocab.has("photo</w>"));
        assertEquals(256, vocab.get("!</w>").asInt()); // CLIP's order: 256 byte symbols, then the same with </w>
    }
}

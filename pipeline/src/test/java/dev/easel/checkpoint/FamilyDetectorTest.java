package dev.easel.checkpoint;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FamilyDetectorTest {

    @Test
    void tinyCheckpointIsSd1() throws IOException {
        try (SafetensorsFile f = SafetensorsFile.open(Fixtures.tinyFp32())) {
            Detection d = FamilyDetector.detect(f);
            assertEquals(ModelFamily.SD1, d.family());
            assertEquals(4, d.unetInChannels());
            assertEquals(48, d.contextDim());
            assertNull(d.problem());
            assertEquals("Stable Diffusion 1.x", d.description());
        }
    }

    @Test
    void detectsFromAPathWithoutThrowing(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws IOException {
        assertTrue(FamilyDetector.detect(Fixtures.tinyFp16()).loadable());
        java.nio.file.Path bad = java.nio.file.Files.write(dir.resolve("x.ckpt"), new byte[] {1, 2, 3});
        Detection d = FamilyDetector.detect(bad);
        assertFalse(d.loadable());
        assertTrue(d.problem().contains("pickled"), d.problem());
    }

    @Test
    void inpaintingUnetIsSd1WithNineChannels() {
        Map<String, TensorInfo> keys = sd1Keys(9, 768);
        Detection d = FamilyDetector.detect(keys);
        assertTrue(d.loadable());
        assertTrue(d.inpainting());
        assertEquals("Stable Diffusion 1.x inpainting", d.description());
    }

    @Test
    void sd2AndSdxlAreNamedAndRefused() {
        Map<String, TensorInfo> sd2 = new TreeMap<>();
        put(sd2, "model.diffusion_model.input_blocks.0.0.weight", 320, 4, 3, 3);
        put(sd2, "model.diffusion_model.input_blocks.1.1.transformer_blocks.0.attn2.to_k.weight", 320, 1024);
        put(sd2, "cond_stage_model.model.transformer.resblocks.0.attn.in_proj_weight", 3072, 1024);
        put(sd2, "first_stage_model.decoder.conv_in.weight", 512, 4, 3, 3);
        Detection d = FamilyDetector.detect(sd2);
        assertEquals(ModelFamily.SD2, d.family());
        assertEquals(1024, d.contextDim());
        assertFalse(d.loadable());
        assertTrue(d.problem().contains("Stable Diffusion 2.x"), d.problem());

        Map<String, TensorInfo> xl = new TreeMap<>();
        put(xl, "model.diffusion_model.input_blocks.0.0.weight", 320, 4, 3, 3);
        put(xl, "model.diffusion_model.label_emb.0.0.weight", 1280, 2816);
        put(xl, "conditioner.embedders.0.transformer.text_model.embeddings.token_embedding.weight", 49408, 768);
        put(xl, "conditioner.embedders.1.model.token_embedding.weight", 49408, 1280);
        d = FamilyDetector.detect(xl);
        assertEquals(ModelFamily.SDXL, d.family());
        assertTrue(d.problem().contains("Stable Diffusion XL checkpoints are recognised but not supported"), d.problem());

        Map<String, TensorInfo> refiner = new TreeMap<>();
        put(refiner, "model.diffusion_model.input_blocks.0.0.weight", 384, 4, 3, 3);
        put(refiner, "conditioner.embedders.0.model.token_embedding.weight", 49408, 1280);
        assertEquals(ModelFamily.SDXL_REFINER, FamilyDetector.detect(refiner).family());
    }

    @Test
    void otherFilesSayWhereTheyBelong() {
        Map<String, TensorInfo> emb = new TreeMap<>();
        put(emb, "emb_params", 2, 768);
        assertTrue(FamilyDetector.detect(emb).problem().contains("embeddings folder"));
        Map<String, TensorInfo> vae = new TreeMap<>();
        put(vae, "encoder.conv_in.weight", 128, 3, 3, 3);
        put(vae, "decoder.conv_in.weight", 512, 4, 3, 3);
        assertTrue(FamilyDetector.detect(vae).problem().contains("VAE folder"));
        Map<String, TensorInfo> lora = new TreeMap<>();
        put(lora, "lora_unet_down_blocks_0_attentions_0_proj_in.lora_down.weight", 4, 320, 1, 1);
        assertTrue(FamilyDetector.detect(lora).problem().contains("LoRA"));
        Map<String, TensorInfo> pix2pix = sd1Keys(8, 768);
        assertTrue(FamilyDetector.detect(pix2pix).problem().contains("InstructPix2Pix"));
    }

    private static Map<String, TensorInfo> sd1Keys(int inChannels, int context) {
        Map<String, TensorInfo> t = new TreeMap<>();
        put(t, "model.diffusion_model.input_blocks.0.0.weight", 320, inChannels, 3, 3);
        put(t, "model.diffusion_model.input_blocks.1.1.transformer_blocks.0.attn2.to_k.weight", 320, context);
        put(t, "cond_stage_model.transformer.text_model.embeddings.token_embedding.weight", 49408, context);
        put(t, "first_stage_model.decoder.conv_in.weight", 512, 4, 3, 3);
        return t;
    }

    private static void put(Map<String, TensorInfo> t, String name, long... shape) {
        long n = 4;
        for (long d : shape) n *= d;
        t.put(name, new TensorInfo(name, DType.F32, shape, 0, n));
    }
}

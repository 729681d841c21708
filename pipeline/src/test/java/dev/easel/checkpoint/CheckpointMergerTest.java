package dev.easel.checkpoint;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckpointMergerTest {

    @TempDir
    Path dir;

    @Test
    void halfAndHalfWithItselfReproducesTheCheckpoint() throws IOException {
        Path out = dir.resolve("self.safetensors");
        List<Integer> ticks = new ArrayList<>();
        CheckpointMerger.merge(new CheckpointMerger.Request(Fixtures.tinyFp32(), Fixtures.tinyFp32(), null,
                CheckpointMerger.Mode.WEIGHTED_SUM, 0.5f, out, false), (done, total, name) -> ticks.add(done));
        try (SafetensorsFile a = SafetensorsFile.open(Fixtures.tinyFp32()); SafetensorsFile m = SafetensorsFile.open(out)) {
            assertEquals(a.tensors().keySet(), m.tensors().keySet());
            for (TensorInfo t : a.tensors().values()) {
                assertEquals(a.raw(t.name()), m.raw(t.name()), t.name());
                assertEquals(t.dtype(), m.info(t.name()).dtype());
            }
            assertTrue(m.metadata().get("sd_merge_recipe").contains("Weighted sum"));
        }
        assertEquals(501, ticks.size());
        assertEquals(501, ticks.get(ticks.size() - 1));
    }

    @Test
    void weightedSumAndAddDifferenceFollowA1111() throws IOException {
        Path b = dir.resolve("b.safetensors"), c = dir.resolve("c.safetensors");
        RandomCheckpoint.write(b, Sd1Architecture.tiny(), DType.F32, 1, null);
        RandomCheckpoint.write(c, Sd1Architecture.tiny(), DType.F32, 2, null);
        Path ws = dir.resolve("ws.safetensors"), ad = dir.resolve("ad.safetensors");
        CheckpointMerger.merge(new CheckpointMerger.Request(Fixtures.tinyFp32(), b, null, CheckpointMerger.Mode.WEIGHTED_SUM, 0.3f, ws, false), null);
        CheckpointMerger.merge(new CheckpointMerger.Request(Fixtures.tinyFp32(), b, c, CheckpointMerger.Mode.ADD_DIFFERENCE, 0.7f, ad, true), null);
        String unet = "model.diffusion_model.input_blocks.1.0.in_layers.2.weight";
        String ids = "cond_stage_model.transformer.text_model.embeddings.position_ids";
        try (SafetensorsFile fa = SafetensorsFile.open(Fixtures.tinyFp32()); SafetensorsFile fb = SafetensorsFile.open(b);
             SafetensorsFile fc = SafetensorsFile.open(c); SafetensorsFile fws = SafetensorsFile.open(ws);
             SafetensorsFile fad = SafetensorsFile.open(ad)) {
            float[] x = fa.floats(unet), y = fb.floats(unet), z = fc.floats(unet), w = fws.floats(unet), d = fad.floats(unet);
            assertEquals(DType.F16, fad.info(unet).dtype(), "save as half");
            for (int i = 0; i < x.length; i++) {
                assertEquals((1 - 0.3f) * x[i] + 0.3f * y[i], w[i], 0f);
                assertEquals(Halfs.halfToFloat(Halfs.floatToHalf(x[i] + 0.7f * (y[i] - z[i]))), d[i], 0f);
            }
            assertArrayEquals(fa.floats("betas"), fws.floats("betas"), "schedule buffers are A's");
            assertArrayEquals(fa.longs(ids), fad.longs(ids), "position_ids are never merged");
        }
    }

    @Test
    void inpaintingAMergesOnlyItsFirstFourInputChannels() throws IOException {
        Path a = dir.resolve("inpaint.safetensors"), b = dir.resolve("plain.safetensors"), out = dir.resolve("m.safetensors");
        RandomCheckpoint.write(a, Sd1Architecture.tiny().withUnetIn(9), DType.F32, 3, null);
        RandomCheckpoint.write(b, Sd1Architecture.tiny(), DType.F32, 4, null);
        var e = assertThrows(IllegalArgumentException.class, () -> CheckpointMerger.merge(new CheckpointMerger.Request(b, a, null,
                CheckpointMerger.Mode.WEIGHTED_SUM, 0.5f, dir.resolve("x.safetensors"), false), null));
        assertTrue(e.getMessage().contains("A must be the inpainting model"), e.getMessage());
        CheckpointMerger.merge(new CheckpointMerger.Request(a, b, null, CheckpointMerger.Mode.WEIGHTED_SUM, 1f, out, false), null);
        String conv = "model.diffusion_model.input_blocks.0.0.weight";
        try (SafetensorsFile fa = SafetensorsFile.open(a); SafetensorsFile fb = SafetensorsFile.open(b); SafetensorsFile fm = SafetensorsFile.open(out)) {
            float[] x = fa.floats(conv), y = fb.floats(conv), m = fm.floats(conv);
            assertArrayEquals(new long[] {32, 9, 3, 3}, fm.info(conv).shape());
            for (int o = 0; o < 32; o++) {
                for (int i = 0; i < 9; i++) {
                    for (int k = 0; k < 9; k++) {
                        float expect = i < 4 ? y[(o * 4 + i) * 9 + k] : x[(o * 9 + i) * 9 + k];
                        assertEquals(expect, m[(o * 9 + i) * 9 + k], 0f);
                    }
                }
            }
            assertTrue(FamilyDetector.detect(fm).inpainting());
        }
    }

    @Test
    void incompatibleInputsAreRefusedWithTheReason() throws IOException {
        Path wide = dir.resolve("wide.safetensors");
        RandomCheckpoint.write(wide, Sd1Architecture.tiny().withUnet(64, List.of(1, 2), 1, List.of(true, true), 1, false), DType.F16, 1, null);
        Path out = dir.resolve("never.safetensors");
        var e = assertThrows(IllegalArgumentException.class, () -> CheckpointMerger.merge(new CheckpointMerger.Request(
                Fixtures.tinyFp32(), wide, null, CheckpointMerger.Mode.WEIGHTED_SUM, 0.5f, out, false), null));
        assertTrue(e.getMessage().contains("is [32] in A but [64] in B"), e.getMessage());
        Path vae = dir.resolve("vae.safetensors");
        SafetensorsWriter.write(vae, List.of(SafetensorsWriter.floats("encoder.conv_in.weight", DType.F32, new long[] {1}, new float[1]),
                SafetensorsWriter.floats("decoder.conv_in.weight", DType.F32, new long[] {1}, new float[1])), null, null);
        e = assertThrows(IllegalArgumentException.class, () -> CheckpointMerger.merge(new CheckpointMerger.Request(
                Fixtures.tinyFp32(), vae, null, CheckpointMerger.Mode.WEIGHTED_SUM, 0.5f, out, false), null));
        assertTrue(e.getMessage().contains("VAE"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CheckpointMerger.merge(new CheckpointMerger.Request(
                Fixtures.tinyFp32(), wide, null, CheckpointMerger.Mode.ADD_DIFFERENCE, 0.5f, out, false), null));
        assertTrue(e.getMessage().contains("tertiary"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CheckpointMerger.merge(new CheckpointMerger.Request(
                Fixtures.tinyFp32(), Fixtures.tinyFp32(), null, CheckpointMerger.Mode.WEIGHTED_SUM, 0.5f, Fixtures.tinyFp16(), false), null));
        assertTrue(e.getMessage().contains("already exists"), e.getMessage());
        assertTrue(Files.notExists(out), "nothing written for a refused merge");
    }
}

package dev.easel.checkpoint;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class Sd1KeysTest {

    @TempDir
    Path dir;

    @Test
    void tinyArchitectureHasExactlyTheFixturesKeysAndShapes() throws IOException {
        Map<String, long[]> expected = new TreeMap<>();
        for (Sd1Keys.Key k : Sd1Keys.of(Sd1Architecture.tiny())) expected.put(k.name(), k.shape());
        try (SafetensorsFile f = SafetensorsFile.open(Fixtures.tinyFp32())) {
            assertEquals(f.tensors().keySet(), expected.keySet());
            f.tensors().forEach((name, info) -> assertArrayEquals(info.shape(), expected.get(name), name));
        }
    }

    @Test
    void sd15HasItsPublishedParameterCounts() {
        List<Sd1Keys.Key> keys = Sd1Keys.of(Sd1Architecture.sd15());
        assertEquals(859_520_964L, Sd1Keys.parameters(keys, "model.diffusion_model."), "SD 1.5 UNet");
        assertEquals(123_060_480L, Sd1Keys.parameters(keys, "cond_stage_model."), "CLIP ViT-L/14 text model");
        assertEquals(83_653_863L, Sd1Keys.parameters(keys, "first_stage_model."), "kl-f8 autoencoder");
    }

    @Test
    void randomCheckpointIsDeterministicAndHasTheSchedule() throws IOException {
        Path a = dir.resolve("a.safetensors"), b = dir.resolve("b.safetensors");
        RandomCheckpoint.write(a, Sd1Architecture.tiny(), DType.F16, 7, null);
        RandomCheckpoint.write(b, Sd1Architecture.tiny(), DType.F16, 7, null);
        assertArrayEquals(java.nio.file.Files.readAllBytes(a), java.nio.file.Files.readAllBytes(b));
        try (SafetensorsFile f = SafetensorsFile.open(a); SafetensorsFile ref = SafetensorsFile.open(Fixtures.tinyFp32())) {
            assertEquals(ModelFamily.SD1, FamilyDetector.detect(f).family());
            float[] mine = f.floats("alphas_cumprod"), theirs = ref.floats("alphas_cumprod");
            for (int i = 0; i < mine.length; i++) assertEquals(theirs[i], mine[i], 1e-3f * theirs[i]);
        }
    }
}

package dev.easel.model;

import dev.easel.model.tiny.TinyFlavor;
import dev.easel.model.tiny.TinyModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelStoreTest {

    private static ModelEntry entry(ModelStore s, ModelKind kind, String name) {
        return s.find(kind, name).orElseThrow(() -> new AssertionError(name + " not listed: " + s.entries()));
    }

    @Test
    void tinyStoreIsFoundReadyWithInpaintingFlagged(@TempDir Path root) throws Exception {
        TinyModels.writeStore(root, null);
        ModelStore store = ModelStore.scan(root);
        List<ModelEntry> sd = store.ready(ModelKind.STABLE_DIFFUSION);
        assertEquals(TinyModels.SD_SETS.size(), sd.size(), sd.toString());
        assertTrue(entry(store, ModelKind.STABLE_DIFFUSION, TinyModels.SD_INPAINTING).inpainting());
        assertFalse(entry(store, ModelKind.STABLE_DIFFUSION, TinyModels.SD).inpainting());
        assertEquals(TinyModels.SD, store.defaultDiffusionModel().orElseThrow().name());
        assertTrue(entry(store, ModelKind.STABLE_DIFFUSION, TinyModels.SD_OPTIMUM).sizeBytes() > 0);
        for (ModelKind kind : List.of(ModelKind.UPSCALER, ModelKind.FACE_RESTORER, ModelKind.FACE_DETECTOR)) {
            assertFalse(store.ready(kind).isEmpty(), kind.toString());
        }
        assertTrue(store.entries().stream().allMatch(ModelEntry::ready), store.entries().toString());
        assertTrue(store.missing(Catalog.bundled(), "cpu").isEmpty());
    }

    @Test
    void emptyOrAbsentStoreSaysWhatIsMissingAndWhatToDownload(@TempDir Path root) throws Exception {
        ModelStore store = ModelStore.scan(root.resolve("does-not-exist"));
        assertTrue(store.entries().isEmpty());
        Catalog catalog = Catalog.bundled();
        List<MissingModel> cpu = store.missing(catalog, "cpu");
        assertEquals(List.of(ModelKind.STABLE_DIFFUSION, ModelKind.UPSCALER, ModelKind.FACE_RESTORER, ModelKind.FACE_DETECTOR),
                cpu.stream().map(MissingModel::kind).toList());
        assertEquals("sd15-onnx-fp32", cpu.get(0).download());
        assertTrue(cpu.get(0).detail().contains("download sd15-onnx-fp32"), cpu.get(0).detail());
        assertEquals("sd15-onnx-fp16", store.missing(catalog, "cuda:0").get(0).download());
        assertEquals("gfpgan-v1.4", cpu.get(2).download()); // never suggests the non-commercial CodeFormer
    }

    @Test
    void brokenModelsAreListedWithTheReasonAndNeverThrow(@TempDir Path root) throws Exception {
        Path sd = root.resolve("stable-diffusion");
        TinyModels.writeSdSet(sd.resolve("no-unet"), TinyFlavor.diffusers(), null);
        Files.delete(sd.resolve("no-unet/unet/model.onnx"));
        TinyModels.writeSdSet(sd.resolve("garbage-vae"), TinyFlavor.diffusers(), null);
        Files.writeString(sd.resolve("garbage-vae/vae_decoder/model.onnx"), "<html>not found</html>");
        TinyModels.writeSdSet(sd.resolve("lost-weights"), TinyFlavor.optimum(), null);
        Files.delete(sd.resolve("lost-weights/unet/model.onnx_data"));
        Files.createDirectories(sd.resolve("empty-folder"));
        Files.write(sd.resolve("old.ckpt"), new byte[] {1, 2, 3});
        Files.write(sd.resolve("bad.safetensors"), new byte[] {9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9});
        Files.createDirectories(root.resolve("upscalers"));
        Files.write(root.resolve("upscalers/truncated.onnx"), new byte[0]);
        Files.write(root.resolve("upscalers/big.onnx.part"), new byte[] {8, 7});

        ModelStore store = ModelStore.scan(root);
        assertTrue(store.ready(ModelKind.STABLE_DIFFUSION).isEmpty(), store.entries().toString());
        assertProblem(store, ModelKind.STABLE_DIFFUSION, "no-unet", "unet/model.onnx is missing");
        assertProblem(store, ModelKind.STABLE_DIFFUSION, "garbage-vae", "vae_decoder: model.onnx is not an ONNX model");
        assertProblem(store, ModelKind.STABLE_DIFFUSION, "lost-weights", "external weight file model.onnx_data is missing");
        assertProblem(store, ModelKind.STABLE_DIFFUSION, "empty-folder", "text_encoder/model.onnx is missing");
        assertProblem(store, ModelKind.STABLE_DIFFUSION, "old", "pickle");
        assertProblem(store, ModelKind.STABLE_DIFFUSION, "bad", "not a safetensors file");
        assertProblem(store, ModelKind.UPSCALER, "truncated", "is empty");
        assertProblem(store, ModelKind.UPSCALER, "big", "run the same download command again");
        assertTrue(store.defaultDiffusionModel().isEmpty());
    }

    private static void assertProblem(ModelStore store, ModelKind kind, String name, String text) {
        ModelEntry e = entry(store, kind, name);
        assertFalse(e.ready(), name);
        assertTrue(e.problem().contains(text), name + ": " + e.problem());
    }

    @Test
    void bundledCatalogIsCompleteAndHonest() throws Exception {
        Catalog c = Catalog.bundled();
        for (String name : List.of("sd15-onnx-fp16", "sd15-onnx-fp32", "sd15-inpainting-onnx-fp16", "realesrgan-x4plus",
                "realesr-general-x4v3", "gfpgan-v1.4", "codeformer", "yunet")) {
            CatalogEntry e = c.find(name).orElseThrow(() -> new AssertionError(name));
            assertTrue(e.license() != null && !e.license().isBlank(), name);
            for (CatalogFile f : e.files()) {
                assertTrue(f.url().startsWith("https://"), f.url());
                assertTrue(f.path().startsWith(e.install()), f.path());
                assertTrue(f.sha256() == null || f.sha256().matches("[0-9a-f]{64}"), f.path());
            }
        }
        assertTrue(c.find("codeformer").orElseThrow().nonCommercial());
        assertEquals(ModelKind.FACE_DETECTOR, c.find("yunet").orElseThrow().modelKind());
        assertTrue(c.find("sd15-inpainting-onnx-fp16").orElseThrow().install().contains("inpainting"));
    }
}

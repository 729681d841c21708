package dev.easel.generate;

import dev.easel.model.OnnxDiffusionModel;
import dev.easel.model.tiny.TinyModels;
import dev.easel.onnx.OrtSettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The tiny model store, written once per test JVM, with the two SD sets opened on the CPU. */
final class TinyStore {
    private static Path dir;
    private static OnnxDiffusionModel sd;
    private static OnnxDiffusionModel inpainting;

    private TinyStore() { }

    static synchronized Path dir() {
        if (dir == null) {
            try {
                dir = Files.createTempDirectory("easel-tiny-store-");
                TinyModels.writeStore(dir, null);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> TilingModels.deleteQuietly(dir)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dir;
    }

    static synchronized OnnxDiffusionModel sd() {
        if (sd == null) sd = OnnxDiffusionModel.open(dir().resolve("stable-diffusion").resolve(TinyModels.SD), OrtSettings.cpu());
        return sd;
    }

    static synchronized OnnxDiffusionModel inpainting() {
        if (inpainting == null) {
            inpainting = OnnxDiffusionModel.open(dir().resolve("stable-diffusion").resolve(TinyModels.SD_INPAINTING), OrtSettings.cpu());
        }
        return inpainting;
    }
}

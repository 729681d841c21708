package dev.easel.checkpoint;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code make-test-models --full-size DIR}: a random-weight checkpoint with SD 1.5's exact shapes
 * (859.5 M UNet parameters), written into the store's {@code stable-diffusion/} folder in fp16
 * (about 2.1 GB) tensor by tensor. For benchmarks and memory checks; it generates noise, not pictures.
 */
public final class FullSizeCheckpoint {

    public static final String FILE_NAME = "sd15-random-fp16.safetensors";
    /** Fixed so every machine writes the same file. */
    static final long SEED = 1_500_000_000L;

    private FullSizeCheckpoint() {}

    /** Writes {@code storeRoot/stable-diffusion/sd15-random-fp16.safetensors}, or keeps the one already there. */
    public static Path write(Path storeRoot, PrintStream log) throws IOException {
        Path target = storeRoot.resolve("stable-diffusion").resolve(FILE_NAME);
        if (Files.isRegularFile(target)) {
            if (log != null) log.println(target + " already exists; keeping it");
            return target;
        }
        Files.createDirectories(target.getParent());
        long start = System.nanoTime();
        int[] lastPercent = {-1};
        RandomCheckpoint.write(target, Sd1Architecture.sd15(), DType.F16, SEED, (done, total, name) -> {
            int percent = done * 100 / total;
            if (log != null && percent / 10 != lastPercent[0] / 10) {
                log.printf("writing %s: %d%% (%d of %d tensors)%n", target.getFileName(), percent, done, total);
            }
            lastPercent[0] = percent;
        });
        if (log != null) {
            log.printf("wrote %s (%.2f GB) in %.0f s%n", target, Files.size(target) / 1e9, (System.nanoTime() - start) / 1e9);
        }
        return target;
    }
}

package dev.easel.bridge.support;

import dev.easel.model.tiny.TinyModels;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The tiny model store, written once per test JVM. Its models use the tiny generated vocabulary, so a
 * generation takes milliseconds; {@link #withClipVocabulary()} is a second store with one SD set
 * carrying CLIP's real vocabulary (copied into the test resources) for prompt analysis.
 */
public final class TinyStore {
    private static Path shared;
    private static Path clip;

    private TinyStore() { }

    /** The shared store; tests must not modify it (use {@link #fresh()} for that). */
    public static synchronized Path shared() {
        if (shared == null) {
            shared = fresh();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(shared)));
        }
        return shared;
    }

    /** A store holding only {@code stable-diffusion/tiny-sd} with CLIP's real vocabulary. */
    public static synchronized Path withClipVocabulary() {
        if (clip == null) {
            try {
                clip = Files.createTempDirectory("easel-clip-store");
                TinyModels.writeSdSet(clip.resolve("stable-diffusion").resolve(TinyModels.SD),
                        TinyModels.SD_SETS.get(TinyModels.SD), tokenizerDir());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(clip)));
        }
        return clip;
    }

    /** A new store in a temporary folder, owned by the caller. */
    public static Path fresh() {
        try {
            Path dir = Files.createTempDirectory("easel-tiny-store");
            TinyModels.writeStore(dir, null);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** CLIP's vocab.json and merges.txt, from the test resources. */
    public static Path tokenizerDir() {
        try {
            return Path.of(TinyStore.class.getResource("/clip-tokenizer").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void delete(Path dir) {
        if (dir == null || !Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort in a temp folder
        }
    }
}

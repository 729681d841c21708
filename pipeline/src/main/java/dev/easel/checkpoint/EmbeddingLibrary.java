package dev.easel.checkpoint;

import dev.easel.text.Embedding;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The textual-inversion embeddings in the store's {@code embeddings/} folder (subfolders included, as
 * A1111 walks them) that fit a model's text encoder width. Files that cannot be used are listed in
 * {@link #skipped()} with the reason, never thrown: one bad file does not hide the others.
 */
public final class EmbeddingLibrary {

    /** A file left out, and why. */
    public record Skipped(Path file, String reason) {}

    private final Map<String, Embedding> byName;
    private final List<Skipped> skipped;

    private EmbeddingLibrary(Map<String, Embedding> byName, List<Skipped> skipped) {
        this.byName = Collections.unmodifiableMap(byName);
        this.skipped = List.copyOf(skipped);
    }

    public static EmbeddingLibrary empty() { return new EmbeddingLibrary(new LinkedHashMap<>(), List.of()); }

    /** Loads every usable embedding under {@code dir} whose width is {@code dim} (768 for SD 1.x); a missing folder is empty. */
    public static EmbeddingLibrary scan(Path dir, int dim) throws IOException {
        Map<String, Embedding> found = new LinkedHashMap<>();
        List<Skipped> skipped = new ArrayList<>();
        if (!Files.isDirectory(dir)) return new EmbeddingLibrary(found, skipped);
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(Files::isRegularFile).sorted(Comparator.comparing(Path::toString)).toList();
        }
        for (Path p : files) {
            String n = p.getFileName().toString();
            if (n.startsWith(".")) continue;
            if (CheckpointFiles.isPickle(p)) {
                skipped.add(new Skipped(p, CheckpointFiles.pickleRefusal(p)));
                continue;
            }
            if (!CheckpointFiles.isSafetensors(p)) continue;
            try {
                Embedding e = EmbeddingFiles.read(p);
                if (e.vectors().dim(1) != dim) {
                    skipped.add(new Skipped(p, n + " has width " + e.vectors().dim(1) + "; this model's text encoder needs " + dim));
                } else if (found.containsKey(e.name())) {
                    skipped.add(new Skipped(p, n + ": another embedding is already called '" + e.name() + "'"));
                } else {
                    found.put(e.name(), e);
                }
            } catch (IllegalArgumentException | IOException ex) {
                skipped.add(new Skipped(p, ex.getMessage()));
            }
        }
        return new EmbeddingLibrary(found, skipped);
    }

    /** Usable embeddings by name, in file order. */
    public Map<String, Embedding> all() { return byName; }

    public Optional<Embedding> get(String name) { return Optional.ofNullable(byName.get(name)); }

    public List<Skipped> skipped() { return skipped; }
}

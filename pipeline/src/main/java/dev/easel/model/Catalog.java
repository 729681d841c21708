package dev.easel.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The list of downloadable models. The store's own {@code catalog.json} wins when present (users may
 * add entries); otherwise the copy built into the jar is used.
 */
public final class Catalog {

    public static final String FILE_NAME = "catalog.json";
    private static final String BUNDLED = "/dev/easel/model/catalog.json";

    private final List<CatalogEntry> entries;

    public Catalog(List<CatalogEntry> entries) {
        this.entries = List.copyOf(entries);
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    private record Document(@JsonProperty("models") List<CatalogEntry> models) { }

    public static Catalog parse(InputStream in) throws IOException {
        Document d = new ObjectMapper().readValue(in, Document.class);
        return new Catalog(d.models() == null ? List.of() : d.models());
    }

    /** The store's catalog.json if it has one, else the bundled catalog. */
    public static Catalog forStore(Path storeRoot) {
        Path own = storeRoot.resolve(FILE_NAME);
        try {
            if (Files.isRegularFile(own)) {
                try (InputStream in = Files.newInputStream(own)) {
                    return parse(in);
                }
            }
            return bundled();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + own + ": " + e.getMessage(), e);
        }
    }

    public static Catalog bundled() throws IOException {
        try (InputStream in = Catalog.class.getResourceAsStream(BUNDLED)) {
            if (in == null) return new Catalog(List.of());
            return parse(in);
        }
    }

    public List<CatalogEntry> entries() { return entries; }

    public Optional<CatalogEntry> find(String name) {
        return entries.stream().filter(e -> e.name().equalsIgnoreCase(name)).findFirst();
    }

    /** The first available entry of a kind for a device ({@code cpu} or {@code cuda}), or any of the kind. */
    public Optional<CatalogEntry> suggest(ModelKind kind, String device) {
        List<CatalogEntry> of = entries.stream().filter(e -> e.isAvailable() && e.modelKind() == kind && !e.nonCommercial()).toList();
        return of.stream().filter(e -> device.equals(e.device())).findFirst()
                .or(() -> of.stream().filter(e -> "any".equals(e.device())).findFirst())
                .or(() -> of.stream().findFirst());
    }
}

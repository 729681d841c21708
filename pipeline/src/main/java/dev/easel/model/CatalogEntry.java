package dev.easel.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * A downloadable model in {@code models/catalog.json}.
 *
 * @param name             what {@code download NAME} takes
 * @param kind             {@link ModelKind#jsonName()}
 * @param install          where the model lands, relative to the store root (a folder for SD sets)
 * @param device           {@code cuda}, {@code cpu} or {@code any}: where this build of the model runs well
 * @param nonCommercial    true when the licence forbids commercial use
 * @param available        false when no ONNX file is published; {@code note} says what to do instead
 * @param sizesApproximate true when file sizes are the source's rounded figures
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CatalogEntry(@JsonProperty("name") String name, @JsonProperty("kind") String kind,
                           @JsonProperty("title") String title, @JsonProperty("description") String description,
                           @JsonProperty("install") String install, @JsonProperty("device") String device,
                           @JsonProperty("license") String license, @JsonProperty("license_url") String licenseUrl,
                           @JsonProperty("non_commercial") boolean nonCommercial,
                           @JsonProperty("available") Boolean available, @JsonProperty("note") String note,
                           @JsonProperty("source") String source,
                           @JsonProperty("sizes_approximate") boolean sizesApproximate,
                           @JsonProperty("files") List<CatalogFile> files) {

    public CatalogEntry {
        files = files == null ? List.of() : List.copyOf(files);
        available = available == null ? Boolean.TRUE : available;
    }

    public ModelKind modelKind() { return ModelKind.fromJson(kind); }

    public boolean isAvailable() { return available && !files.isEmpty(); }

    /** Sum of the file sizes that are known. */
    public long totalSize() {
        return files.stream().mapToLong(f -> f.size() == null ? 0 : f.size()).sum();
    }
}

package dev.easel.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One file of a catalog entry.
 *
 * @param path   where it goes, relative to the store root
 * @param url    where it comes from
 * @param size   bytes; approximate where the source lists rounded sizes (see {@link CatalogEntry#sizesApproximate()})
 * @param sha256 lower-case hex digest where the source publishes one, else null (no check is possible)
 */
public record CatalogFile(@JsonProperty("path") String path, @JsonProperty("url") String url,
                          @JsonProperty("size") Long size, @JsonProperty("sha256") String sha256) {
}

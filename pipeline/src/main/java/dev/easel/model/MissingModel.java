package dev.easel.model;

/**
 * A kind of model the store lacks, with what to run to get one.
 *
 * @param download the catalog name to pass to {@code download}, or null when the catalog has none
 */
public record MissingModel(ModelKind kind, String detail, String download) {
}

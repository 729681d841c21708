package dev.easel.model;

import java.nio.file.Path;

/**
 * One model found in the store.
 *
 * @param name       what users pick it by: the folder name for ONNX sets, the file name without
 *                   extension for single files
 * @param format     {@code onnx-folder}, {@code onnx}, {@code safetensors}, or the unsupported format found
 * @param ready      true when it looks loadable (files present, headers parse)
 * @param problem    why it is not ready, and what to do; null when ready
 * @param inpainting for Stable Diffusion sets: true for a 9-channel inpainting UNet
 * @param sizeBytes  bytes on disk, all files included
 */
public record ModelEntry(String name, ModelKind kind, Path path, String format, boolean ready, String problem,
                         boolean inpainting, long sizeBytes) {

    static ModelEntry ok(String name, ModelKind kind, Path path, String format, boolean inpainting, long size) {
        return new ModelEntry(name, kind, path, format, true, null, inpainting, size);
    }

    static ModelEntry broken(String name, ModelKind kind, Path path, String format, String problem, long size) {
        return new ModelEntry(name, kind, path, format, false, problem, false, size);
    }
}

package dev.easel.upscale;

import dev.easel.onnx.OrtSettings;

import java.nio.file.Path;

/**
 * An ONNX super-resolution model as an {@link Upscaler}: each pass tiles the image through the
 * model (see {@link TiledUpscaler}). The tile size it had to fall back to after an allocation failure
 * is kept for later passes and images.
 */
public final class ModelUpscaler implements Upscaler {
    private final String name;
    private final OnnxTileModel model;
    private final TiledUpscaler tiler;

    public ModelUpscaler(String name, OnnxTileModel model, TileSettings settings) {
        this.name = name;
        this.model = model;
        this.tiler = new TiledUpscaler(model, settings);
    }

    /** Opens {@code file} as the upscaler called {@code name}. */
    public static ModelUpscaler open(String name, Path file, OrtSettings ort, TileSettings settings) {
        return new ModelUpscaler(name, OnnxTileModel.open(file, ort), settings);
    }

    @Override
    public String name() { return name; }

    /** The model's scale, once a tile has run; -1 before. */
    public int scale() { return tiler.scale(); }

    public boolean fixedSize() { return model.fixedSize(); }

    @Override
    public Raster pass(Raster image, double scale, Monitor monitor) {
        model.session().clearInterrupt();
        return tiler.upscale(image, monitor);
    }

    @Override
    public void interrupt() {
        model.session().interrupt();
    }

    @Override
    public void close() {
        model.close();
    }
}

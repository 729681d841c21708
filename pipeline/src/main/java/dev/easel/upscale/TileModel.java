package dev.easel.upscale;

import dev.easel.onnx.Tensor;

/**
 * One call of an image-to-image super-resolution model on a tile: {@code [1, C, h, w]} with values
 * in [0, 1] in, {@code [1, C', h*k, w*k]} out for the model's integer scale {@code k}.
 */
public interface TileModel {
    /** Channels the model reads: 3 (RGB) or 1 (grey). */
    int inputChannels();

    /** The input width the graph fixes, or -1 when it is free. */
    int fixedWidth();

    /** The input height the graph fixes, or -1 when it is free. */
    int fixedHeight();

    default boolean fixedSize() {
        return fixedWidth() > 0 || fixedHeight() > 0;
    }

    /**
     * Runs the model on one tile.
     *
     * @throws TileTooLargeException when the device could not allocate what the tile needs
     * @throws java.util.concurrent.CancellationException when the call was aborted
     */
    Tensor run(Tensor tile);
}

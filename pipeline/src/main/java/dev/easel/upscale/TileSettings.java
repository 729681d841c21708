package dev.easel.upscale;

/**
 * How a model pass is cut into tiles.
 *
 * @param tile     model window in input pixels; 0 runs the whole image at once (A1111 {@code ESRGAN_tile})
 * @param overlap  width of the cross-fade band between tiles (A1111 {@code ESRGAN_tile_overlap})
 * @param pad      context kept around each tile's used part and discarded after the call
 * @param multiple window sizes of free-size models are rounded to this (SwinIR's window, x2 models' unshuffle)
 * @param minTile  the smallest window tried after allocation failures before giving up
 */
public record TileSettings(int tile, int overlap, int pad, int multiple, int minTile) {

    /** A1111 {@code ESRGAN_tile} default (modules/shared_options.py). */
    public static final int DEFAULT_TILE = 192;
    /** A1111 {@code ESRGAN_tile_overlap} default (modules/shared_options.py). */
    public static final int DEFAULT_OVERLAP = 8;
    /** Context per side; Real-ESRGAN's {@code tile_pad} is 10, rounded up to keep windows 8-aligned. */
    public static final int DEFAULT_PAD = 16;
    /** SwinIR needs multiples of its window 8; RRDBNet x2/x1 need 2/4 (pixel unshuffle). */
    public static final int DEFAULT_MULTIPLE = 8;
    public static final int DEFAULT_MIN_TILE = 32;

    public static final TileSettings DEFAULTS =
            new TileSettings(DEFAULT_TILE, DEFAULT_OVERLAP, DEFAULT_PAD, DEFAULT_MULTIPLE, DEFAULT_MIN_TILE);

    public TileSettings {
        if (tile < 0) throw new IllegalArgumentException("ESRGAN_tile must be 0 (no tiling) or positive, got " + tile);
        if (overlap < 0) throw new IllegalArgumentException("ESRGAN_tile_overlap must not be negative, got " + overlap);
        if (pad < 0) throw new IllegalArgumentException("tile pad must not be negative, got " + pad);
        if (multiple < 1) throw new IllegalArgumentException("size multiple must be at least 1, got " + multiple);
        if (minTile < 1) throw new IllegalArgumentException("minimum tile must be at least 1, got " + minTile);
    }

    /** A1111's two settings with Easel's defaults for the rest. */
    public static TileSettings of(int tile, int overlap) {
        return new TileSettings(tile, overlap, DEFAULT_PAD, DEFAULT_MULTIPLE, DEFAULT_MIN_TILE);
    }

    public TileSettings withTile(int newTile) {
        return new TileSettings(newTile, overlap, pad, multiple, minTile);
    }
}

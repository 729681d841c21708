package dev.easel.upscale;

import dev.easel.onnx.Tensor;

import java.util.Arrays;
import java.util.logging.Logger;

/**
 * Runs a {@link TileModel} over an image of any size, tile by tile, and assembles the result
 * straight into an output {@link Raster} of the input's depth: only a strip of output rows (one
 * tile row plus its blend band) is ever held in float. Tiles read {@link TileSettings#pad()} pixels of
 * context that are thrown away and cross-fade over {@link TileSettings#overlap()} pixels with weights
 * summing to one (see {@link TileAxis}), so a model without memory of position leaves no seam.
 *
 * <p>The scale is measured from the first tile's output. When a tile fails to allocate, the tile
 * size halves (down to {@link TileSettings#minTile()}) and that tile is redone from smaller ones;
 * later tiles and passes keep the smaller size. Alpha bypasses the model and is Lanczos-resized.
 * Not thread-safe: one pass at a time.
 */
public final class TiledUpscaler {
    private static final Logger LOG = Logger.getLogger(TiledUpscaler.class.getName());

    private final TileModel model;
    private final TileSettings settings;
    private int maxTile;
    private int scale = -1;

    public TiledUpscaler(TileModel model, TileSettings settings) {
        this.model = model;
        this.settings = settings;
        this.maxTile = Integer.MAX_VALUE;
    }

    /** The model's scale, measured on the first tile; -1 before any tile ran. */
    public int scale() { return scale; }

    /** The largest window the model could allocate so far (MAX_VALUE until an allocation failed). */
    public int maxTile() { return maxTile; }

    /**
     * One model pass: returns a raster {@code scale} times larger with the input's channels, depth
     * and (for float rasters) value range.
     *
     * @throws java.util.concurrent.CancellationException when the monitor asks to stop
     * @throws UpscaleException when the model's output does not fit an upscaler or memory runs out
     */
    public Raster upscale(Raster src, Monitor monitor) {
        return new Pass(src, monitor).run();
    }

    private int windowFor(int length, int fixed) {
        if (fixed > 0) return fixed;
        int m = settings.multiple();
        int tile = settings.tile() == 0 ? Integer.MAX_VALUE : Math.min(settings.tile(), maxTile);
        if (tile >= length) return roundUp(length, m);
        return Math.max(m, tile / m * m);
    }

    private static int roundUp(int v, int m) {
        return (v + m - 1) / m * m;
    }

    /** One run over one image. */
    private final class Pass {
        private final Raster src;
        private final Monitor monitor;
        private final int colors;
        private Raster out;
        private float[] strip;
        private int stripRows;
        private int stripY0;

        Pass(Raster src, Monitor monitor) {
            this.src = src;
            this.monitor = monitor;
            this.colors = src.colorChannels();
        }

        Raster run() {
            int w = src.width();
            int h = src.height();
            TileAxis ax = TileAxis.layout(w, windowFor(w, model.fixedWidth()), settings.pad(), settings.overlap());
            TileAxis ay = TileAxis.layout(h, windowFor(h, model.fixedHeight()), settings.pad(), settings.overlap());
            int total = ax.count() * ay.count();
            int done = 0;
            for (int iy = 0; iy < ay.count(); iy++) {
                for (int ix = 0; ix < ax.count(); ix++) {
                    Tensor t = runWindow(ax.start(ix), ay.start(iy), ax.window(), ay.window());
                    if (out == null) allocate(ay);
                    accumulate(t, ax, ix, ay, iy, strip, out.width(), stripRows, stripY0, colors);
                    monitor.onTiles(++done, total);
                }
                int until = iy + 1 < ay.count() ? firstRow(ay, iy + 1) : out.height();
                flush(until, lastRow(ay, iy));
            }
            if (src.hasAlpha()) {
                int a = src.channels() - 1;
                RasterResize.lanczosChannels(src, out, a, a + 1);
            }
            return out;
        }

        private void allocate(TileAxis ay) {
            out = Raster.allocateLike(src, Math.multiplyExact(src.width(), scale),
                    Math.multiplyExact(src.height(), scale), src.channels());
            int rows = 0;
            for (int iy = 0; iy < ay.count(); iy++) rows = Math.max(rows, lastRow(ay, iy) - firstRow(ay, iy));
            stripRows = rows;
            strip = new float[Math.multiplyExact(Math.multiplyExact(rows, out.width()), colors)];
            stripY0 = 0;
        }

        private int firstRow(TileAxis ay, int iy) {
            return Math.max(0, (int) Math.ceil(ay.usedFrom(iy) * scale - 0.5));
        }

        private int lastRow(TileAxis ay, int iy) {
            return Math.min(ay.length() * scale, (int) Math.ceil(ay.usedTo(iy) * scale - 0.5));
        }

        /** Writes rows {@code [stripY0, until)} to the output and keeps {@code [until, pendingTo)} for the next tile row. */
        private void flush(int until, int pendingTo) {
            int ow = out.width();
            int plane = stripRows * ow;
            for (int y = stripY0; y < until; y++) {
                int row = (y - stripY0) * ow;
                for (int c = 0; c < colors; c++) out.setRow(y, c, strip, c * plane + row, ow);
            }
            int keep = Math.max(0, pendingTo - until);
            for (int c = 0; c < colors; c++) {
                int base = c * plane;
                System.arraycopy(strip, base + (until - stripY0) * ow, strip, base, keep * ow);
                Arrays.fill(strip, base + keep * ow, base + plane, 0f);
            }
            stripY0 = until;
        }

        /**
         * The model's output for the window at ({@code x0}, {@code y0}) of {@code w x h} input pixels,
         * from one call or, once calls of that size ran out of memory, from smaller tiles.
         */
        private Tensor runWindow(int x0, int y0, int w, int h) {
            boolean fixed = model.fixedSize();
            if (fixed || (w <= maxTile && h <= maxTile)) {
                monitor.checkCancelled();
                try {
                    Tensor t = model.run(readTile(x0, y0, w, h));
                    checkScale(t, w, h);
                    return t;
                } catch (TileTooLargeException e) {
                    int side = Math.max(w, h);
                    if (fixed) {
                        throw new UpscaleException("not enough memory for one " + w + "x" + h
                                + " tile of this fixed-size model; free memory or choose another upscaler", e);
                    }
                    int next = side / 2 / settings.multiple() * settings.multiple();
                    if (next < settings.minTile()) {
                        throw new UpscaleException("not enough memory even for " + side + " px tiles; "
                                + "free memory or choose another upscaler", e);
                    }
                    LOG.warning(() -> "allocation failed for a " + w + "x" + h + " tile; continuing with "
                            + next + " px tiles");
                    maxTile = next;
                }
            }
            TileAxis sx = TileAxis.layout(w, Math.min(maxTile, w), settings.pad(), settings.overlap());
            TileAxis sy = TileAxis.layout(h, Math.min(maxTile, h), settings.pad(), settings.overlap());
            float[] buffer = null;
            int channels = 0;
            for (int j = 0; j < sy.count(); j++) {
                for (int i = 0; i < sx.count(); i++) {
                    Tensor t = runWindow(x0 + sx.start(i), y0 + sy.start(j), sx.window(), sy.window());
                    if (buffer == null) {
                        channels = (int) t.dim(1);
                        buffer = new float[Math.multiplyExact(Math.multiplyExact(w * scale, h * scale), channels)];
                    }
                    accumulate(t, sx, i, sy, j, buffer, w * scale, h * scale, 0, channels);
                }
            }
            return new Tensor(new long[] {1, channels, (long) h * scale, (long) w * scale}, buffer);
        }

        private Tensor readTile(int x0, int y0, int w, int h) {
            int in = model.inputChannels();
            float[] data = new float[in * w * h];
            int plane = w * h;
            int sw = src.width();
            int sh = src.height();
            int[] xs = new int[w];
            for (int x = 0; x < w; x++) xs[x] = TileAxis.mirror(x0 + x, sw);
            for (int y = 0; y < h; y++) {
                int yy = TileAxis.mirror(y0 + y, sh);
                int row = y * w;
                for (int x = 0; x < w; x++) {
                    int xx = xs[x];
                    if (in == colors) {
                        for (int c = 0; c < in; c++) data[c * plane + row + x] = src.get(xx, yy, c);
                    } else if (in == 3) {
                        float g = src.get(xx, yy, 0);
                        data[row + x] = g;
                        data[plane + row + x] = g;
                        data[2 * plane + row + x] = g;
                    } else {
                        data[row + x] = (src.get(xx, yy, 0) + src.get(xx, yy, 1) + src.get(xx, yy, 2)) / 3f;
                    }
                }
            }
            return new Tensor(new long[] {1, in, h, w}, data);
        }

        private void checkScale(Tensor t, int w, int h) {
            if (t.rank() != 4 || t.dim(0) != 1 || (t.dim(1) != 1 && t.dim(1) != 3)) {
                throw new UpscaleException("an upscaler must output [1, 3, H, W] (or 1 channel), this model gave "
                        + Arrays.toString(t.shape()));
            }
            long oh = t.dim(2);
            long ow = t.dim(3);
            if (ow % w != 0 || oh % h != 0 || ow / w != oh / h || ow < w) {
                throw new UpscaleException("the model turned a " + w + "x" + h + " tile into " + ow + "x" + oh
                        + ", not a whole-number enlargement; it is not an upscaler this can tile");
            }
            int k = (int) (ow / w);
            if (scale == -1) {
                scale = k;
            } else if (scale != k) {
                throw new UpscaleException("the model's scale changed from x" + scale + " to x" + k + " between tiles");
            }
        }
    }

    /**
     * Adds tile ({@code ix}, {@code iy})'s output, weighted, into a planar float target whose row 0 is
     * output row {@code rowOffset}; channels are mapped (grey replicated, RGB averaged) when they differ.
     */
    private void accumulate(Tensor t, TileAxis ax, int ix, TileAxis ay, int iy,
                            float[] target, int targetW, int targetRows, int rowOffset, int targetChannels) {
        int k = scale;
        int sc = (int) t.dim(1);
        int th = (int) t.dim(2);
        int tw = (int) t.dim(3);
        int srcPlane = th * tw;
        int dstPlane = targetRows * targetW;
        int ox = ax.start(ix) * k;
        int oy = ay.start(iy) * k;
        int x0 = Math.max(0, (int) Math.ceil(ax.usedFrom(ix) * k - 0.5));
        int x1 = Math.min(ax.length() * k, (int) Math.ceil(ax.usedTo(ix) * k - 0.5));
        int y0 = Math.max(0, (int) Math.ceil(ay.usedFrom(iy) * k - 0.5));
        int y1 = Math.min(ay.length() * k, (int) Math.ceil(ay.usedTo(iy) * k - 0.5));
        float[] wx = new float[Math.max(0, x1 - x0)];
        for (int x = x0; x < x1; x++) wx[x - x0] = (float) ax.weight(ix, (x + 0.5) / k);
        float[] d = t.data();
        for (int y = y0; y < y1; y++) {
            float wy = (float) ay.weight(iy, (y + 0.5) / k);
            if (wy == 0) continue;
            int srcRow = (y - oy) * tw - ox;
            int dstRow = (y - rowOffset) * targetW;
            if (sc == targetChannels) {
                for (int c = 0; c < sc; c++) {
                    int so = c * srcPlane + srcRow;
                    int dO = c * dstPlane + dstRow;
                    for (int x = x0; x < x1; x++) target[dO + x] += wx[x - x0] * wy * d[so + x];
                }
                continue;
            }
            for (int x = x0; x < x1; x++) {
                float w = wx[x - x0] * wy;
                if (w == 0) continue;
                int s = srcRow + x;
                int dIdx = dstRow + x;
                if (targetChannels == 1) {
                    target[dIdx] += w * (d[s] + d[srcPlane + s] + d[2 * srcPlane + s]) / 3f;
                } else {
                    float v = w * d[s];
                    for (int c = 0; c < targetChannels; c++) target[c * dstPlane + dIdx] += v;
                }
            }
        }
    }
}

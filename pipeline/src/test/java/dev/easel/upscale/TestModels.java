package dev.easel.upscale;

import dev.easel.onnx.Tensor;

/** Upscalers written in Java for tests of the tiling itself, with a known receptive field. */
final class TestModels {
    private TestModels() { }

    /**
     * A 5x5 box blur (mirrored at the tile's edges, so missing context shows) followed by
     * nearest-neighbour enlargement by {@code k}; optionally refuses tiles larger than {@code maxSide}.
     */
    static TileModel blurThenNearest(int k, int maxSide) {
        return new TileModel() {
            @Override public int inputChannels() { return 3; }
            @Override public int fixedWidth() { return -1; }
            @Override public int fixedHeight() { return -1; }

            @Override
            public Tensor run(Tensor tile) {
                int c = (int) tile.dim(1);
                int h = (int) tile.dim(2);
                int w = (int) tile.dim(3);
                if (Math.max(w, h) > maxSide) throw new TileTooLargeException("too big: " + w + "x" + h, null);
                float[] in = tile.data();
                float[] out = new float[c * h * k * w * k];
                for (int ch = 0; ch < c; ch++) {
                    for (int y = 0; y < h; y++) {
                        for (int x = 0; x < w; x++) {
                            float s = 0;
                            for (int dy = -2; dy <= 2; dy++) {
                                for (int dx = -2; dx <= 2; dx++) {
                                    int yy = TileAxis.mirror(y + dy, h);
                                    int xx = TileAxis.mirror(x + dx, w);
                                    s += in[(ch * h + yy) * w + xx];
                                }
                            }
                            s /= 25f;
                            for (int sy = 0; sy < k; sy++) {
                                for (int sx = 0; sx < k; sx++) {
                                    out[(ch * h * k + y * k + sy) * w * k + x * k + sx] = s;
                                }
                            }
                        }
                    }
                }
                return new Tensor(new long[] {1, c, (long) h * k, (long) w * k}, out);
            }
        };
    }
}

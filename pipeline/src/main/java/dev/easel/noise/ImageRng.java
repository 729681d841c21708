package dev.easel.noise;

import dev.easel.onnx.Tensor;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Per-image noise for one batch, as A1111's {@code rng.ImageRNG}: each image has its own generator
 * seeded with its seed, so image {@code i} of a batch gets exactly the noise a single run with that
 * seed gets, for the first draw and every later (ancestral) draw.
 */
public final class ImageRng {
    /** Latent pixels per image pixel along each axis (SD's VAE); seed resize sizes are in pixels. */
    static final int LATENT_FACTOR = 8;

    private final int channels;
    private final int height;
    private final int width;
    private final long[] seeds;
    private final long[] subseeds;
    private final NoiseSettings settings;
    private NoiseGenerator[] generators;
    private boolean firstDone;
    private boolean prefetch = true;
    private CompletableFuture<Tensor> pending;

    /**
     * @param channels latent channels (4)
     * @param height   latent height ({@code H / 8})
     * @param width    latent width ({@code W / 8})
     * @param seeds    one seed per image of the batch
     * @param subseeds variation seeds (image {@code i} uses 0 where the array is shorter), or null
     */
    public ImageRng(int channels, int height, int width, long[] seeds, long[] subseeds, NoiseSettings settings) {
        if (channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException("latent shape must be positive, got " + channels + "x" + height + "x" + width);
        }
        if (seeds == null || seeds.length == 0) throw new IllegalArgumentException("at least one seed is required");
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.seeds = seeds.clone();
        this.subseeds = subseeds == null ? null : subseeds.clone();
        this.settings = settings;
        this.generators = new NoiseGenerator[seeds.length];
        for (int i = 0; i < seeds.length; i++) generators[i] = settings.source().generator(seeds[i]);
    }

    public int batchSize() { return seeds.length; }

    public long[] shape() { return new long[] {seeds.length, channels, height, width}; }

    /**
     * The initial noise {@code [B, C, H, W]} with variation and seed resize applied. After it, when
     * ENSD is set, the generators are recreated from {@code seed + ENSD} (A1111 applies ENSD only to
     * later draws). Call once; later calls to {@link #next()} continue the per-image streams.
     */
    public Tensor first() {
        if (pending != null) throw new IllegalStateException("first() after later draws: create a new ImageRng");
        int per = channels * height * width;
        float[] out = new float[seeds.length * per];
        boolean resized = settings.resizes();
        int noiseH = resized ? settings.seedResizeFromH() / LATENT_FACTOR : height;
        int noiseW = resized ? settings.seedResizeFromW() / LATENT_FACTOR : width;
        resized = resized && (noiseH != height || noiseW != width);
        boolean variation = subseeds != null && settings.subseedStrength() != 0;
        int noiseN = channels * noiseH * noiseW;
        for (int i = 0; i < seeds.length; i++) {
            float[] noise;
            float[] subnoise = null;
            if (variation) {
                long subseed = i < subseeds.length ? subseeds[i] : 0;
                subnoise = settings.source().generator(subseed).randn(noiseN);
            }
            noise = resized ? settings.source().generator(seeds[i]).randn(noiseN) : generators[i].randn(noiseN);
            if (subnoise != null) {
                noise = Slerp.slerp(settings.subseedStrength(), noise, subnoise, channels, noiseH, noiseW);
            }
            if (resized) {
                float[] full = generators[i].randn(per);
                pasteCentred(noise, noiseH, noiseW, full);
                noise = full;
            }
            System.arraycopy(noise, 0, out, i * per, per);
        }
        if (settings.etaNoiseSeedDelta() != 0) {
            for (int i = 0; i < seeds.length; i++) {
                generators[i] = settings.source().generator(seeds[i] + settings.etaNoiseSeedDelta());
            }
        }
        firstDone = true;
        return new Tensor(shape(), out);
    }

    /**
     * The next draw {@code [B, C, H, W]}: one {@code randn} of {@code (C, H, W)} per image from its own
     * generator. The very first call returns {@link #first()}, as A1111's {@code ImageRNG.next} does.
     * Once later draws are being asked for (ancestral samplers), the following draw is computed in the
     * background while the caller runs the model; values and order are exactly those of sequential
     * draws. Calls must come from one thread at a time.
     */
    public Tensor next() {
        if (!firstDone) return first();
        Tensor t;
        if (pending != null) {
            t = join(pending);
            pending = null;
        } else {
            t = draw();
        }
        if (prefetch) pending = CompletableFuture.supplyAsync(this::draw);
        return t;
    }

    /** Turns background computation of the next draw on or off (on by default). */
    public ImageRng prefetch(boolean on) {
        this.prefetch = on;
        return this;
    }

    private Tensor draw() {
        int per = channels * height * width;
        float[] out = new float[seeds.length * per];
        for (int i = 0; i < seeds.length; i++) generators[i].randn(out, i * per, per);
        return new Tensor(shape(), out);
    }

    private static Tensor join(CompletableFuture<Tensor> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw e;
        }
    }

    /** Copies the centre overlap of {@code noise (C, nh, nw)} into {@code full (C, H, W)} (crop or pad). */
    private void pasteCentred(float[] noise, int nh, int nw, float[] full) {
        int dx = Math.floorDiv(width - nw, 2);
        int dy = Math.floorDiv(height - nh, 2);
        int w = dx >= 0 ? nw : nw + 2 * dx;
        int h = dy >= 0 ? nh : nh + 2 * dy;
        int tx = Math.max(dx, 0), ty = Math.max(dy, 0);
        int sx = Math.max(-dx, 0), sy = Math.max(-dy, 0);
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < h; y++) {
                System.arraycopy(noise, (c * nh + sy + y) * nw + sx, full, (c * height + ty + y) * width + tx, w);
            }
        }
    }

    @Override
    public String toString() {
        return "ImageRng" + Arrays.toString(shape()) + " seeds " + Arrays.toString(seeds);
    }
}

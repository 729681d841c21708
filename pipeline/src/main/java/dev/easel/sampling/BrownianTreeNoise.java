package dev.easel.sampling;

import dev.easel.noise.NoiseSource;
import dev.easel.onnx.Tensor;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.IntStream;

/**
 * k-diffusion's {@code BrownianTreeNoiseSampler} as A1111 builds it for the SDE samplers: one
 * {@link BrownianTree} per image seed over {@code [sigma_min, sigma_max]}, and for a step from sigma to
 * sigma_next the increment over that interval divided by {@code sqrt|sigma_next - sigma|}. So a batch
 * gets the same noise per image as single runs with the same seeds.
 */
public final class BrownianTreeNoise implements NoiseSampler {
    private final long[] shape;
    private final int perImage;
    private final BrownianTree[] trees;
    private final Deque<Ahead> ahead = new ArrayDeque<>();

    /**
     * @param shape    latent shape {@code [B, C, h, w]}
     * @param seeds    one seed per image ({@code B} of them)
     * @param source   where the tree's Gaussian draws come from (A1111's {@code randn_local})
     */
    public BrownianTreeNoise(long[] shape, double sigmaMin, double sigmaMax, long[] seeds, NoiseSource source) {
        if (shape.length < 1 || seeds.length != shape[0]) {
            throw new IllegalArgumentException("Brownian noise needs one seed per image: " + seeds.length + " seeds for batch " + shape[0]);
        }
        this.shape = shape.clone();
        int per = 1;
        for (int d = 1; d < shape.length; d++) per = Math.multiplyExact(per, (int) shape[d]);
        this.perImage = per;
        double t0 = (float) Math.min(sigmaMin, sigmaMax), t1 = (float) Math.max(sigmaMin, sigmaMax);
        trees = new BrownianTree[seeds.length];
        for (int i = 0; i < seeds.length; i++) trees[i] = new BrownianTree(t0, t1, per, seeds[i], source);
    }

    @Override
    public Tensor noise(double sigma, double sigmaNext) {
        float a = (float) sigma, b = (float) sigmaNext;
        Ahead next = ahead.peekFirst();
        if (next != null && next.sigma == a && next.sigmaNext == b) {
            ahead.pollFirst();
            try {
                return next.value.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException r) throw r;
                throw e;
            }
        }
        // Not the query expected next: the tree does not depend on query order, so just compute it.
        cancel();
        return compute(a, b);
    }

    /**
     * Computes the expected queries one after another in the background (each is dozens of Gaussian
     * draws down the tree), so the sampler finds them ready after its model calls.
     */
    @Override
    public void expect(List<double[]> queries) {
        cancel();
        CompletableFuture<Tensor> previous = CompletableFuture.completedFuture(null);
        for (double[] q : queries) {
            float a = (float) q[0], b = (float) q[1];
            CompletableFuture<Tensor> f = previous.thenApplyAsync(ignored -> compute(a, b));
            ahead.addLast(new Ahead(a, b, f));
            previous = f;
        }
    }

    @Override
    public void cancel() {
        for (Ahead a : ahead) a.value.cancel(false);
        ahead.clear();
    }

    private record Ahead(float sigma, float sigmaNext, CompletableFuture<Tensor> value) { }

    private Tensor compute(float t0, float t1) {
        float lo = Math.min(t0, t1), hi = Math.max(t0, t1);
        float sign = t0 < t1 ? 1f : -1f;
        float scale = (float) Math.sqrt(Math.abs(t1 - t0));
        int per = perImage;
        float[] out = new float[per * trees.length];
        // Trees are independent (one per image): query them in parallel.
        IntStream.range(0, trees.length).parallel().forEach(i -> {
            float[] w = trees[i].increment(lo, hi);
            for (int k = 0; k < per; k++) out[i * per + k] = w[k] * sign / scale;
        });
        return new Tensor(shape.clone(), out);
    }
}

package dev.easel.generate;

import dev.easel.image.FloatImage;
import dev.easel.image.Pixels;
import dev.easel.model.DiffusionModel;
import dev.easel.noise.NoiseGenerator;
import dev.easel.noise.NoiseSource;
import dev.easel.onnx.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * The VAE as the pipeline uses it: images to scaled latents with a seeded posterior sample, and
 * latents back to 8-bit-exact images.
 *
 * <p>A1111 samples the encoder's posterior ({@code mean + std * randn}) from torch's global, unseeded
 * generator, so its img2img is not reproducible. Easel draws that {@code randn} from torch's CPU
 * generator (mt19937) seeded with the image's seed, so the same request gives the same latent every time.
 */
final class Vae {

    /** SD 1.x latent scaling ({@code scale_factor} in {@code v1-inference.yaml}). */
    static final float SCALE = 0.18215f;
    /** ldm {@code DiagonalGaussianDistribution} clamps the log-variance to this range. */
    private static final float LOGVAR_MIN = -30f;
    private static final float LOGVAR_MAX = 20f;

    private Vae() { }

    /**
     * Encodes RGB images in [0, 1] (all the same size) to latents {@code [b, 4, H/8, W/8]} times
     * {@link #SCALE}; image {@code i}'s posterior noise comes from {@code seeds[i]}.
     */
    static Tensor encode(DiffusionModel model, List<FloatImage> images, long[] seeds) {
        FloatImage first = images.get(0);
        int w = first.width();
        int h = first.height();
        int per = 3 * w * h;
        float[] in = new float[images.size() * per];
        for (int i = 0; i < images.size(); i++) {
            FloatImage img = images.get(i);
            if (img.width() != w || img.height() != h || img.channels() != 3) {
                throw new IllegalArgumentException("VAE batch needs equal RGB images, got " + first + " and " + img);
            }
            float[] signed = Pixels.toSigned(img.data());
            System.arraycopy(signed, 0, in, i * per, per);
        }
        Tensor moments = model.encodeMoments(new Tensor(new long[] {images.size(), 3, h, w}, in));
        int lh = (int) moments.dim(2);
        int lw = (int) moments.dim(3);
        int n = 4 * lh * lw;
        float[] out = new float[images.size() * n];
        float[] m = moments.data();
        for (int i = 0; i < images.size(); i++) {
            NoiseGenerator g = NoiseSource.CPU.generator(seeds[i]);
            float[] eps = g.randn(n);
            int base = i * 2 * n;
            for (int k = 0; k < n; k++) {
                float logvar = Math.max(LOGVAR_MIN, Math.min(LOGVAR_MAX, m[base + n + k]));
                float std = (float) Math.exp(0.5f * logvar);
                out[i * n + k] = (m[base + k] + std * eps[k]) * SCALE;
            }
        }
        return new Tensor(new long[] {images.size(), 4, lh, lw}, out);
    }

    /** Decodes scaled latents to RGB images, 8-bit exact with A1111's truncation. */
    static List<FloatImage> decode(DiffusionModel model, Tensor latents) {
        float[] scaled = latents.data().clone();
        for (int k = 0; k < scaled.length; k++) scaled[k] /= SCALE;
        Tensor img = model.decode(new Tensor(latents.shape().clone(), scaled));
        int b = (int) img.dim(0);
        int h = (int) img.dim(2);
        int w = (int) img.dim(3);
        int per = 3 * w * h;
        List<FloatImage> out = new ArrayList<>(b);
        for (int i = 0; i < b; i++) out.add(new FloatImage(w, h, 3, Pixels.fromSignedTruncating(img.data(), i * per, per)));
        return out;
    }
}

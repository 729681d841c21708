package dev.easel.generate;

import dev.easel.image.FloatImage;

/**
 * The cheap live preview: each latent pixel mapped to RGB by a fixed linear map, as A1111's
 * "Approx cheap" preview does ({@code sd_vae_approx.cheap_approximation}), at latent resolution.
 */
public final class LatentPreview {

    /**
     * SD 1.x latent-to-RGB coefficients, rows = latent channels, columns = R, G, B
     * (A1111 {@code sd_vae_approx.cheap_approximation}, from the diffusers forum thread on decoding latents to RGB).
     */
    static final float[][] SD1_COEFFS = {
            {0.298f, 0.207f, 0.208f},
            {0.187f, 0.286f, 0.173f},
            {-0.158f, 0.189f, 0.264f},
            {-0.184f, -0.271f, -0.473f},
    };

    private LatentPreview() { }

    /**
     * RGB in [0, 1] of batch entry {@code index} of {@code latent [b, 4, h, w]} (model-space latents):
     * {@code clamp(M^T x * 0.5 + 0.5, 0, 1)}, as A1111's {@code single_sample_to_image}.
     */
    public static FloatImage of(float[] latent, int index, int h, int w) {
        int n = h * w;
        int base = index * 4 * n;
        float[] out = new float[3 * n];
        for (int i = 0; i < n; i++) {
            float l0 = latent[base + i], l1 = latent[base + n + i], l2 = latent[base + 2 * n + i], l3 = latent[base + 3 * n + i];
            for (int c = 0; c < 3; c++) {
                float v = l0 * SD1_COEFFS[0][c] + l1 * SD1_COEFFS[1][c] + l2 * SD1_COEFFS[2][c] + l3 * SD1_COEFFS[3][c];
                v = v * 0.5f + 0.5f;
                out[c * n + i] = v < 0f ? 0f : v > 1f ? 1f : v;
            }
        }
        return new FloatImage(w, h, 3, out);
    }
}

package dev.easel.generate;

import dev.easel.image.FloatImage;
import dev.easel.image.Masks;
import dev.easel.image.Resize;
import dev.easel.model.DiffusionModel;
import dev.easel.onnx.Tensor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The extra UNet input channels of 9-channel inpainting models: the mask at latent resolution and
 * the latent of the masked image ({@code inpainting_image_conditioning}, {@code inpainting_mask_weight = 1}).
 */
final class ImageConditioning {

    private ImageConditioning() { }

    /** txt2img with an inpainting model: a 0.5-grey image and an all-ones mask. */
    static Tensor blank(DiffusionModel model, int width, int height, long[] seeds) {
        FloatImage grey = FloatImage.zeros(width, height, 3);
        java.util.Arrays.fill(grey.data(), 0.5f);
        return of(model, Collections.nCopies(seeds.length, grey), null, seeds);
    }

    /**
     * img2img or inpainting: {@code cat(mask, encode(image * (1 - mask)))} with the mask rounded at pixel
     * resolution and nearest-sampled to latent size; without a mask the whole image counts as masked.
     */
    static Tensor of(DiffusionModel model, List<FloatImage> images, FloatImage mask, long[] seeds) {
        int w = images.get(0).width();
        int h = images.get(0).height();
        FloatImage m = mask == null ? null : Masks.round(mask);
        List<FloatImage> masked = new ArrayList<>(images.size());
        for (FloatImage img : images) {
            float[] d = img.data();
            float[] out = new float[d.length];
            int n = w * h;
            for (int c = 0; c < 3; c++) {
                for (int i = 0; i < n; i++) {
                    float keep = m == null ? 0f : 1f - m.data()[i];
                    out[c * n + i] = 0.5f + (d[c * n + i] - 0.5f) * keep; // (2x - 1) * keep, in [0, 1] units
                }
            }
            masked.add(new FloatImage(w, h, 3, out));
        }
        Tensor latent = Vae.encode(model, masked, seeds);
        int lh = (int) latent.dim(2);
        int lw = (int) latent.dim(3);
        int ln = lh * lw;
        float[] small = new float[ln];
        if (m == null) {
            java.util.Arrays.fill(small, 1f);
        } else {
            small = Resize.nearestTorch(m, lw, lh).data();
        }
        int b = images.size();
        float[] out = new float[b * 5 * ln];
        for (int i = 0; i < b; i++) {
            System.arraycopy(small, 0, out, i * 5 * ln, ln);
            System.arraycopy(latent.data(), i * 4 * ln, out, i * 5 * ln + ln, 4 * ln);
        }
        return new Tensor(new long[] {b, 5, lh, lw}, out);
    }
}

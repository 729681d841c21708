package dev.easel.infotext;

import dev.easel.generate.GenerationRequest;

import java.util.LinkedHashMap;

/**
 * Builds A1111's {@code extra_generation_params} in the order its processing code adds them, so the
 * infotext's tail reads as A1111's does.
 */
public final class Extras {

    private Extras() { }

    /** Masked-content labels by {@code inpainting_fill}; "original" (1) is never written. */
    static final String[] MASKED_CONTENT = {"fill", "original", "latent noise", "latent nothing"};

    /**
     * img2img's extras: denoising strength, then (with a mask) mask mode, mask blur, inpaint area and
     * padding (only when "only masked" really cropped), masked content; then the noise multiplier and
     * sampler options.
     *
     * @param onlyMaskedApplied true when "only masked" found a non-empty mask and cropped to it
     */
    public static LinkedHashMap<String, Object> img2img(GenerationRequest r, double denoisingStrength, boolean onlyMaskedApplied) {
        LinkedHashMap<String, Object> e = new LinkedHashMap<>();
        e.put("Denoising strength", denoisingStrength);
        if (r.mask != null) {
            if (r.inpaintingMaskInvert) e.put("Mask mode", "Inpaint not masked");
            if (r.maskBlurX > 0 || r.maskBlurY > 0) {
                // A1111's mask_blur property is None (not written) when the two directions differ
                e.put("Mask blur", r.maskBlurX == r.maskBlurY ? r.maskBlurX : null);
            }
            if (onlyMaskedApplied) {
                e.put("Inpaint area", "Only masked");
                e.put("Masked area padding", r.inpaintFullResPadding);
            }
            if (r.inpaintingFill != 1 && r.inpaintingFill >= 0 && r.inpaintingFill < MASKED_CONTENT.length) {
                e.put("Masked content", MASKED_CONTENT[r.inpaintingFill]);
            }
        }
        double mult = r.initialNoiseMultiplier == null ? 1.0 : r.initialNoiseMultiplier;
        if (mult != 1.0) e.put("Noise multiplier", mult);
        samplerOptions(r, e);
        return e;
    }

    /** txt2img's extras: with hires fix, denoising strength and the hires keys, then sampler options. */
    public static LinkedHashMap<String, Object> txt2img(GenerationRequest r) {
        LinkedHashMap<String, Object> e = new LinkedHashMap<>();
        if (r.enableHr) {
            e.put("Denoising strength", r.hrDenoisingStrength);
            if (r.hrResizeX == 0 && r.hrResizeY == 0) e.put("Hires upscale", r.hrScale);
            else e.put("Hires resize", r.hrResizeX + "x" + r.hrResizeY);
            if (r.hrSecondPassSteps != 0) e.put("Hires steps", r.hrSecondPassSteps);
            if (r.hrUpscaler != null) e.put("Hires upscaler", r.hrUpscaler);
        }
        samplerOptions(r, e);
        return e;
    }

    /** Eta when it differs from the sampler's default, then sigma options that differ from theirs; emphasis. */
    static void samplerOptions(GenerationRequest r, LinkedHashMap<String, Object> e) {
        boolean ddim = SamplerNames.etaIsDdim(r.sampler);
        double def = ddim ? 0.0 : 1.0;
        double eta = r.eta != null ? r.eta : (ddim ? r.etaDdim : r.etaAncestral);
        if (eta != def) e.put(ddim ? "Eta DDIM" : "Eta", eta);
        if (r.sChurn != 0) e.put("Sigma churn", r.sChurn);
        if (r.sTmin != 0) e.put("Sigma tmin", r.sTmin);
        if (r.sTmax != Double.POSITIVE_INFINITY && r.sTmax != 0) e.put("Sigma tmax", r.sTmax);
        if (r.sNoise != 1.0) e.put("Sigma noise", r.sNoise);
        if (!"Original".equals(r.emphasis) && r.prompt != null
                && (r.prompt.contains("(") || r.prompt.contains("[")
                || (r.negativePrompt != null && (r.negativePrompt.contains("(") || r.negativePrompt.contains("["))))) {
            e.put("Emphasis", r.emphasis);
        }
    }
}

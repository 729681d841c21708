package dev.easel.infotext;

import dev.easel.generate.GenerationRequest;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A1111's infotext, the {@code parameters} text stored in every PNG: written in the exact form of
 * {@code processing.create_infotext} (key order, quoting, omitted defaults) and read with the rules of
 * {@code infotext_utils.parse_generation_parameters}.
 */
public final class Infotext {

    /**
     * What one image's infotext needs beyond the request.
     *
     * @param seed                   the image's seed
     * @param subseed                the image's variation seed
     * @param modelName              "Model" (null to omit)
     * @param modelHash              "Model hash", A1111's 10-hex short hash (null to omit)
     * @param inpaintingConditioning true when a 9-channel inpainting UNet ran ("Conditional mask weight")
     * @param extra                  A1111's {@code extra_generation_params} in insertion order (see {@link Extras})
     * @param version                "Version" (null to omit)
     */
    public record Facts(long seed, long subseed, String modelName, String modelHash, boolean inpaintingConditioning,
                        Map<String, Object> extra, String version) {
        public Facts {
            extra = extra == null ? Map.of() : extra;
        }
    }

    /** The option {@code inpainting_mask_weight}'s default, written as "Conditional mask weight". */
    public static final double INPAINTING_MASK_WEIGHT = 1.0;

    private Infotext() { }

    /** The full infotext of one image. */
    public static String create(GenerationRequest r, Facts f) {
        return format(r.prompt, r.negativePrompt, parameters(r, f));
    }

    /** The parameter line's items in A1111's order; null values are kept here and skipped by {@link #format}. */
    public static LinkedHashMap<String, Object> parameters(GenerationRequest r, Facts f) {
        LinkedHashMap<String, Object> p = new LinkedHashMap<>();
        boolean variation = r.subseedStrength != 0;
        p.put("Steps", r.steps);
        p.put("Sampler", r.sampler);
        p.put("Schedule type", SamplerNames.scheduleLabel(r.sampler, r.scheduler));
        p.put("CFG scale", r.cfgScale);
        p.put("Image CFG scale", null);
        p.put("Seed", f.seed());
        p.put("Face restoration", r.restoreFaces ? r.faceRestorationModel : null);
        p.put("Size", r.width + "x" + r.height);
        p.put("Model hash", f.modelHash());
        p.put("Model", f.modelName());
        p.put("FP8 weight", null);
        p.put("Cache FP16 weight for LoRA", null);
        p.put("VAE hash", null);
        p.put("VAE", null);
        p.put("Variation seed", variation ? f.subseed() : null);
        p.put("Variation seed strength", variation ? r.subseedStrength : null);
        p.put("Seed resize from", r.seedResizeFromW <= 0 || r.seedResizeFromH <= 0 ? null : r.seedResizeFromW + "x" + r.seedResizeFromH);
        p.put("Denoising strength", null);
        p.put("Conditional mask weight", f.inpaintingConditioning() ? INPAINTING_MASK_WEIGHT : null);
        p.put("Clip skip", r.clipSkip <= 1 ? null : r.clipSkip);
        boolean ensd = r.etaNoiseSeedDelta != 0 && SamplerNames.usesEnsd(r.sampler, r.eta, r.etaAncestral, r.etaDdim);
        p.put("ENSD", ensd ? r.etaNoiseSeedDelta : null);
        p.put("Token merging ratio", null);
        p.put("Token merging ratio hr", null);
        p.put("Init image hash", null);
        p.put("RNG", "GPU".equals(r.randnSource) ? null : r.randnSource);
        p.put("Tiling", r.tiling ? "True" : null);
        // A1111 quirk: extras whose key already exists keep the earlier position and take the new value
        p.putAll(f.extra());
        p.put("Version", f.version());
        p.put("User", null);
        return p;
    }

    /**
     * {@code prompt[\nNegative prompt: neg]\nk: v, k: v}: items with null values are skipped, an item
     * whose key equals its value is written once, values are {@link #quote}d; the whole text is stripped.
     */
    public static String format(String prompt, String negativePrompt, Map<String, Object> params) {
        StringBuilder line = new StringBuilder();
        for (Map.Entry<String, Object> e : params.entrySet()) {
            if (e.getValue() == null) continue;
            if (line.length() > 0) line.append(", ");
            String v = PyFormat.str(e.getValue());
            line.append(e.getKey().equals(v) ? e.getKey() : e.getKey() + ": " + quote(e.getValue()));
        }
        String neg = negativePrompt == null || negativePrompt.isEmpty() ? "" : "\nNegative prompt: " + negativePrompt;
        return (nullToEmpty(prompt) + neg + "\n" + line).strip();
    }

    /** A1111's {@code infotext_utils.quote}: JSON-quoted when {@code str(v)} holds a comma, newline or colon. */
    public static String quote(Object v) {
        String s = PyFormat.str(v);
        if (s.indexOf(',') < 0 && s.indexOf('\n') < 0 && s.indexOf(':') < 0) return s;
        return PyFormat.jsonString(s);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}

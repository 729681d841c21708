package dev.easel.bridge.a1111;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.easel.bridge.http.ApiException;
import dev.easel.generate.GenerationRequest;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bridge's settings under A1111's option names (API-CONVENTIONS.md). They live in memory only:
 * A1111 saves them to its config file, the bridge writes no file a client can influence.
 * Requests read a snapshot, so a setting changed mid-job affects only later jobs.
 */
public final class Options {
    public static final String CHECKPOINT = "sd_model_checkpoint";

    /** Settings with an effect, and a few that A1111 clients read; defaults are A1111 v1.10's. */
    static final List<OptionSpec> SPECS = List.of(
            OptionSpec.string(CHECKPOINT, null),
            OptionSpec.choice("randn_source", "GPU", "GPU", "CPU", "NV"),
            OptionSpec.integer("eta_noise_seed_delta", 0, 0, Long.MAX_VALUE),
            OptionSpec.number("eta_ancestral", 1.0, 0, 1),
            OptionSpec.number("eta_ddim", 0.0, 0, 1),
            OptionSpec.choice("emphasis", "Original", "Original", "No norm", "Ignore", "None"),
            OptionSpec.integer("comma_padding_backtrack", 20, 0, 74),
            OptionSpec.integer("CLIP_stop_at_last_layers", 1, 1, 12),
            OptionSpec.number("initial_noise_multiplier", 1.0, 0.5, 1.5),
            OptionSpec.integer("ESRGAN_tile", 192, 0, 512),
            OptionSpec.integer("ESRGAN_tile_overlap", 8, 0, 48),
            OptionSpec.choice("face_restoration_model", "CodeFormer", "CodeFormer", "GFPGAN"),
            OptionSpec.number("code_former_weight", 0.5, 0, 1),
            OptionSpec.string("upscaler_for_img2img", null),
            OptionSpec.bool("live_previews_enable", true),
            // A1111's default: a live preview every 10 sampling steps.
            OptionSpec.integer("show_progress_every_n_steps", 10, -1, 32),
            OptionSpec.choice("samples_format", "png", "png"),
            OptionSpec.bool("enable_pnginfo", true),
            OptionSpec.string("img2img_background_color", "#ffffff"),
            OptionSpec.number("inpainting_mask_weight", 1.0, 0, 1),
            OptionSpec.string("sd_vae", "Automatic"));

    private static final Map<String, OptionSpec> BY_NAME = new LinkedHashMap<>();

    static {
        for (OptionSpec s : SPECS) BY_NAME.put(s.name(), s);
    }

    private final Map<String, Object> values = new LinkedHashMap<>();

    public Options() {
        for (OptionSpec s : SPECS) values.put(s.name(), s.defaultValue());
    }

    public synchronized Map<String, Object> snapshot() {
        return new LinkedHashMap<>(values);
    }

    public synchronized Object get(String name) {
        return values.get(name);
    }

    public synchronized void putAll(Map<String, Object> changes) {
        values.putAll(changes);
    }

    public static boolean known(String name) {
        return BY_NAME.containsKey(name);
    }

    /**
     * Checks a JSON object of settings. Unknown names are skipped when lenient (A1111 ignores them)
     * and a 422 when strict; {@code prefix} is how errors name the object ("override_settings.").
     */
    public static Map<String, Object> parse(ObjectNode node, boolean strict, String prefix) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            OptionSpec spec = BY_NAME.get(e.getKey());
            if (spec == null) {
                if (strict) {
                    throw ApiException.badField(prefix + e.getKey(), "unknown setting; GET /sdapi/v1/options lists them");
                }
                continue;
            }
            out.put(spec.name(), spec.parse(prefix + e.getKey(), e.getValue()));
        }
        return out;
    }

    /** Copies the settings a generation reads into {@code r} (request fields given explicitly stay). */
    public static void applyTo(GenerationRequest r, Map<String, Object> s) {
        r.randnSource = (String) s.get("randn_source");
        r.etaNoiseSeedDelta = ((Number) s.get("eta_noise_seed_delta")).longValue();
        r.etaAncestral = ((Number) s.get("eta_ancestral")).doubleValue();
        r.etaDdim = ((Number) s.get("eta_ddim")).doubleValue();
        r.emphasis = (String) s.get("emphasis");
        r.commaPaddingBacktrack = ((Number) s.get("comma_padding_backtrack")).intValue();
        r.clipSkip = ((Number) s.get("CLIP_stop_at_last_layers")).intValue();
        if (r.initialNoiseMultiplier == null) {
            r.initialNoiseMultiplier = ((Number) s.get("initial_noise_multiplier")).doubleValue();
        }
        r.faceRestorationModel = (String) s.get("face_restoration_model");
        r.codeFormerWeight = ((Number) s.get("code_former_weight")).doubleValue();
        boolean previews = Boolean.TRUE.equals(s.get("live_previews_enable"));
        int every = ((Number) s.get("show_progress_every_n_steps")).intValue();
        r.previewEvery = previews && every > 0 ? every : 0;
    }
}

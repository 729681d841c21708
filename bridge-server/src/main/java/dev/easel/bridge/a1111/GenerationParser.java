package dev.easel.bridge.a1111;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.easel.bridge.http.ApiException;
import dev.easel.bridge.http.Fields;
import dev.easel.generate.GenerationRequest;
import dev.easel.generate.GenerationRequest.Mode;
import dev.easel.generate.RequestException;
import dev.easel.generate.RequestValidator;
import dev.easel.image.FloatImage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads A1111's txt2img/img2img fields (plus Easel's outpaint and loopback fields) into a
 * {@link GenerationRequest}. The same reader serves both dialects; {@link Fields#strict()} decides
 * whether unknown fields and names are errors or are ignored with a warning.
 */
public final class GenerationParser {
    /** A1111 API defaults that differ from the UI defaults {@link GenerationRequest} starts from. */
    static final int A1111_API_STEPS = 50;
    static final String A1111_API_SAMPLER = "Euler";
    static final int A1111_API_INPAINTING_FILL = 0;
    static final int A1111_API_PADDING = 0;

    /** A1111 fields the bridge reads nothing from; accepted so that strict clients may send A1111 payloads. */
    private static final String[] IGNORED = {
            "do_not_save_samples", "do_not_save_grid", "s_min_uncond", "refiner_checkpoint", "refiner_switch_at",
            "disable_extra_networks", "firstpass_image", "comments", "firstphase_width", "firstphase_height",
            "hr_checkpoint_name", "hr_sampler_name", "hr_scheduler", "hr_prompt", "hr_negative_prompt",
            "script_args", "save_images", "alwayson_scripts", "infotext", "image_cfg_scale", "mask_round",
            "latent_mask", "sampler_index"};

    private final SamplerNames samplers;
    private final long maxPixels;

    public GenerationParser(SamplerNames samplers, long maxPixels) {
        this.samplers = samplers;
        this.maxPixels = maxPixels;
    }

    /**
     * @param f        the request's fields
     * @param mode     the mode the route or the {@code mode} field asked for; IMG2IMG becomes INPAINT
     *                 when a mask is sent in the lenient dialect
     * @param settings the current settings, overrides are applied on top
     */
    public ParsedGeneration parse(Fields f, Mode mode, Map<String, Object> settings) {
        boolean strict = f.strict();
        GenerationRequest r = new GenerationRequest();
        List<String> warnings = new ArrayList<>();
        if (!strict) {
            r.steps = A1111_API_STEPS;
            r.inpaintingFill = A1111_API_INPAINTING_FILL;
            r.inpaintFullResPadding = A1111_API_PADDING;
        }
        f.accept(IGNORED);

        r.prompt = f.string("prompt", "");
        r.negativePrompt = f.string("negative_prompt", "");
        List<String> styles = f.strings("styles");
        if (!styles.isEmpty()) {
            if (strict) throw ApiException.badField("styles", "prompt styles are not supported; put the text in the prompt");
            warnings.add("Prompt styles are not supported and were ignored: " + styles + ".");
        }
        String script = f.string("script_name", null);
        if (script != null && !script.isBlank()) {
            // A1111 answers an unknown script with 422 "Script '...' not found"; the bridge has no scripts.
            throw new ApiException(422, "invalid field", "Script '" + script + "' not found", "script_name");
        }

        r.seed = f.longInteger("seed", -1, Limits.MIN_SEED, Long.MAX_VALUE);
        r.subseed = f.longInteger("subseed", -1, Limits.MIN_SEED, Long.MAX_VALUE);
        r.subseedStrength = f.number("subseed_strength", 0, 0, 1);
        r.seedResizeFromW = f.integer("seed_resize_from_w", -1, -1, Limits.MAX_SIDE);
        r.seedResizeFromH = f.integer("seed_resize_from_h", -1, -1, Limits.MAX_SIDE);

        String samplerField = f.has("sampler_name") ? "sampler_name" : "sampler_index";
        String samplerName = f.string("sampler_name", null);
        if (samplerName == null || samplerName.isBlank()) samplerName = f.string("sampler_index", null);
        SamplerNames.Resolved s = samplers.resolve(samplerField, samplerName,
                strict ? r.sampler : A1111_API_SAMPLER, f.string("scheduler", null), strict);
        r.sampler = s.sampler();
        r.scheduler = s.scheduler();
        if (s.warning() != null) warnings.add(s.warning());

        r.steps = f.integer("steps", r.steps, 1, Limits.MAX_STEPS);
        r.cfgScale = f.number("cfg_scale", r.cfgScale, 0, Limits.MAX_CFG);
        r.width = f.integer("width", r.width, Limits.MIN_SIDE, Limits.MAX_SIDE);
        r.height = f.integer("height", r.height, Limits.MIN_SIDE, Limits.MAX_SIDE);
        r.batchSize = f.integer("batch_size", r.batchSize, 1, Limits.MAX_BATCH_SIZE);
        r.batchCount = f.integer("n_iter", r.batchCount, 1, Limits.MAX_BATCH_COUNT);
        r.eta = f.optionalNumber("eta", 0, 1);
        r.sChurn = f.number("s_churn", r.sChurn, 0, 100);
        r.sTmin = f.number("s_tmin", r.sTmin, 0, Double.MAX_VALUE);
        double tmax = f.number("s_tmax", 0, 0, Double.POSITIVE_INFINITY);
        r.sTmax = tmax == 0 ? Double.POSITIVE_INFINITY : tmax; // A1111: s_tmax or inf, so 0 means no limit
        r.sNoise = f.number("s_noise", r.sNoise, 0, 10);
        r.restoreFaces = f.bool("restore_faces", false);
        r.tiling = f.bool("tiling", false);
        r.denoisingStrength = f.number("denoising_strength", r.denoisingStrength, 0, 1);

        r.enableHr = f.bool("enable_hr", false);
        r.hrScale = f.number("hr_scale", r.hrScale, 1, Limits.MAX_UPSCALE);
        r.hrUpscaler = f.string("hr_upscaler", r.hrUpscaler);
        r.hrSecondPassSteps = f.integer("hr_second_pass_steps", 0, 0, Limits.MAX_STEPS);
        r.hrResizeX = f.integer("hr_resize_x", 0, 0, Limits.MAX_SIDE);
        r.hrResizeY = f.integer("hr_resize_y", 0, 0, Limits.MAX_SIDE);
        if (r.enableHr && mode != Mode.TXT2IMG) {
            if (strict) throw ApiException.badField("enable_hr", "hires fix applies to txt2img only");
            r.enableHr = false;
        }
        checkPixels("width", (long) r.width * r.height);

        readImageFields(f, r, mode, warnings);

        ObjectNode overridesNode = f.object("override_settings");
        Map<String, Object> overrides = overridesNode == null ? Map.of()
                : Options.parse(overridesNode, strict, "override_settings.");
        boolean restore = f.bool("override_settings_restore_afterwards", true);
        Map<String, Object> effective = new java.util.LinkedHashMap<>(settings);
        effective.putAll(overrides);
        Options.applyTo(r, effective);
        String checkpoint = (String) overrides.get(Options.CHECKPOINT);

        boolean sendImages = f.bool("send_images", true);
        boolean includeInit = f.bool("include_init_images", false);
        String taskId = f.string("force_task_id", null);
        if (taskId != null && !taskId.matches("[A-Za-z0-9_.()\\-]{1,100}")) {
            throw ApiException.badField("force_task_id", "use 1 to 100 letters, digits or _ . ( ) -");
        }
        ObjectNode echo = echo(f.node(), r, includeInit);
        f.finish();
        boolean emphasis = !"None".equals(r.emphasis);
        PromptCheck.check("prompt", r.prompt, r.steps, true, emphasis);
        PromptCheck.check("negative_prompt", r.negativePrompt, r.steps, false, emphasis);
        try { // the pipeline's own checks, so a bad request is answered now rather than after queueing
            RequestValidator.validate(r, null);
        } catch (RequestException e) {
            throw ApiException.from(e);
        }
        return new ParsedGeneration(r, checkpoint, overrides, !restore, List.copyOf(warnings), sendImages,
                includeInit, taskId, echo);
    }

    private void readImageFields(Fields f, GenerationRequest r, Mode mode, List<String> warnings) {
        boolean strict = f.strict();
        r.resizeMode = f.integer("resize_mode", 0, 0, 3);
        int blur = f.integer("mask_blur", -1, 0, Limits.MAX_MASK_BLUR);
        r.maskBlurX = f.integer("mask_blur_x", blur >= 0 ? blur : r.maskBlurX, 0, Limits.MAX_MASK_BLUR);
        r.maskBlurY = f.integer("mask_blur_y", blur >= 0 ? blur : r.maskBlurY, 0, Limits.MAX_MASK_BLUR);
        if (blur >= 0) { // A1111's mask_blur setter sets both directions
            r.maskBlurX = blur;
            r.maskBlurY = blur;
        }
        r.inpaintingFill = f.integer("inpainting_fill", r.inpaintingFill, 0, 3);
        r.inpaintFullRes = f.bool("inpaint_full_res", r.inpaintFullRes);
        r.inpaintFullResPadding = f.integer("inpaint_full_res_padding", r.inpaintFullResPadding, 0, Limits.MAX_PADDING);
        r.inpaintingMaskInvert = f.bool("inpainting_mask_invert", false);
        r.initialNoiseMultiplier = f.optionalNumber("initial_noise_multiplier", 0, 2);
        r.outpaintLeft = f.integer("outpaint_left", 0, 0, Limits.MAX_OUTPAINT);
        r.outpaintRight = f.integer("outpaint_right", 0, 0, Limits.MAX_OUTPAINT);
        r.outpaintUp = f.integer("outpaint_up", 0, 0, Limits.MAX_OUTPAINT);
        r.outpaintDown = f.integer("outpaint_down", 0, 0, Limits.MAX_OUTPAINT);
        r.loopbackRounds = f.integer("loopback_rounds", 1, 1, Limits.MAX_LOOPBACK_ROUNDS);
        r.loopbackStrengthChange = f.number("loopback_strength_change", 1.0, 0.5, 1.5);

        boolean hasInit = f.has("init_images");
        boolean hasMask = f.has("mask");
        if (mode == Mode.TXT2IMG) {
            if (strict && (hasInit || hasMask)) {
                throw ApiException.badField(hasInit ? "init_images" : "mask", "txt2img takes no input image; use mode img2img or inpaint");
            }
            r.mode = Mode.TXT2IMG;
            return;
        }
        if (!hasInit) {
            if (!strict) throw new ApiException(404, "not found", "Init image not found", "init_images"); // A1111's answer
            throw ApiException.badField("init_images", "mode " + mode.name().toLowerCase() + " needs at least one image in init_images");
        }
        List<String> encoded = f.strings("init_images");
        if (encoded.isEmpty()) throw ApiException.badField("init_images", "send at least one base64 image");
        for (int i = 0; i < encoded.size(); i++) {
            String field = "init_images[" + i + "]";
            FloatImage img = Uploads.image(field, encoded.get(i), maxPixels);
            r.initImages.add(img);
        }
        if (hasMask) {
            if (strict && mode != Mode.INPAINT) {
                throw ApiException.badField("mask", "a mask is only used by mode inpaint");
            }
            FloatImage first = r.initImages.get(0);
            r.mask = Uploads.mask("mask", f.string("mask", null), maxPixels, first.width(), first.height());
            if (mode == Mode.IMG2IMG) mode = Mode.INPAINT;
        } else if (mode == Mode.INPAINT) {
            throw ApiException.badField("mask", "inpaint needs a mask (white = repaint)");
        }
        if (mode != Mode.OUTPAINT && strict && (r.outpaintLeft | r.outpaintRight | r.outpaintUp | r.outpaintDown) != 0) {
            throw ApiException.badField("outpaint_left", "outpaint_* fields are only used by mode outpaint");
        }
        if (mode == Mode.OUTPAINT && (r.outpaintLeft | r.outpaintRight | r.outpaintUp | r.outpaintDown) == 0) {
            throw ApiException.badField("outpaint_left", "outpaint needs at least one of outpaint_left, _right, _up, _down above 0");
        }
        if (mode != Mode.LOOPBACK && strict && f.has("loopback_rounds")) {
            throw ApiException.badField("loopback_rounds", "loopback_rounds is only used by mode loopback");
        }
        if (mode == Mode.OUTPAINT) {
            FloatImage first = r.initImages.get(0);
            checkPixels("outpaint_left", (long) (first.width() + r.outpaintLeft + r.outpaintRight)
                    * (first.height() + r.outpaintUp + r.outpaintDown));
        }
        r.mode = mode;
    }

    private void checkPixels(String field, long pixels) {
        if (pixels > maxPixels) {
            throw ApiException.badField(field, "the output would have " + pixels + " pixels, more than the limit of "
                    + maxPixels + "; ask for a smaller size");
        }
    }

    /** A1111 echoes the request in {@code parameters}, with the input images nulled unless asked for. */
    private static ObjectNode echo(ObjectNode received, GenerationRequest r, boolean includeInit) {
        ObjectNode e = received.deepCopy();
        if (!includeInit) {
            if (e.has("init_images")) e.putNull("init_images");
            if (e.has("mask")) e.putNull("mask");
        }
        putIfAbsent(e, "prompt", r.prompt);
        putIfAbsent(e, "negative_prompt", r.negativePrompt);
        if (!e.hasNonNull("seed")) e.put("seed", r.seed);
        if (!e.hasNonNull("sampler_name")) e.put("sampler_name", r.sampler);
        if (!e.hasNonNull("scheduler")) e.put("scheduler", r.scheduler);
        if (!e.hasNonNull("steps")) e.put("steps", r.steps);
        if (!e.hasNonNull("cfg_scale")) e.put("cfg_scale", r.cfgScale);
        if (!e.hasNonNull("width")) e.put("width", r.width);
        if (!e.hasNonNull("height")) e.put("height", r.height);
        if (!e.hasNonNull("batch_size")) e.put("batch_size", r.batchSize);
        if (!e.hasNonNull("n_iter")) e.put("n_iter", r.batchCount);
        if (!e.hasNonNull("denoising_strength")) e.put("denoising_strength", r.denoisingStrength);
        return e;
    }

    private static void putIfAbsent(ObjectNode e, String k, String v) {
        if (!e.hasNonNull(k)) e.put(k, v);
    }
}

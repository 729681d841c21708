package dev.easel.generate;

import dev.easel.image.FloatImage;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks a request before any model runs and normalises what A1111 normalises. Errors name the A1111
 * field; fixes applied silently by A1111 (sizes rounded down to a multiple of 8) are applied here
 * too and reported as warnings.
 */
public final class RequestValidator {

    /** Latent pixels per image pixel: image sizes must be multiples of this (A1111 floors {@code width // 8}). */
    public static final int SIZE_MULTIPLE = 8;
    /** Smallest and largest image side (A1111's UI sliders allow 64..2048). */
    public static final int MIN_SIZE = 64;
    public static final int MAX_SIZE = 4096;
    /** A1111's steps slider range. */
    public static final int MAX_STEPS = 150;
    /** A1111's UI maximum batch size and batch count. */
    public static final int MAX_BATCH_SIZE = 8;
    public static final int MAX_BATCH_COUNT = 100;
    public static final double MAX_CFG = 30.0;
    public static final int MAX_MASK_BLUR = 64;
    public static final int MAX_PADDING = 256;
    public static final int MAX_OUTPAINT = 2048;
    public static final int MAX_LOOPBACK_ROUNDS = 32;

    private static final Set<String> NOISE_SOURCES = Set.of("GPU", "NV", "CPU");
    private static final Set<String> EMPHASIS = Set.of("Original", "No norm", "Ignore", "None");

    /** The normalised request and what was changed in it. */
    public record Result(GenerationRequest request, List<String> warnings) { }

    private RequestValidator() { }

    /**
     * @param knownSamplers the sampler names that can run, or null to skip that check
     * @throws RequestException for the first problem found
     */
    public static Result validate(GenerationRequest in, Set<String> knownSamplers) {
        GenerationRequest r = in.copy();
        List<String> warnings = new ArrayList<>();
        if (r.mode == null) throw new RequestException("mode", "missing; use txt2img, img2img, inpaint, outpaint or loopback");
        if (r.prompt == null) r.prompt = "";
        if (r.negativePrompt == null) r.negativePrompt = "";
        r.width = size("width", r.width, warnings);
        r.height = size("height", r.height, warnings);
        range("steps", r.steps, 1, MAX_STEPS);
        range("batch_size", r.batchSize, 1, MAX_BATCH_SIZE);
        range("n_iter", r.batchCount, 1, MAX_BATCH_COUNT);
        if (!(r.cfgScale >= 0 && r.cfgScale <= MAX_CFG)) {
            throw new RequestException("cfg_scale", "must be between 0 and " + MAX_CFG + ", got " + r.cfgScale);
        }
        unit("denoising_strength", r.denoisingStrength);
        unit("subseed_strength", r.subseedStrength);
        if (r.sampler == null || r.sampler.isBlank()) r.sampler = "Euler a";
        if (knownSamplers != null && !knownSamplers.contains(r.sampler)) {
            throw new RequestException("sampler_name", "unknown sampler '" + r.sampler + "'; available: " + knownSamplers);
        }
        if (r.scheduler == null || r.scheduler.isBlank()) r.scheduler = "Automatic";
        r.randnSource = r.randnSource == null ? "GPU" : r.randnSource.trim().toUpperCase(Locale.ROOT);
        if (!NOISE_SOURCES.contains(r.randnSource)) {
            throw new RequestException("randn_source", "must be GPU, NV or CPU, got '" + r.randnSource + "'");
        }
        if (r.emphasis == null || !EMPHASIS.contains(r.emphasis)) {
            throw new RequestException("emphasis", "must be one of " + EMPHASIS + ", got '" + r.emphasis + "'");
        }
        range("CLIP_stop_at_last_layers", r.clipSkip, 1, 12);
        range("mask_blur_x", r.maskBlurX, 0, MAX_MASK_BLUR);
        range("mask_blur_y", r.maskBlurY, 0, MAX_MASK_BLUR);
        range("inpainting_fill", r.inpaintingFill, 0, 3);
        range("inpaint_full_res_padding", r.inpaintFullResPadding, 0, MAX_PADDING);
        range("resize_mode", r.resizeMode, 0, 3);
        if (r.initialNoiseMultiplier != null && !(r.initialNoiseMultiplier >= 0 && r.initialNoiseMultiplier <= 2)) {
            throw new RequestException("initial_noise_multiplier", "must be between 0 and 2, got " + r.initialNoiseMultiplier);
        }
        if (r.eta != null && !(r.eta >= 0 && r.eta <= 1)) throw new RequestException("eta", "must be between 0 and 1, got " + r.eta);
        if (r.previewEvery < 0) throw new RequestException("preview_every", "must be 0 (off) or more, got " + r.previewEvery);
        if (r.enableHr) hires(r);
        switch (r.mode) {
            case TXT2IMG -> { }
            case IMG2IMG -> initImages(r, false);
            case INPAINT -> initImages(r, true);
            case OUTPAINT -> {
                initImages(r, false);
                range("outpaint_left", r.outpaintLeft, 0, MAX_OUTPAINT);
                range("outpaint_right", r.outpaintRight, 0, MAX_OUTPAINT);
                range("outpaint_up", r.outpaintUp, 0, MAX_OUTPAINT);
                range("outpaint_down", r.outpaintDown, 0, MAX_OUTPAINT);
                if (r.outpaintLeft + r.outpaintRight + r.outpaintUp + r.outpaintDown == 0) {
                    throw new RequestException("outpaint_left", "outpainting needs at least one side to extend by more than 0 px");
                }
            }
            case LOOPBACK -> {
                initImages(r, false);
                range("loopback_rounds", r.loopbackRounds, 1, MAX_LOOPBACK_ROUNDS);
                if (!(r.loopbackStrengthChange > 0 && r.loopbackStrengthChange <= 2)) {
                    throw new RequestException("loopback_strength_change", "must be in (0, 2], got " + r.loopbackStrengthChange);
                }
            }
        }
        return new Result(r, List.copyOf(warnings));
    }

    private static void hires(GenerationRequest r) {
        if (r.mode != GenerationRequest.Mode.TXT2IMG) {
            throw new RequestException("enable_hr", "hires fix applies to txt2img only");
        }
        if (r.hrResizeX == 0 && r.hrResizeY == 0 && !(r.hrScale >= 1 && r.hrScale <= 4)) {
            throw new RequestException("hr_scale", "must be between 1 and 4, got " + r.hrScale);
        }
        range("hr_resize_x", r.hrResizeX, 0, MAX_SIZE);
        range("hr_resize_y", r.hrResizeY, 0, MAX_SIZE);
        range("hr_second_pass_steps", r.hrSecondPassSteps, 0, MAX_STEPS);
        unit("hr_denoising_strength", r.hrDenoisingStrength);
    }

    private static void initImages(GenerationRequest r, boolean needMask) {
        if (r.initImages == null || r.initImages.isEmpty()) {
            throw new RequestException("init_images", "this mode needs at least one init image");
        }
        for (FloatImage img : r.initImages) {
            if (img == null) throw new RequestException("init_images", "an init image is missing (null)");
        }
        if (needMask && r.mask == null) {
            throw new RequestException("mask", "inpainting needs a mask (white = repaint)");
        }
        if (r.mask != null) {
            FloatImage first = r.initImages.get(0);
            if (r.mask.width() != first.width() || r.mask.height() != first.height()) {
                throw new RequestException("mask", "mask is " + r.mask.width() + "x" + r.mask.height() + " but the init image is "
                        + first.width() + "x" + first.height() + "; send a mask the size of the image");
            }
        }
    }

    private static int size(String field, int v, List<String> warnings) {
        int rounded = Math.floorDiv(v, SIZE_MULTIPLE) * SIZE_MULTIPLE;
        if (rounded < MIN_SIZE || v > MAX_SIZE) {
            throw new RequestException(field, "must be between " + MIN_SIZE + " and " + MAX_SIZE + ", got " + v);
        }
        if (rounded != v) {
            warnings.add(field + " " + v + " is not a multiple of " + SIZE_MULTIPLE + "; using " + rounded
                    + " (A1111 rounds down the same way)");
        }
        return rounded;
    }

    private static void range(String field, int v, int min, int max) {
        if (v < min || v > max) throw new RequestException(field, "must be between " + min + " and " + max + ", got " + v);
    }

    private static void unit(String field, double v) {
        if (!(v >= 0 && v <= 1)) throw new RequestException(field, "must be between 0 and 1, got " + v);
    }
}

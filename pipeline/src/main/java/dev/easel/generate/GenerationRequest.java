package dev.easel.generate;

import dev.easel.image.FloatImage;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything one generation needs, with A1111's field meanings and defaults (A1111 API
 * {@code StableDiffusionProcessingTxt2Img/Img2Img}). A plain mutable bag on purpose: the bridge
 * fills it field by field from lenient JSON, and tests tweak one field of a copy.
 * Validation happens in {@link RequestValidator}, not here.
 */
public final class GenerationRequest {

    /** Which of the pipeline's modes runs. */
    public enum Mode { TXT2IMG, IMG2IMG, INPAINT, OUTPAINT, LOOPBACK }

    public Mode mode = Mode.TXT2IMG;

    // Prompts
    public String prompt = "";
    public String negativePrompt = "";

    // Seeds (A1111 section 3.1): -1 means random.
    public long seed = -1;
    public long subseed = -1;
    public double subseedStrength = 0;
    public int seedResizeFromW = -1;
    public int seedResizeFromH = -1;

    // Sampling
    public String sampler = "Euler a";
    /** A1111's "Schedule type": Automatic, Uniform, Karras, Exponential, ... */
    public String scheduler = "Automatic";
    public int steps = 20;
    public double cfgScale = 7.0;
    public int width = 512;
    public int height = 512;
    public int batchSize = 1;
    /** A1111's {@code n_iter}: how many batches run one after another. */
    public int batchCount = 1;
    /** null means the option's value ({@code eta_ancestral} or {@code eta_ddim}). */
    public Double eta = null;
    public double sChurn = 0;
    public double sTmin = 0;
    public double sTmax = Double.POSITIVE_INFINITY;
    public double sNoise = 1.0;

    // img2img, inpaint
    public double denoisingStrength = 0.75;
    public List<FloatImage> initImages = new ArrayList<>();
    /** 0 just resize, 1 crop and resize, 2 resize and fill, 3 latent upscale (A1111's numbering). */
    public int resizeMode = 0;
    /** One channel, 1 = repaint; null for plain img2img. */
    public FloatImage mask = null;
    public int maskBlurX = 4;
    public int maskBlurY = 4;
    /** 0 fill, 1 original, 2 latent noise, 3 latent nothing (A1111's {@code inpainting_fill}). */
    public int inpaintingFill = 1;
    /** A1111's {@code inpaint_full_res}: true means "only masked". */
    public boolean inpaintFullRes = true;
    public int inpaintFullResPadding = 32;
    public boolean inpaintingMaskInvert = false;
    /** null means the {@code initial_noise_multiplier} option. */
    public Double initialNoiseMultiplier = null;

    // Outpainting: pixels added on each side.
    public int outpaintLeft = 0;
    public int outpaintRight = 0;
    public int outpaintUp = 0;
    public int outpaintDown = 0;

    // Loopback: rounds of img2img, each output feeding the next.
    public int loopbackRounds = 1;
    public double loopbackStrengthChange = 1.0;

    // Hires fix (txt2img only)
    public boolean enableHr = false;
    public double hrScale = 2.0;
    public String hrUpscaler = "Latent";
    public int hrResizeX = 0;
    public int hrResizeY = 0;
    public int hrSecondPassSteps = 0;
    public double hrDenoisingStrength = 0.7;

    // Post-processing and texture output
    public boolean restoreFaces = false;
    public boolean tiling = false;

    // Settings a request may override (A1111 option names in comments)
    /** {@code randn_source}: GPU (behaves as NV), NV or CPU. */
    public String randnSource = "GPU";
    /** {@code eta_noise_seed_delta}. */
    public long etaNoiseSeedDelta = 0;
    /** {@code emphasis}: Original, No norm, Ignore, None. */
    public String emphasis = "Original";
    /** {@code CLIP_stop_at_last_layers}. */
    public int clipSkip = 1;
    /** {@code comma_padding_backtrack}. */
    public int commaPaddingBacktrack = 20;
    /** {@code eta_ancestral}. */
    public double etaAncestral = 1.0;
    /** {@code eta_ddim}. */
    public double etaDdim = 0.0;
    /** {@code face_restoration_model}. */
    public String faceRestorationModel = "CodeFormer";
    /** {@code code_former_weight}. */
    public double codeFormerWeight = 0.5;

    /** Decode a live preview every this many steps; 0 turns previews off. */
    public int previewEvery = 5;

    public GenerationRequest copy() {
        GenerationRequest c = new GenerationRequest();
        c.mode = mode;
        c.prompt = prompt;
        c.negativePrompt = negativePrompt;
        c.seed = seed;
        c.subseed = subseed;
        c.subseedStrength = subseedStrength;
        c.seedResizeFromW = seedResizeFromW;
        c.seedResizeFromH = seedResizeFromH;
        c.sampler = sampler;
        c.scheduler = scheduler;
        c.steps = steps;
        c.cfgScale = cfgScale;
        c.width = width;
        c.height = height;
        c.batchSize = batchSize;
        c.batchCount = batchCount;
        c.eta = eta;
        c.sChurn = sChurn;
        c.sTmin = sTmin;
        c.sTmax = sTmax;
        c.sNoise = sNoise;
        c.denoisingStrength = denoisingStrength;
        c.initImages = new ArrayList<>(initImages);
        c.resizeMode = resizeMode;
        c.mask = mask;
        c.maskBlurX = maskBlurX;
        c.maskBlurY = maskBlurY;
        c.inpaintingFill = inpaintingFill;
        c.inpaintFullRes = inpaintFullRes;
        c.inpaintFullResPadding = inpaintFullResPadding;
        c.inpaintingMaskInvert = inpaintingMaskInvert;
        c.initialNoiseMultiplier = initialNoiseMultiplier;
        c.outpaintLeft = outpaintLeft;
        c.outpaintRight = outpaintRight;
        c.outpaintUp = outpaintUp;
        c.outpaintDown = outpaintDown;
        c.loopbackRounds = loopbackRounds;
        c.loopbackStrengthChange = loopbackStrengthChange;
        c.enableHr = enableHr;
        c.hrScale = hrScale;
        c.hrUpscaler = hrUpscaler;
        c.hrResizeX = hrResizeX;
        c.hrResizeY = hrResizeY;
        c.hrSecondPassSteps = hrSecondPassSteps;
        c.hrDenoisingStrength = hrDenoisingStrength;
        c.restoreFaces = restoreFaces;
        c.tiling = tiling;
        c.randnSource = randnSource;
        c.etaNoiseSeedDelta = etaNoiseSeedDelta;
        c.emphasis = emphasis;
        c.clipSkip = clipSkip;
        c.commaPaddingBacktrack = commaPaddingBacktrack;
        c.etaAncestral = etaAncestral;
        c.etaDdim = etaDdim;
        c.faceRestorationModel = faceRestorationModel;
        c.codeFormerWeight = codeFormerWeight;
        c.previewEvery = previewEvery;
        return c;
    }
}

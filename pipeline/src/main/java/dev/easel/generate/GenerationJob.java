package dev.easel.generate;

import dev.easel.image.FloatImage;
import dev.easel.image.Masks;
import dev.easel.image.Resize;
import dev.easel.infotext.Extras;
import dev.easel.infotext.Infotext;
import dev.easel.model.DiffusionModel;
import dev.easel.noise.ImageRng;
import dev.easel.noise.NoiseSettings;
import dev.easel.noise.NoiseSource;
import dev.easel.noise.Seeds;
import dev.easel.onnx.Tensor;
import dev.easel.sampling.SamplerChoice;
import dev.easel.sampling.Samplers;
import dev.easel.sampling.ScheduleType;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One request's run: seeds, batches, modes, and the images with their infotexts. */
final class GenerationJob {
    static final int LATENT_CHANNELS = 4;
    static final int LATENT_FACTOR = 8;

    final Generator gen;
    final GenerationRequest r;
    final List<String> warnings;
    final Control control;
    final DiffusionModel m;
    final SamplerChoice choice;
    final NoiseSource source;
    final PromptEncoder encoder;
    final ProgressTracker tracker;
    final List<FloatImage> images = new ArrayList<>();
    final List<String> infotexts = new ArrayList<>();
    final List<Long> seeds = new ArrayList<>();
    final List<Long> subseeds = new ArrayList<>();
    boolean interrupted;

    GenerationJob(Generator gen, GenerationRequest r, List<String> warnings, ProgressListener listener, Control control) {
        this.gen = gen;
        this.r = r;
        this.warnings = new ArrayList<>(warnings);
        this.control = control;
        if (ScheduleType.find(r.scheduler) == null) {
            throw new RequestException("scheduler", "unknown schedule type '" + r.scheduler + "'; use one of " + ScheduleType.labels());
        }
        try {
            this.choice = Samplers.resolve(r.sampler, r.scheduler);
        } catch (IllegalArgumentException e) {
            throw new RequestException("sampler_name", e.getMessage());
        }
        // "DPM++ 2M Karras" (A1111's legacy names) becomes sampler "DPM++ 2M" with schedule "Karras"
        r.sampler = choice.sampler().name();
        r.scheduler = choice.schedule().label();
        this.source = NoiseSource.parse(r.randnSource);
        this.m = pickModel();
        this.encoder = gen.newEncoder(m, r);
        this.tracker = new ProgressTracker(listener, 0);
        if (r.restoreFaces && gen.faceRestorer() == null) {
            this.warnings.add("restore_faces is set but no face restorer is installed; faces were left as generated");
        }
    }

    private DiffusionModel pickModel() {
        if (!r.tiling) return gen.model();
        DiffusionModel t = gen.tilingModel();
        if (t != null) return t;
        warnings.add("tiling was not applied: " + gen.tilingProblem());
        r.tiling = false;
        return gen.model();
    }

    GenerationResult run() {
        m.clearInterrupt();
        control.onInterrupt(m::interrupt);
        try {
            switch (r.mode) {
                case TXT2IMG -> txt2img();
                case IMG2IMG, INPAINT -> img2img(r, null, Extras.img2img(r, r.denoisingStrength, false), 0);
                case OUTPAINT -> outpaint();
                case LOOPBACK -> Loopback.run(this);
            }
        } finally {
            control.onInterrupt(null);
            m.clearInterrupt();
        }
        return new GenerationResult(List.copyOf(images), List.copyOf(infotexts), List.copyOf(seeds), List.copyOf(subseeds),
                interrupted, List.copyOf(warnings));
    }

    NoiseSettings noiseSettings(GenerationRequest q) {
        return new NoiseSettings(source, q.subseedStrength, q.seedResizeFromH, q.seedResizeFromW, q.etaNoiseSeedDelta);
    }

    long[][] allSeeds(GenerationRequest q, int batchSize) {
        int count = batchSize * q.batchCount;
        long seed = Seeds.resolve(q.seed);
        long sub = Seeds.resolve(q.subseed);
        return new long[][] {Seeds.imageSeeds(seed, q.subseedStrength, count), Seeds.imageSubseeds(sub, count)};
    }

    double eta() {
        if (r.eta != null) return r.eta;
        return choice.sampler().timesteps() ? r.etaDdim : r.etaAncestral;
    }

    SamplerPass.Spec spec(GenerationRequest q, StepPlan plan, Tensor initLatent, Tensor nmask, Tensor imageCond,
                          double noiseMultiplier, long[] batchSeeds, List<String> prompts) {
        var cond = encoder.encode(prompts, Collections.nCopies(prompts.size(), q.negativePrompt),
                q.steps * choice.sampler().stepMultiplier());
        return new SamplerPass.Spec(choice, plan, cond, q.cfgScale, initLatent, nmask, imageCond, noiseMultiplier, eta(),
                q.sNoise, q.sChurn, q.sTmin, q.sTmax, source, batchSeeds);
    }

    private void txt2img() {
        int w = r.width / LATENT_FACTOR;
        int h = r.height / LATENT_FACTOR;
        StepPlan plan = StepPlan.full(choice, gen.schedule(), r.steps);
        HiresFix hires = r.enableHr ? new HiresFix(this) : null;
        tracker.addToTotal(r.batchCount * (plan.total() + (hires != null ? hires.plan().total() : 0)));
        long[][] all = allSeeds(r, r.batchSize);
        Map<String, Object> extras = Extras.txt2img(r);
        for (int n = 0; n < r.batchCount && !control.isInterrupted(); n++) {
            long[] bs = Seeds.forIteration(all[0], n, r.batchSize);
            long[] bsub = Seeds.forIteration(all[1], n, r.batchSize);
            ImageRng rng = new ImageRng(LATENT_CHANNELS, h, w, bs, bsub, noiseSettings(r));
            Tensor imageCond = m.unetInChannels() == 9 ? ImageConditioning.blank(m, r.width, r.height, bs) : null;
            SamplerPass.Outcome out = SamplerPass.run(m, gen.schedule(), spec(r, plan, null, null, imageCond, 1.0, bs,
                    Collections.nCopies(bs.length, r.prompt)), rng, control, tracker, r.previewEvery);
            Tensor latent = out.latent();
            boolean stopped = out.interrupted() || out.skipped();
            if (hires != null) {
                if (stopped) tracker.dropFromTotal(hires.plan().total());
                else {
                    out = hires.run(latent, bs, bsub);
                    latent = out.latent();
                }
            }
            interrupted |= out.interrupted();
            finish(latent, r, bs, bsub, extras, null);
        }
    }

    /**
     * img2img over {@code q}'s init images (also inpainting, outpainting, each loopback round).
     *
     * @param latentMaskOverride a full-size latent mask (outpainting), or null
     * @param seedOffset         added to every seed (loopback rounds)
     * @return the images this call produced
     */
    List<FloatImage> img2img(GenerationRequest q, FloatImage latentMaskOverride, Map<String, Object> extras, int seedOffset) {
        Img2ImgInput input = Img2ImgInput.prepare(q, latentMaskOverride, warnings);
        if (input.onlyMasked()) extras = Extras.img2img(q, q.denoisingStrength, true);
        int batch = input.images().size();
        int w = q.width / LATENT_FACTOR;
        int h = q.height / LATENT_FACTOR;
        StepPlan plan = StepPlan.partial(choice, gen.schedule(), q.steps, q.denoisingStrength, false);
        tracker.addToTotal(q.batchCount * plan.total());
        Tensor nmask = input.latentMask() == null ? null
                : new Tensor(new long[] {1, 1, h, w}, Masks.latentMask(input.latentMask(), w, h));
        long[][] all = allSeeds(q, batch);
        List<FloatImage> produced = new ArrayList<>();
        for (int n = 0; n < q.batchCount && !control.isInterrupted(); n++) {
            long[] bs = Seeds.forIteration(all[0], n, batch);
            long[] bsub = Seeds.forIteration(all[1], n, batch);
            Tensor init = Vae.encode(m, input.images(), bs);
            if (q.resizeMode == Resize.LATENT_UPSCALE && (init.dim(2) != h || init.dim(3) != w)) {
                init = new Tensor(new long[] {batch, LATENT_CHANNELS, h, w},
                        Resize.bilinearTorch(init.data(), batch * LATENT_CHANNELS, (int) init.dim(3), (int) init.dim(2), w, h));
            }
            if (nmask != null && q.inpaintingFill == 2) {
                // A1111 quirk: the fill noise is drawn once per job from the first batch's seeds ("needs to be fixed" upstream)
                long[] first = Seeds.forIteration(all[0], 0, batch);
                Tensor fill = new ImageRng(LATENT_CHANNELS, h, w, first, null, NoiseSettings.of(source)).first();
                init = SamplerPass.blend(fill, init, nmask);
            } else if (nmask != null && q.inpaintingFill == 3) {
                init = SamplerPass.blend(Tensor.zeros(init.shape().clone()), init, nmask);
            }
            Tensor imageCond = m.unetInChannels() == 9 ? ImageConditioning.of(m, input.images(), input.imageMask(), bs) : null;
            ImageRng rng = new ImageRng(LATENT_CHANNELS, h, w, bs, bsub, noiseSettings(q));
            double mult = q.initialNoiseMultiplier == null ? 1.0 : q.initialNoiseMultiplier;
            SamplerPass.Outcome out = SamplerPass.run(m, gen.schedule(), spec(q, plan, init, nmask, imageCond, mult, bs,
                    Collections.nCopies(batch, q.prompt)), rng, control, tracker, q.previewEvery);
            interrupted |= out.interrupted();
            produced.addAll(finish(out.latent(), q, bs, bsub, extras, input));
        }
        return produced;
    }

    private void outpaint() {
        FloatImage src = r.initImages.get(0);
        Outpaint o = Outpaint.prepare(src, r.outpaintLeft, r.outpaintRight, r.outpaintUp, r.outpaintDown,
                Math.max(r.maskBlurX, r.maskBlurY), Seeds.resolve(r.seed));
        GenerationRequest q = r.copy();
        q.seed = Seeds.resolve(r.seed);
        q.initImages = List.of(o.canvas());
        q.mask = o.mask();
        q.width = o.canvas().width();
        q.height = o.canvas().height();
        q.inpaintFullRes = false;
        q.inpaintingFill = 1; // the canvas is already filled
        q.resizeMode = Resize.JUST_RESIZE;
        q.inpaintingMaskInvert = false;
        img2img(q, o.latentMask(), Extras.img2img(q, q.denoisingStrength, false), 0);
    }

    /** Decodes, restores faces, composites, and records each image of a batch. */
    List<FloatImage> finish(Tensor latent, GenerationRequest q, long[] bs, long[] bsub, Map<String, Object> extras, Img2ImgInput input) {
        List<FloatImage> decoded = uninterruptible(() -> Vae.decode(m, latent));
        List<FloatImage> out = new ArrayList<>();
        for (int i = 0; i < decoded.size(); i++) {
            FloatImage img = decoded.get(i);
            if (q.restoreFaces && gen.faceRestorer() != null && !control.isInterrupted()) {
                try {
                    img = gen.faceRestorer().restore(img, q.faceRestorationModel, q.codeFormerWeight, control);
                } catch (java.util.concurrent.CancellationException e) {
                    m.clearInterrupt(); // interrupted while restoring: keep the image as generated
                }
            }
            if (input != null) img = input.composite(img, i);
            images.add(img);
            seeds.add(bs[i]);
            subseeds.add(bsub[i]);
            infotexts.add(Infotext.create(q, new Infotext.Facts(bs[i], bsub[i], gen.model().name(), null,
                    m.unetInChannels() == 9, new LinkedHashMap<>(extras), null)));
            out.add(img);
        }
        return out;
    }

    /** Runs a model call that must complete even after an interrupt (decoding what is done). */
    <T> T uninterruptible(java.util.function.Supplier<T> call) {
        if (control.isInterrupted()) m.clearInterrupt();
        try {
            return call.get();
        } catch (java.util.concurrent.CancellationException e) {
            m.clearInterrupt();
            return call.get();
        }
    }
}

package dev.easel.generate;

import dev.easel.model.DiffusionModel;
import dev.easel.sampling.NoiseSchedule;
import dev.easel.sampling.Samplers;
import dev.easel.upscale.Upscaler;

import dev.easel.text.ClipTokenizer;
import dev.easel.text.Conditioner;
import dev.easel.text.EmbeddingLookup;
import dev.easel.text.Emphasis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Function;

/**
 * Runs generation requests on one loaded model: txt2img (with hires fix), img2img, inpainting,
 * outpainting and loopback, with A1111's semantics. One request at a time per instance.
 *
 * <p>Optional services: an {@link Upscaler} for hires fix with a named upscaler, a {@link FaceRestoreStep}
 * for {@code restore_faces}, and a factory that builds the model's circular-padding twin for {@code tiling}.
 */
public final class Generator {

    private final DiffusionModel model;
    private final NoiseSchedule schedule;
    private Upscaler upscaler;
    private FaceRestoreStep faceRestorer;
    private Function<DiffusionModel, DiffusionModel> tilingFactory = TilingModels::circular;
    private Function<DiffusionModel, PromptEncoder> encoderFactory;
    private EmbeddingLookup embeddings = EmbeddingLookup.NONE;
    private ClipTokenizer tokenizer;
    private DiffusionModel tilingModel;
    private String tilingProblem;

    public Generator(DiffusionModel model) {
        this.model = model;
        this.schedule = model.schedulerConfig() == null ? NoiseSchedule.sd1() : NoiseSchedule.fromSchedulerConfig(model.schedulerConfig());
    }

    /** The upscaler hires fix uses when {@code hr_upscaler} names it (null for none). */
    public Generator upscaler(Upscaler u) {
        this.upscaler = u;
        return this;
    }

    /** The face restorer {@code restore_faces} uses (null when none is installed: requests get a warning). */
    public Generator faceRestorer(FaceRestoreStep f) {
        this.faceRestorer = f;
        return this;
    }

    /** How a circular-padding ("tiling") variant of the model is built; the factory may throw to say why it cannot. */
    public Generator tilingFactory(Function<DiffusionModel, DiffusionModel> f) {
        this.tilingFactory = f;
        closeTilingModel();
        return this;
    }

    Generator promptEncoder(Function<DiffusionModel, PromptEncoder> f) {
        this.encoderFactory = f;
        return this;
    }

    public DiffusionModel model() { return model; }

    /** Sampler names requests may use. */
    public static Set<String> samplerNames() {
        return new LinkedHashSet<>(Samplers.names());
    }

    /**
     * Runs {@code request}. Progress goes to {@code listener}; {@code control} interrupts (the job ends
     * after the current step and returns what is done) or skips (the current batch ends).
     *
     * @throws RequestException for a request the user must fix, naming the field
     */
    public GenerationResult generate(GenerationRequest request, ProgressListener listener, Control control) {
        RequestValidator.Result v = RequestValidator.validate(request, null); // samplers are resolved by the job (legacy names too)
        GenerationJob job = new GenerationJob(this, v.request(), v.warnings(), listener, control == null ? new Control() : control);
        return job.run();
    }

    NoiseSchedule schedule() { return schedule; }

    Upscaler upscaler() { return upscaler; }

    FaceRestoreStep faceRestorer() { return faceRestorer; }

    /** Textual-inversion embeddings prompts may name ({@link EmbeddingLookup#NONE} by default). */
    public Generator embeddings(EmbeddingLookup lookup) {
        this.embeddings = lookup == null ? EmbeddingLookup.NONE : lookup;
        return this;
    }

    PromptEncoder newEncoder(DiffusionModel m, GenerationRequest r) {
        if (encoderFactory != null) return encoderFactory.apply(m);
        Emphasis emphasis = Emphasis.fromLabel(r.emphasis);
        return new TextPromptEncoder(Conditioner.create(m, tokenizer(), emphasis, r.clipSkip, r.commaPaddingBacktrack, embeddings));
    }

    /** The model's CLIP tokenizer, read once (the vocabulary is large). */
    synchronized ClipTokenizer tokenizer() {
        if (tokenizer == null) {
            try {
                tokenizer = ClipTokenizer.load(model.tokenizerDir());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the tokenizer of " + model.name() + ": " + e.getMessage(), e);
            }
        }
        return tokenizer;
    }

    /** The circular-padding model, built once; null with {@link #tilingProblem()} set when it cannot be built. */
    synchronized DiffusionModel tilingModel() {
        if (tilingModel == null && tilingProblem == null) {
            try {
                tilingModel = tilingFactory.apply(model);
            } catch (RuntimeException e) {
                tilingProblem = e.getMessage();
            }
        }
        return tilingModel;
    }

    synchronized String tilingProblem() { return tilingProblem; }

    private synchronized void closeTilingModel() {
        if (tilingModel != null && tilingModel != model) tilingModel.close();
        tilingModel = null;
        tilingProblem = null;
    }

    /** Closes the tiling twin if one was built; the model itself belongs to the caller. */
    public void close() {
        closeTilingModel();
    }
}

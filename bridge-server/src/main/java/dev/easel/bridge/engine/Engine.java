package dev.easel.bridge.engine;

import dev.easel.generate.Control;
import dev.easel.generate.GenerationRequest;
import dev.easel.generate.GenerationResult;
import dev.easel.generate.ProgressListener;
import dev.easel.image.FloatImage;

import java.util.List;
import java.util.Map;

/**
 * What the HTTP layer needs from the pipeline, kept small so routes and the queue can be reasoned
 * about (and exercised) without knowing how models are loaded. Methods marked "worker thread" are
 * only called from the job queue's single worker; the rest may be called from any request thread.
 */
public interface Engine extends AutoCloseable {

    /** The device generations run on, e.g. "cpu" or "cuda:0". */
    String device();

    /** Installed Stable Diffusion models, in a stable order. */
    List<ModelEntry> sdModels();

    /**
     * The model jobs use when no client chose one: the first installed by default (the store's
     * first ready non-inpainting model for the real engine), null when none is installed.
     */
    default String defaultModel() {
        return sdModels().isEmpty() ? null : sdModels().get(0).title();
    }

    /** The name of the model loaded on the device, or null when none is. */
    String loadedModel();

    /**
     * Worker thread: makes {@code name} the loaded model (no-op when it already is).
     *
     * @throws dev.easel.bridge.http.ApiException 503 when the store has no model, 422 for an unknown name
     */
    void useModel(String name);

    /** Rescans the model store (A1111's refresh-checkpoints). */
    void refreshModels();

    List<SamplerEntry> samplers();

    /** A1111's schedule types, "Automatic" first. */
    List<SchedulerEntry> schedulers();

    /** Upscalers by A1111 name ("None", "Lanczos", "Nearest", then models). */
    List<UpscalerEntry> upscalers();

    /** Face restorers by A1111 name ("CodeFormer", "GFPGAN") that are installed. */
    List<String> faceRestorers();

    /** Worker thread: one generation on the loaded model. */
    GenerationResult generate(GenerationRequest request, ProgressListener listener, Control control);

    /** Worker thread: A1111's extras (upscale, then or before face restoration) on one image. */
    FloatImage postprocess(FloatImage image, ExtrasRequest request, Control control);

    /**
     * Token counts and chunks of a prompt with the loaded model's tokenizer (or the default model's),
     * with the default emphasis and comma backtrack.
     *
     * @throws dev.easel.bridge.http.ApiException 422 naming "prompt" for a prompt the grammar rejects
     */
    PromptAnalysis analyzePrompt(String prompt, int steps);

    /**
     * As {@link #analyzePrompt(String, int)} under the given settings; engines that cannot honour them
     * fall back to the defaults.
     *
     * @param emphasis       the {@code emphasis} setting ("Original", ...)
     * @param commaBacktrack the {@code comma_padding_backtrack} setting
     */
    default PromptAnalysis analyzePrompt(String prompt, int steps, String emphasis, int commaBacktrack) {
        return analyzePrompt(prompt, steps);
    }

    /** What the store holds, the catalog, and downloads in progress, as JSON-ready values. */
    Map<String, Object> modelsReport();

    /** Model kinds the bridge lacks, each {@code {"kind", "detail", "download"}} (the catalog name that fills it). */
    List<Map<String, Object>> missing();

    /** Starts a catalog download in the background and returns its status as JSON-ready values. */
    Map<String, Object> startDownload(String name);

    /** The command a user runs to install a model, quoted in 503 answers. */
    String downloadHint();

    @Override
    void close();
}

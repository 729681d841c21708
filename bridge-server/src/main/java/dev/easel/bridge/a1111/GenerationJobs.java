package dev.easel.bridge.a1111;

import dev.easel.bridge.Services;
import dev.easel.bridge.engine.Engine;
import dev.easel.bridge.engine.ModelEntry;
import dev.easel.bridge.http.ApiException;
import dev.easel.bridge.queue.Job;

import java.time.Instant;
import java.util.List;

/**
 * Turns a parsed generation into queued work. The work runs on the worker thread: it selects the
 * model the job needs (so a model switch never overlaps a running job), generates, and makes the
 * request's overrides permanent when asked to.
 */
public final class GenerationJobs {
    private final Services s;

    public GenerationJobs(Services services) {
        this.s = services;
    }

    public Job submit(ParsedGeneration p, String mode) {
        Engine engine = s.engine();
        requireModel(engine);
        if (p.checkpoint() != null) findModel(engine, p.checkpoint(), "override_settings." + Options.CHECKPOINT);
        return s.queue().submit(p.taskId(), mode, job -> {
            Instant started = Instant.now();
            // The request's override, else the selected model, else the default: an override that was
            // restored afterwards must not leave its model in place for the next job (A1111 reloads).
            String wanted = p.checkpoint() != null ? p.checkpoint() : selectedModel(engine, s.options());
            engine.useModel(wanted);
            var result = engine.generate(p.request(), job.listener(), job.control());
            if (p.keepOverrides()) s.options().putAll(p.overrides());
            ModelEntry model = findModelOrNull(engine, engine.loadedModel());
            return new GenerationOutcome(p, result, model, started);
        });
    }

    /** The model chosen through the options, or the engine's default when none was. */
    public static String selectedModel(Engine engine, Options options) {
        String chosen = (String) options.get(Options.CHECKPOINT);
        return chosen != null ? chosen : engine.defaultModel();
    }

    /** 503 with the download command when no Stable Diffusion model is installed. */
    public static void requireModel(Engine engine) {
        if (engine.sdModels().isEmpty()) {
            throw new ApiException(503, "no model",
                    "no Stable Diffusion model is installed; download one with: " + engine.downloadHint());
        }
    }

    /** The installed model a client named, or a 422 naming {@code field}. */
    public static ModelEntry findModel(Engine engine, String name, String field) {
        ModelEntry m = findModelOrNull(engine, name);
        if (m == null) {
            List<String> titles = engine.sdModels().stream().map(ModelEntry::title).toList();
            throw ApiException.badField(field, "model '" + name + "' not found; installed: " + titles);
        }
        return m;
    }

    public static ModelEntry findModelOrNull(Engine engine, String name) {
        if (name == null) return null;
        for (ModelEntry m : engine.sdModels()) if (m.matches(name)) return m;
        return null;
    }
}

package dev.easel.bridge.jobs;

import dev.easel.bridge.Services;
import dev.easel.bridge.a1111.Limits;
import dev.easel.bridge.engine.PromptAnalysis;
import dev.easel.bridge.http.ApiException;
import dev.easel.bridge.http.Bodies;
import dev.easel.bridge.http.Fields;
import dev.easel.bridge.http.Json;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.util.Map;

import static dev.easel.bridge.jobs.EaselRoutes.BASE;

/** Models (store, catalog, downloads) and prompt analysis. */
final class ModelRoutes {
    /** The editors' default step count, used to resolve prompt schedules when none is given. */
    static final int DEFAULT_ANALYZE_STEPS = 20;
    /** Prompts longer than this are not analysed (A1111 has no limit; this keeps the route cheap). */
    static final int MAX_PROMPT_CHARS = 100_000;

    private final Services s;

    private ModelRoutes(Services s) {
        this.s = s;
    }

    static void register(Javalin app, Services s) {
        ModelRoutes r = new ModelRoutes(s);
        app.get(BASE + "/models", ctx -> ctx.json(Json.MAPPER.valueToTree(s.engine().modelsReport())));
        app.post(BASE + "/models/download", r::download);
        app.post(BASE + "/prompt/analyze", r::analyze);
    }

    private void download(Context ctx) {
        Fields f = new Fields(Bodies.readObject(ctx, s.config().maxBodyBytes()), true);
        String name = f.string("name", null);
        f.finish();
        if (name == null || name.isBlank()) {
            throw ApiException.badField("name", "name the catalog entry to download; GET " + BASE + "/models lists the catalog");
        }
        ctx.status(202).json(Json.MAPPER.valueToTree(s.engine().startDownload(name)));
    }

    private void analyze(Context ctx) {
        Fields f = new Fields(Bodies.readObject(ctx, s.config().maxBodyBytes()), true);
        if (!f.has("prompt")) throw ApiException.badField("prompt", "send the prompt to analyse");
        String prompt = f.string("prompt", "");
        if (prompt.length() > MAX_PROMPT_CHARS) {
            throw ApiException.badField("prompt", "longer than " + MAX_PROMPT_CHARS + " characters");
        }
        int steps = f.integer("steps", DEFAULT_ANALYZE_STEPS, 1, Limits.MAX_STEPS);
        f.finish();
        Map<String, Object> settings = s.options().snapshot();
        PromptAnalysis a = s.engine().analyzePrompt(prompt, steps, (String) settings.get("emphasis"),
                ((Number) settings.get("comma_padding_backtrack")).intValue());
        ctx.json(Json.MAPPER.valueToTree(a));
    }
}

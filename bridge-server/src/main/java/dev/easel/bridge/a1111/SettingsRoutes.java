package dev.easel.bridge.a1111;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.easel.bridge.Services;
import dev.easel.bridge.engine.ModelEntry;
import dev.easel.bridge.engine.SamplerEntry;
import dev.easel.bridge.engine.SchedulerEntry;
import dev.easel.bridge.engine.UpscalerEntry;
import dev.easel.bridge.http.Bodies;
import dev.easel.bridge.http.Json;
import dev.easel.bridge.queue.Job;
import dev.easel.bridge.queue.SyncWait;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.util.Map;

import static dev.easel.bridge.a1111.A1111Routes.BASE;

/** A1111's settings and listing routes: options, models, samplers, schedulers, upscalers and the like. */
final class SettingsRoutes {
    private final Services s;

    private SettingsRoutes(Services s) {
        this.s = s;
    }

    static void register(Javalin app, Services s) {
        SettingsRoutes r = new SettingsRoutes(s);
        app.get(BASE + "/options", r::getOptions);
        app.post(BASE + "/options", r::setOptions);
        app.get(BASE + "/sd-models", r::sdModels);
        app.post(BASE + "/refresh-checkpoints", ctx -> {
            s.engine().refreshModels();
            ctx.json(Json.MAPPER.nullNode());
        });
        app.get(BASE + "/samplers", r::samplers);
        app.get(BASE + "/schedulers", r::schedulers);
        app.get(BASE + "/upscalers", r::upscalers);
        app.get(BASE + "/face-restorers", r::faceRestorers);
        app.get(BASE + "/scripts", ctx -> {
            // The bridge has no scripts; sdwebuiapi's constructor calls this to detect extensions.
            ObjectNode out = Json.object();
            out.putArray("txt2img");
            out.putArray("img2img");
            ctx.json(out);
        });
        app.get(BASE + "/sd-vae", ctx -> ctx.json(Json.MAPPER.createArrayNode()));
        app.get(BASE + "/prompt-styles", ctx -> ctx.json(Json.MAPPER.createArrayNode()));
        app.get(BASE + "/loras", ctx -> ctx.json(Json.MAPPER.createArrayNode()));
        app.get(BASE + "/latent-upscale-modes", ctx -> {
            ArrayNode out = Json.MAPPER.createArrayNode();
            out.addObject().put("name", "Latent");
            ctx.json(out);
        });
        app.get(BASE + "/cmd-flags", ctx -> {
            ObjectNode out = Json.object();
            out.put("api", true);
            out.put("listen", !s.config().host().startsWith("127."));
            ctx.json(out);
        });
    }

    private void getOptions(Context ctx) {
        Map<String, Object> values = s.options().snapshot();
        ModelEntry m = currentModel();
        ObjectNode out = Json.MAPPER.valueToTree(values);
        out.put(Options.CHECKPOINT, m == null ? null : m.title());
        out.put("sd_checkpoint_hash", m == null ? null : m.sha256());
        ctx.json(out);
    }

    /** The model the next job will use: the selected one, else the default. */
    private ModelEntry currentModel() {
        return GenerationJobs.findModelOrNull(s.engine(), GenerationJobs.selectedModel(s.engine(), s.options()));
    }

    /** Sets options; a new checkpoint is loaded by the worker after the running job, and the answer waits for it. */
    private void setOptions(Context ctx) {
        ObjectNode body = Bodies.readObject(ctx, s.config().maxBodyBytes());
        Map<String, Object> changes = Options.parse(body, false, "");
        String checkpoint = (String) changes.get(Options.CHECKPOINT);
        if (checkpoint != null) {
            GenerationJobs.requireModel(s.engine());
            ModelEntry m = GenerationJobs.findModel(s.engine(), checkpoint, Options.CHECKPOINT);
            Job job = s.queue().submit("switch-model", j -> {
                s.engine().useModel(m.title());
                return null;
            });
            SyncWait.await(ctx, s.queue(), job);
            changes.put(Options.CHECKPOINT, m.title());
        } else {
            changes.remove(Options.CHECKPOINT);
        }
        s.options().putAll(changes);
        ctx.json(Json.MAPPER.nullNode());
    }

    private void sdModels(Context ctx) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (ModelEntry m : s.engine().sdModels()) {
            ObjectNode o = out.addObject();
            o.put("title", m.title());
            o.put("model_name", m.modelName());
            o.put("hash", m.hash());
            o.put("sha256", m.sha256());
            o.put("filename", m.filename());
            o.putNull("config");
        }
        ctx.json(out);
    }

    private void samplers(Context ctx) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (SamplerEntry e : s.engine().samplers()) {
            ObjectNode o = out.addObject();
            o.put("name", e.name());
            o.set("aliases", Json.MAPPER.valueToTree(e.aliases()));
            o.putObject("options");
        }
        ctx.json(out);
    }

    private void schedulers(Context ctx) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (SchedulerEntry e : s.engine().schedulers()) {
            ObjectNode o = out.addObject();
            o.put("name", e.name());
            o.put("label", e.label());
            o.set("aliases", Json.MAPPER.valueToTree(e.aliases()));
            o.put("default_rho", -1);
            o.put("need_inner_model", false);
        }
        ctx.json(out);
    }

    private void upscalers(Context ctx) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (UpscalerEntry e : s.engine().upscalers()) {
            ObjectNode o = out.addObject();
            o.put("name", e.name());
            o.put("model_name", e.modelName());
            o.putNull("model_path");
            o.putNull("model_url");
            o.put("scale", e.scale());
        }
        ctx.json(out);
    }

    private void faceRestorers(Context ctx) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (String n : s.engine().faceRestorers()) {
            ObjectNode o = out.addObject();
            o.put("name", n);
            o.putNull("cmd_dir");
        }
        ctx.json(out);
    }
}

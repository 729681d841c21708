package dev.easel.bridge.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.easel.bridge.Services;
import dev.easel.bridge.a1111.A1111Routes;
import dev.easel.bridge.a1111.ExtrasParser;
import dev.easel.bridge.a1111.GenerationJobs;
import dev.easel.bridge.a1111.GenerationOutcome;
import dev.easel.bridge.a1111.InfoJson;
import dev.easel.bridge.a1111.ParsedGeneration;
import dev.easel.bridge.a1111.Uploads;
import dev.easel.bridge.engine.ExtrasRequest;
import dev.easel.bridge.engine.ModelEntry;
import dev.easel.bridge.http.ApiException;
import dev.easel.bridge.http.Bodies;
import dev.easel.bridge.http.Fields;
import dev.easel.bridge.http.ImagePayloads;
import dev.easel.bridge.http.Json;
import dev.easel.bridge.queue.Job;
import dev.easel.bridge.queue.JobState;
import dev.easel.generate.GenerationRequest.Mode;
import dev.easel.image.FloatImage;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.util.List;
import java.util.Locale;

/**
 * Easel's own routes under {@code /easel/v1}: health, the jobs API the editor clients use, prompt
 * analysis, models and the OpenAPI description. Strict: unknown fields and out-of-range values
 * are a 422 naming the field.
 */
public final class EaselRoutes {
    public static final String BASE = "/easel/v1";
    static final List<String> MODES = List.of("txt2img", "img2img", "inpaint", "outpaint", "loopback", "extras");

    private final Services s;
    private final GenerationJobs jobs;
    private final JobJson json;

    private EaselRoutes(Services s) {
        this.s = s;
        this.jobs = new GenerationJobs(s);
        this.json = new JobJson(s.queue());
    }

    public static void register(Javalin app, Services s) {
        EaselRoutes r = new EaselRoutes(s);
        app.get(BASE + "/health", r::health);
        app.post(BASE + "/jobs", r::submit);
        app.get(BASE + "/jobs/{id}", r::status);
        app.get(BASE + "/jobs/{id}/result", r::result);
        app.delete(BASE + "/jobs/{id}", r::cancel);
        app.get(BASE + "/openapi.json", ctx -> ctx.contentType("application/json").result(OpenApi.document()));
        ModelRoutes.register(app, s);
        MergeRoutes.register(app, s);
    }

    private void health(Context ctx) {
        ObjectNode o = Json.object();
        o.put("status", "ok");
        o.put("version", s.version());
        o.put("device", s.engine().device());
        ModelEntry loaded = GenerationJobs.findModelOrNull(s.engine(), s.engine().loadedModel());
        o.put("model", loaded == null ? s.engine().loadedModel() : loaded.title());
        o.put("queue_length", s.queue().length());
        o.set("models", Json.MAPPER.valueToTree(s.engine().modelsReport()));
        o.set("missing", Json.MAPPER.valueToTree(s.engine().missing()));
        ctx.json(o);
    }

    private void submit(Context ctx) {
        Fields f = new Fields(Bodies.readObject(ctx, s.config().maxBodyBytes()), true);
        String mode = f.string("mode", "txt2img").toLowerCase(Locale.ROOT);
        if (!MODES.contains(mode)) throw ApiException.badField("mode", "expected one of " + MODES);
        Job job;
        if (mode.equals("extras")) {
            job = submitExtras(f);
        } else {
            ParsedGeneration p = A1111Routes.parser(s).parse(f, Mode.valueOf(mode.toUpperCase(Locale.ROOT)),
                    s.options().snapshot());
            job = jobs.submit(p, mode);
        }
        ctx.status(202).json(json.submitted(job));
    }

    private Job submitExtras(Fields f) {
        ExtrasRequest req = ExtrasParser.parse(f, s.engine(), s.options().snapshot());
        if (!f.has("image")) throw ApiException.badField("image", "extras needs the image to process (base64 PNG)");
        FloatImage img = Uploads.image("image", f.string("image", null), s.config().maxPixels());
        ExtrasParser.checkOutput("upscaling_resize", req, img.width(), img.height(), s.config().maxPixels());
        f.finish();
        return s.queue().submit("extras", j -> new ExtrasOutcome(req, s.engine().postprocess(img, req, j.control())));
    }

    private Job find(Context ctx) {
        String id = ctx.pathParam("id");
        return s.queue().find(id).orElseThrow(() -> ApiException.notFound(
                "no job " + id + "; jobs are forgotten some time after they finish, submit it again"));
    }

    private void status(Context ctx) {
        ctx.json(json.status(find(ctx)));
    }

    private void result(Context ctx) {
        Job job = find(ctx);
        JobState state = job.state();
        if (state == JobState.FAILED) throw job.error();
        if (state == JobState.CANCELLED || job.cancelRequested()) {
            throw new ApiException(409, "cancelled", "job " + job.id() + " was cancelled; it has no result");
        }
        if (state != JobState.DONE) {
            throw new ApiException(409, "not done", "job " + job.id() + " is " + state.wireName()
                    + "; poll GET " + BASE + "/jobs/" + job.id() + " until its state is done");
        }
        if (job.resultDropped()) {
            throw new ApiException(410, "result gone", "job " + job.id() + " finished and its images were already"
                    + " delivered or dropped to free memory (the bridge keeps the latest few); submit it again");
        }
        ObjectNode o = Json.object();
        var images = o.putArray("images");
        var infotexts = o.putArray("infotexts");
        var seeds = o.putArray("seeds");
        if (job.result() instanceof GenerationOutcome g) {
            List<FloatImage> imgs = g.result().images();
            for (int i = 0; i < imgs.size(); i++) {
                String text = i < g.result().infotexts().size() ? g.result().infotexts().get(i) : null;
                images.add(ImagePayloads.pngNode(imgs.get(i), text));
                infotexts.add(text);
            }
            g.result().seeds().forEach(seeds::add);
            o.put("info", Json.write(InfoJson.of(g, s.version())));
        } else if (job.result() instanceof MergeRoutes.MergeOutcome m) {
            o.put("model", m.model());
            o.put("info", "merged into " + m.model() + "; switch to it with sd_model_checkpoint");
        } else if (job.result() instanceof ExtrasOutcome e) {
            images.add(ImagePayloads.pngNode(e.image(), null));
            infotexts.add("");
            o.put("info", ExtrasOutcome.info(e.request()));
        }
        Json.send(ctx, o);
    }

    private void cancel(Context ctx) {
        String id = ctx.pathParam("id");
        Job job = s.queue().cancel(id).orElseThrow(() -> ApiException.notFound("no job " + id));
        ObjectNode o = Json.object();
        o.put("id", job.id());
        o.put("state", JobJson.state(job));
        ctx.json(o);
    }
}

package dev.easel.bridge.a1111;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.easel.bridge.Services;
import dev.easel.bridge.http.Bodies;
import dev.easel.bridge.http.Fields;
import dev.easel.bridge.http.ImagePayloads;
import dev.easel.bridge.http.Json;
import dev.easel.bridge.queue.Job;
import dev.easel.bridge.queue.SyncWait;
import dev.easel.generate.GenerationRequest.Mode;
import dev.easel.image.FloatImage;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A1111's generation routes: txt2img and img2img (which also inpaints), answered when the images
 * are done, plus progress, interrupt and skip. Lenient as A1111: unknown fields are ignored.
 */
public final class A1111Routes {
    public static final String BASE = "/sdapi/v1";

    private final Services s;
    private final GenerationJobs jobs;
    private final PreviewEncoder previews = new PreviewEncoder();

    private A1111Routes(Services s) {
        this.s = s;
        this.jobs = new GenerationJobs(s);
    }

    public static void register(Javalin app, Services s) {
        A1111Routes r = new A1111Routes(s);
        app.post(BASE + "/txt2img", ctx -> r.generate(ctx, Mode.TXT2IMG));
        app.post(BASE + "/img2img", ctx -> r.generate(ctx, Mode.IMG2IMG));
        app.get(BASE + "/progress", r::progress);
        app.post(BASE + "/interrupt", ctx -> {
            s.queue().interruptRunning();
            ctx.json(Json.object());
        });
        app.post(BASE + "/skip", ctx -> {
            s.queue().skipRunning();
            ctx.json(Json.object());
        });
        SettingsRoutes.register(app, s);
        ExtrasRoutes.register(app, s);
    }

    public static GenerationParser parser(Services s) {
        return new GenerationParser(new SamplerNames(s.engine().samplers(), s.engine().schedulers()),
                s.config().maxPixels());
    }

    private void generate(Context ctx, Mode mode) {
        ObjectNode body = Bodies.readObject(ctx, s.config().maxBodyBytes());
        ParsedGeneration p = parser(s).parse(new Fields(body, false), mode, s.options().snapshot());
        Job job = jobs.submit(p, mode.name().toLowerCase());
        GenerationOutcome o = (GenerationOutcome) SyncWait.await(ctx, s.queue(), job);
        ObjectNode out = Json.object();
        ArrayNode images = out.putArray("images");
        if (p.sendImages()) {
            boolean pngInfo = !Boolean.FALSE.equals(s.options().get("enable_pnginfo"));
            List<FloatImage> imgs = o.result().images();
            for (int i = 0; i < imgs.size(); i++) {
                String text = pngInfo && i < o.result().infotexts().size() ? o.result().infotexts().get(i) : null;
                images.add(ImagePayloads.pngNode(imgs.get(i), text));
            }
        }
        out.set("parameters", p.echo());
        out.put("info", Json.write(InfoJson.of(o, s.version())));
        Json.send(ctx, out);
    }

    /** A1111's {@code /progress}: idle answers zeros so {@code util_wait_for_ready}-style loops end. */
    private void progress(Context ctx) {
        boolean skipImage = "true".equalsIgnoreCase(ctx.queryParam("skip_current_image"));
        Job r = s.queue().running();
        ObjectNode out = Json.object();
        ObjectNode state = Json.object();
        if (r == null) {
            out.put("progress", 0.0);
            out.put("eta_relative", 0.0);
            state.put("skipped", false);
            state.put("interrupted", false);
            state.put("job", "");
            state.put("job_count", s.queue().length()); // jobs may wait for an instant between two
            state.put("job_timestamp", "0");
            state.put("job_no", 0);
            state.put("sampling_step", 0);
            state.put("sampling_steps", 0);
            out.set("state", state);
            out.putNull("current_image");
            out.putNull("textinfo");
            out.putNull("current_task");
            ctx.json(out);
            return;
        }
        // A1111 adds 0.01 so a running job never reports 0 (which clients read as idle).
        double progress = Math.min(1.0, 0.01 + r.fraction());
        double eta = r.etaSeconds();
        Instant started = r.started();
        double elapsed = started == null ? 0 : Duration.between(started, Instant.now()).toMillis() / 1000.0;
        out.put("progress", progress);
        out.put("eta_relative", eta >= 0 ? eta : Math.max(0, elapsed / progress - elapsed));
        state.put("skipped", false);
        state.put("interrupted", r.control().isInterrupted());
        state.put("job", r.mode());
        // Jobs running or waiting, so clients that wait for job_count == 0 wait for the whole queue.
        state.put("job_count", s.queue().length());
        state.put("job_timestamp", started == null ? "0" : InfoJson.TIMESTAMP.format(started));
        state.put("job_no", 0);
        state.put("sampling_step", r.step());
        state.put("sampling_steps", r.total());
        out.set("state", state);
        String preview = skipImage ? null : previews.encode(r);
        if (preview == null) out.putNull("current_image"); else out.put("current_image", preview);
        out.putNull("textinfo");
        out.put("current_task", r.id());
        ctx.json(out);
    }
}

package dev.easel.bridge.a1111;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.easel.bridge.Services;
import dev.easel.bridge.engine.ExtrasRequest;
import dev.easel.bridge.http.ApiException;
import dev.easel.bridge.http.Bodies;
import dev.easel.bridge.http.Fields;
import dev.easel.bridge.http.ImagePayloads;
import dev.easel.bridge.http.Json;
import dev.easel.bridge.queue.Job;
import dev.easel.bridge.queue.SyncWait;
import dev.easel.image.FloatImage;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.List;

import static dev.easel.bridge.a1111.A1111Routes.BASE;

/** A1111's extras (upscaling and face restoration of finished images) and png-info. */
final class ExtrasRoutes {
    private final Services s;

    private ExtrasRoutes(Services s) {
        this.s = s;
    }

    static void register(Javalin app, Services s) {
        ExtrasRoutes r = new ExtrasRoutes(s);
        app.post(BASE + "/extra-single-image", r::single);
        app.post(BASE + "/extra-batch-images", r::batch);
        app.post(BASE + "/png-info", r::pngInfo);
    }

    private void single(Context ctx) {
        Fields f = new Fields(Bodies.readObject(ctx, s.config().maxBodyBytes()), false);
        ExtrasRequest req = ExtrasParser.parse(f, s.engine(), s.options().snapshot());
        FloatImage img = Uploads.image("image", f.string("image", null), s.config().maxPixels());
        ExtrasParser.checkOutput("upscaling_resize", req, img.width(), img.height(), s.config().maxPixels());
        List<FloatImage> out = run(ctx, List.of(img), req);
        ObjectNode o = Json.object();
        o.put("html_info", htmlInfo(req));
        o.set("image", ImagePayloads.pngNode(out.get(0), null));
        Json.send(ctx, o);
    }

    private void batch(Context ctx) {
        Fields f = new Fields(Bodies.readObject(ctx, s.config().maxBodyBytes()), false);
        ExtrasRequest req = ExtrasParser.parse(f, s.engine(), s.options().snapshot());
        JsonNode list = f.raw("imageList");
        if (list == null || !list.isArray()) throw ApiException.badField("imageList", "send a list of {\"data\": base64, \"name\": ...}");
        List<FloatImage> imgs = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode e = list.get(i);
            String field = "imageList[" + i + "].data";
            if (!e.isObject() || !e.path("data").isTextual()) throw ApiException.badField(field, "expected a base64 image");
            FloatImage img = Uploads.image(field, e.get("data").textValue(), s.config().maxPixels());
            ExtrasParser.checkOutput(field, req, img.width(), img.height(), s.config().maxPixels());
            imgs.add(img);
        }
        List<FloatImage> out = run(ctx, imgs, req);
        ObjectNode o = Json.object();
        o.put("html_info", htmlInfo(req));
        ArrayNode images = o.putArray("images");
        for (FloatImage img : out) images.add(ImagePayloads.pngNode(img, null));
        Json.send(ctx, o);
    }

    @SuppressWarnings("unchecked")
    private List<FloatImage> run(Context ctx, List<FloatImage> imgs, ExtrasRequest req) {
        Job job = s.queue().submit("extras", j -> {
            List<FloatImage> done = new ArrayList<>();
            for (FloatImage img : imgs) done.add(s.engine().postprocess(img, req, j.control()));
            return done;
        });
        return (List<FloatImage>) SyncWait.await(ctx, s.queue(), job);
    }

    /** A1111 answers a short HTML note of what was done. */
    static String htmlInfo(ExtrasRequest r) {
        List<String> parts = new ArrayList<>();
        if (!"None".equals(r.upscaler1())) parts.add("Postprocess upscaler: " + r.upscaler1());
        if (r.resizeMode() == 0 && !"None".equals(r.upscaler1())) parts.add("Postprocess upscale by: " + r.upscalingResize());
        if (r.resizeMode() == 1 && !"None".equals(r.upscaler1())) {
            parts.add("Postprocess upscale to: " + r.resizeWidth() + "x" + r.resizeHeight());
        }
        if (!"None".equals(r.upscaler2()) && r.upscaler2Visibility() > 0) {
            parts.add("Postprocess upscaler 2: " + r.upscaler2());
        }
        if (r.gfpganVisibility() > 0) parts.add("GFPGAN visibility: " + r.gfpganVisibility());
        if (r.codeformerVisibility() > 0) {
            parts.add("CodeFormer visibility: " + r.codeformerVisibility() + ", CodeFormer weight: " + r.codeformerWeight());
        }
        return "<p>" + String.join(", ", parts) + "</p>";
    }

    private void pngInfo(Context ctx) {
        Fields f = new Fields(Bodies.readObject(ctx, s.config().maxBodyBytes()), false);
        String image = f.string("image", "");
        ObjectNode o = Json.object();
        if (image.isBlank()) { // A1111 answers an empty image with empty info
            o.put("info", "");
            o.putObject("items");
            o.putObject("parameters");
            ctx.json(o);
            return;
        }
        byte[] file = ImagePayloads.base64("image", image);
        PngInfo.fill(o, file);
        ctx.json(o);
    }
}

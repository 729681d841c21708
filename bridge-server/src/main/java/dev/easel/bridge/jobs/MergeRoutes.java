package dev.easel.bridge.jobs;

import dev.easel.bridge.Services;
import dev.easel.bridge.engine.ModelEntry;
import dev.easel.bridge.http.ApiException;
import dev.easel.bridge.http.Bodies;
import dev.easel.bridge.http.Fields;
import dev.easel.bridge.queue.Job;
import dev.easel.checkpoint.CheckpointMerger;
import dev.easel.generate.Progress;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import static dev.easel.bridge.jobs.EaselRoutes.BASE;

/**
 * {@code POST /easel/v1/models/merge}: A1111's checkpoint merger as a job. Models are named as
 * {@code sd-models} lists them (never by path), and the result is a new {@code .safetensors} in the
 * store's {@code stable-diffusion/} folder; an existing file is never overwritten.
 */
final class MergeRoutes {
    private static final String SUFFIX = ".safetensors";
    /** A file name without folders, so a merge cannot write outside the store. */
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._+-]{0,120}");

    private final Services s;

    private MergeRoutes(Services s) {
        this.s = s;
    }

    static void register(Javalin app, Services s) {
        app.post(BASE + "/models/merge", new MergeRoutes(s)::merge);
    }

    /** What a finished merge job returns: the new model's name as sd-models will list it. */
    record MergeOutcome(String model) { }

    private void merge(Context ctx) {
        Fields f = new Fields(Bodies.readObject(ctx, s.config().maxBodyBytes()), true);
        Path a = checkpoint(f, "primary", true);
        Path b = checkpoint(f, "secondary", true);
        CheckpointMerger.Mode mode;
        try {
            mode = CheckpointMerger.Mode.parse(f.string("mode", "Weighted sum"));
        } catch (IllegalArgumentException e) {
            throw ApiException.badField("mode", e.getMessage());
        }
        Path c = checkpoint(f, "tertiary", mode == CheckpointMerger.Mode.ADD_DIFFERENCE);
        float multiplier = (float) f.number("multiplier", 0.5, 0.0, 1.0);
        boolean half = f.bool("save_as_half", false);
        String name = f.string("name", null);
        f.finish();
        if (name == null || !SAFE_NAME.matcher(name).matches()) {
            throw ApiException.badField("name", "give the merged model a file name of letters, digits, spaces and ._+- "
                    + "(no folders), e.g. \"my-merge\"");
        }
        String file = name.endsWith(SUFFIX) ? name : name + SUFFIX;
        Path out = s.config().modelsDir().resolve("stable-diffusion").resolve(file);
        if (Files.exists(out)) throw ApiException.badField("name", file + " already exists in the store; choose another name");
        var request = new CheckpointMerger.Request(a, b, c, mode, multiplier, out, half);
        Job job = s.queue().submit("merge", j -> run(j, request));
        ctx.status(202).json(new JobJson(s.queue()).submitted(job));
    }

    private Object run(Job job, CheckpointMerger.Request request) throws Exception {
        long t0 = System.currentTimeMillis();
        try {
            CheckpointMerger.merge(request, (done, total, tensor) ->
                    job.listener().onProgress(new Progress(done, total, System.currentTimeMillis() - t0, -1, null)));
        } catch (IllegalArgumentException e) {
            throw new ApiException(422, "incompatible models", e.getMessage());
        }
        s.engine().refreshModels();
        String file = request.output().getFileName().toString();
        return new MergeOutcome(file.substring(0, file.length() - SUFFIX.length()));
    }

    /** A checkpoint of the store by its sd-models name; only .safetensors checkpoints can be merged. */
    private Path checkpoint(Fields f, String field, boolean required) {
        String name = f.string(field, null);
        if (name == null) {
            if (required) throw ApiException.badField(field, "name a .safetensors checkpoint from GET /sdapi/v1/sd-models");
            return null;
        }
        for (ModelEntry m : s.engine().sdModels()) {
            if (m.matches(name)) {
                if (!m.filename().endsWith(SUFFIX)) {
                    throw ApiException.badField(field, name + " is an ONNX folder; only .safetensors checkpoints can be merged");
                }
                return s.config().modelsDir().resolve(m.filename());
            }
        }
        throw ApiException.badField(field, "no model named '" + name + "'; GET /sdapi/v1/sd-models lists them");
    }
}

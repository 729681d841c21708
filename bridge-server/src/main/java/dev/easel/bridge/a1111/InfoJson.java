package dev.easel.bridge.a1111;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.easel.bridge.http.Json;
import dev.easel.generate.GenerationRequest;
import dev.easel.generate.GenerationResult;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** A1111's {@code info}: {@code Processed.js()}, a JSON object sent as a string. */
public final class InfoJson {
    /** A1111's {@code job_timestamp} format. */
    static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneId.systemDefault());

    private InfoJson() { }

    public static ObjectNode of(GenerationOutcome o, String version) {
        GenerationRequest r = o.parsed().request();
        GenerationResult res = o.result();
        int n = res.images().size();
        ObjectNode i = Json.object();
        i.put("prompt", r.prompt);
        ArrayNode prompts = i.putArray("all_prompts");
        ArrayNode negatives = Json.MAPPER.createArrayNode();
        for (int k = 0; k < n; k++) {
            prompts.add(r.prompt);
            negatives.add(r.negativePrompt);
        }
        i.put("negative_prompt", r.negativePrompt);
        i.set("all_negative_prompts", negatives);
        i.put("seed", res.seeds().isEmpty() ? r.seed : res.seeds().get(0));
        i.set("all_seeds", Json.MAPPER.valueToTree(res.seeds()));
        i.put("subseed", res.subseeds().isEmpty() ? r.subseed : res.subseeds().get(0));
        i.set("all_subseeds", Json.MAPPER.valueToTree(res.subseeds()));
        i.put("subseed_strength", r.subseedStrength);
        i.put("width", r.width);
        i.put("height", r.height);
        i.put("sampler_name", r.sampler);
        i.put("scheduler", r.scheduler);
        i.put("cfg_scale", r.cfgScale);
        i.put("steps", r.steps);
        i.put("batch_size", r.batchSize);
        i.put("restore_faces", r.restoreFaces);
        if (r.restoreFaces) i.put("face_restoration_model", r.faceRestorationModel); else i.putNull("face_restoration_model");
        i.put("sd_model_name", o.model() == null ? null : o.model().modelName());
        i.put("sd_model_hash", o.model() == null ? null : o.model().hash());
        i.putNull("sd_vae_name");
        i.putNull("sd_vae_hash");
        i.put("seed_resize_from_w", r.seedResizeFromW);
        i.put("seed_resize_from_h", r.seedResizeFromH);
        i.put("denoising_strength", r.denoisingStrength);
        i.putObject("extra_generation_params");
        i.put("index_of_first_image", 0);
        i.set("infotexts", Json.MAPPER.valueToTree(res.infotexts()));
        i.putArray("styles");
        i.put("job_timestamp", TIMESTAMP.format(o.started()));
        i.put("clip_skip", r.clipSkip);
        i.put("is_using_inpainting_conditioning", o.model() != null && o.model().inpainting()
                && r.mode != GenerationRequest.Mode.TXT2IMG);
        i.put("version", version);
        List<String> warnings = new ArrayList<>(o.parsed().warnings());
        warnings.addAll(res.warnings());
        i.put("comments", String.join("\n", warnings));
        i.set("warnings", Json.MAPPER.valueToTree(warnings));
        i.put("interrupted", res.interrupted());
        return i;
    }
}

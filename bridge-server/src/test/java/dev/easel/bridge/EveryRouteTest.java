package dev.easel.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.easel.bridge.support.Http;
import dev.easel.bridge.support.TinyBridge;
import dev.easel.bridge.support.Images;
import dev.easel.bridge.support.SlowModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static dev.easel.bridge.QueueBehaviourTest.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The listing routes, skip, hires fix and face restoration, on the real pipeline and tiny models. */
class EveryRouteTest {
    @RegisterExtension
    static final TinyBridge BRIDGE = new TinyBridge();

    @Test
    void listingRoutesAnswerInA1111Shapes() {
        JsonNode samplers = BRIDGE.http().get("/sdapi/v1/samplers").json();
        assertEquals("DPM++ 2M", samplers.get(0).get("name").asText(), "A1111's order, its default first");
        assertTrue(samplers.get(0).get("aliases").isArray() && samplers.get(0).get("options").isObject());
        JsonNode schedulers = BRIDGE.http().get("/sdapi/v1/schedulers").json();
        assertEquals("automatic", schedulers.get(0).get("name").asText());
        assertEquals("Karras", schedulers.get(2).get("label").asText());
        JsonNode restorers = BRIDGE.http().get("/sdapi/v1/face-restorers").json();
        List<String> names = restorers.findValuesAsText("name");
        assertTrue(names.containsAll(List.of("GFPGAN", "CodeFormer")), names.toString());
        for (String route : List.of("sd-vae", "prompt-styles", "loras")) {
            Http.Res r = BRIDGE.http().get("/sdapi/v1/" + route);
            assertEquals(200, r.status(), route);
            assertTrue(r.json().isArray(), route);
        }
        assertEquals("Latent", BRIDGE.http().get("/sdapi/v1/latent-upscale-modes").json().get(0).get("name").asText());
        assertTrue(BRIDGE.http().get("/sdapi/v1/cmd-flags").json().get("api").asBoolean());
        JsonNode options = BRIDGE.http().get("/sdapi/v1/options").json();
        for (String k : List.of("sd_model_checkpoint", "randn_source", "eta_noise_seed_delta", "CLIP_stop_at_last_layers",
                "emphasis", "ESRGAN_tile", "face_restoration_model", "code_former_weight")) {
            assertTrue(options.has(k), "options has " + k);
        }
    }

    @Test
    void skipEndsTheCurrentImageOnly() throws Exception {
        Map<String, Object> req = Map.of("prompt", "two batches", "seed", 1, "steps", 30, "n_iter", 2,
                "width", 64, "height", 64, "sampler_name", "Euler");
        SlowModel.unetWidths.clear();
        BRIDGE.http().post("/sdapi/v1/txt2img", req);
        int fullCalls = SlowModel.unetWidths.size();

        SlowModel.unetWidths.clear();
        SlowModel.unetMillis = 15;
        CompletableFuture<Http.Res> job = BRIDGE.http().postAsync("/sdapi/v1/txt2img", req);
        await("first image sampling", () -> BRIDGE.http().get("/sdapi/v1/progress").json().get("state").get("sampling_step").asInt() >= 3);
        assertEquals("{}", BRIDGE.http().post("/sdapi/v1/skip", Map.of()).body());
        Http.Res r = job.get();
        assertEquals(200, r.status(), r.toString());
        assertEquals(2, r.json().get("images").size(), "both batches still return an image");
        int skippedCalls = SlowModel.unetWidths.size();
        assertTrue(skippedCalls < fullCalls, "skip cut the first image short: " + skippedCalls + " of " + fullCalls);
        assertTrue(skippedCalls > fullCalls / 2, "the second image ran in full: " + skippedCalls + " of " + fullCalls);
    }

    @Test
    void hiresFixWithANamedUpscalerAndFaceRestoration() throws Exception {
        Http.Res hr = BRIDGE.http().post("/sdapi/v1/txt2img", Map.of("prompt", "hires", "seed", 2, "steps", 3, "width", 64,
                "height", 64, "enable_hr", true, "hr_scale", 2, "hr_upscaler", "Lanczos", "hr_second_pass_steps", 2,
                "denoising_strength", 0.5));
        assertEquals(200, hr.status(), hr.toString());
        assertEquals(128, Images.decode(hr.json().get("images").get(0).asText()).width());
        String text = Http.JSON.readTree(hr.json().get("info").asText()).get("infotexts").get(0).asText();
        assertTrue(text.contains("Hires upscaler: Lanczos"), text);

        Http.Res faces = BRIDGE.http().post("/sdapi/v1/txt2img", Map.of("prompt", "a face", "seed", 3, "steps", 3,
                "width", 64, "height", 64, "restore_faces", true));
        assertEquals(200, faces.status(), faces.toString());
        String faceText = Http.JSON.readTree(faces.json().get("info").asText()).get("infotexts").get(0).asText();
        assertTrue(faceText.contains("Face restoration: CodeFormer"), faceText);

        String image = Images.base64(Images.gradient(64, 64));
        Http.Res extras = BRIDGE.http().post("/sdapi/v1/extra-single-image", Map.of("image", image,
                "gfpgan_visibility", 1, "codeformer_visibility", 0.5, "codeformer_weight", 0.5));
        assertEquals(200, extras.status(), extras.toString());
        assertEquals(64, Images.decode(extras.json().get("image").asText()).width());
        assertTrue(extras.json().get("html_info").asText().contains("GFPGAN"));
    }
}

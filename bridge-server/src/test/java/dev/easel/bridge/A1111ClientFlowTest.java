package dev.easel.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.easel.bridge.support.Http;
import dev.easel.bridge.support.TinyBridge;
import dev.easel.bridge.support.Images;
import dev.easel.bridge.support.SlowModel;
import dev.easel.image.FloatImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client written the way A1111 clients behave (sdwebuiapi's payloads, data URIs, the calls GIMP
 * plugins make), against the real pipeline on the tiny models.
 */
class A1111ClientFlowTest {
    @RegisterExtension
    static final TinyBridge BRIDGE = new TinyBridge();

    /** sdwebuiapi 0.9.17's txt2img payload with its defaults. */
    static Map<String, Object> webuiapiTxt2img(String prompt, long seed, int steps) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("enable_hr", false);
        p.put("hr_scale", 2);
        p.put("hr_upscaler", "Latent");
        p.put("hr_second_pass_steps", 0);
        p.put("hr_resize_x", 0);
        p.put("hr_resize_y", 0);
        p.put("hr_checkpoint_name", null);
        p.put("hr_sampler_name", null);
        p.put("hr_scheduler", null);
        p.put("hr_prompt", "");
        p.put("hr_negative_prompt", "");
        p.put("denoising_strength", 0.7);
        p.put("firstphase_width", 0);
        p.put("firstphase_height", 0);
        p.put("prompt", prompt);
        p.put("styles", List.of());
        p.put("seed", seed);
        p.put("subseed", -1);
        p.put("subseed_strength", 0.0);
        p.put("seed_resize_from_h", 0);
        p.put("seed_resize_from_w", 0);
        p.put("batch_size", 1);
        p.put("n_iter", 1);
        p.put("steps", steps);
        p.put("cfg_scale", 7.0);
        p.put("width", 64);
        p.put("height", 64);
        p.put("restore_faces", false);
        p.put("tiling", false);
        p.put("do_not_save_samples", false);
        p.put("do_not_save_grid", false);
        p.put("negative_prompt", "");
        p.put("eta", 1.0);
        p.put("s_churn", 0);
        p.put("s_tmax", 0);
        p.put("s_tmin", 0);
        p.put("s_noise", 1);
        p.put("override_settings", Map.of());
        p.put("override_settings_restore_afterwards", true);
        p.put("sampler_name", "Euler a");
        p.put("scheduler", "automatic");
        p.put("sampler_index", "Euler a");
        p.put("script_name", null);
        p.put("script_args", List.of());
        p.put("send_images", true);
        p.put("save_images", false);
        p.put("alwayson_scripts", Map.of());
        return p;
    }

    static JsonNode info(Http.Res r) throws Exception {
        return Http.JSON.readTree(r.json().get("info").asText());
    }

    @Test
    void theClientFlowOfAnA1111Plugin() throws Exception {
        // sdwebuiapi's constructor probes the scripts list.
        JsonNode scripts = BRIDGE.http().get("/sdapi/v1/scripts").json();
        assertTrue(scripts.get("txt2img").isArray() && scripts.get("img2img").isArray());
        assertTrue(BRIDGE.http().get("/sdapi/v1/samplers").json().size() > 5);

        Http.Res t2i = BRIDGE.http().post("/sdapi/v1/txt2img", webuiapiTxt2img("a red fox", 1234, 4));
        assertEquals(200, t2i.status(), t2i.toString());
        JsonNode info = info(t2i);
        assertEquals(1234, info.get("seed").asLong());
        assertEquals(List.of(1234L), List.of(info.get("all_seeds").get(0).asLong()));
        String infotext = info.get("infotexts").get(0).asText();
        assertTrue(infotext.startsWith("a red fox\n"), infotext);
        assertTrue(infotext.contains("Seed: 1234"), infotext);
        assertEquals("a red fox", t2i.json().get("parameters").get("prompt").asText());
        String image = t2i.json().get("images").get(0).asText();
        FloatImage made = Images.decode(image);
        assertEquals(64, made.width());

        // png-info on the returned image gives the same infotext, parsed.
        Http.Res png = BRIDGE.http().post("/sdapi/v1/png-info", Map.of("image", "data:image/png;base64," + image));
        assertEquals(200, png.status(), png.toString());
        assertEquals(infotext, png.json().get("info").asText());
        assertEquals("a red fox", png.json().get("parameters").get("Prompt").asText());
        assertEquals("1234", png.json().get("parameters").get("Seed").asText());

        // img2img with a mask (inpainting), as sdwebuiapi sends it.
        Map<String, Object> i2i = new HashMap<>(webuiapiTxt2img("a blue door", 99, 4));
        i2i.put("init_images", List.of("data:image/png;base64," + image));
        i2i.put("mask", Images.dataUri(Images.mask(64, 64, 16, 16, 48, 48)));
        i2i.put("resize_mode", 0);
        i2i.put("denoising_strength", 0.75);
        i2i.put("image_cfg_scale", 1.5);
        i2i.put("mask_blur", 4);
        i2i.put("inpainting_fill", 1);
        i2i.put("inpaint_full_res", true);
        i2i.put("inpaint_full_res_padding", 8);
        i2i.put("inpainting_mask_invert", 0);
        i2i.put("initial_noise_multiplier", 1);
        i2i.put("include_init_images", false);
        Http.Res inpaint = BRIDGE.http().post("/sdapi/v1/img2img", i2i);
        assertEquals(200, inpaint.status(), inpaint.toString());
        FloatImage painted = Images.decode(inpaint.json().get("images").get(0).asText());
        assertEquals(64, painted.width());
        assertTrue(painted.get(2, 2, 0) - made.get(2, 2, 0) < 0.02f, "outside the mask the image is kept");
        assertTrue(inpaint.json().get("parameters").get("init_images").isNull(), "inputs are not echoed");
        assertTrue(info(inpaint).get("infotexts").get(0).asText().contains("Mask blur: 4"));

        // extras on the result.
        Map<String, Object> extras = new HashMap<>(Map.of("image", "data:image/png;base64," + image,
                "upscaler_1", "Lanczos", "upscaling_resize", 2, "resize_mode", 0, "show_extras_results", true,
                "gfpgan_visibility", 0, "codeformer_visibility", 0, "codeformer_weight", 0, "upscaler_2", "None"));
        extras.put("extras_upscaler_2_visibility", 0);
        extras.put("upscale_first", false);
        Http.Res extra = BRIDGE.http().post("/sdapi/v1/extra-single-image", extras);
        assertEquals(200, extra.status(), extra.toString());
        assertEquals(128, Images.decode(extra.json().get("image").asText()).width());
    }

    @Test
    void sameRequestSameBytes() {
        Map<String, Object> req = webuiapiTxt2img("determinism", 42, 3);
        String a = BRIDGE.http().post("/sdapi/v1/txt2img", req).json().get("images").get(0).asText();
        String b = BRIDGE.http().post("/sdapi/v1/txt2img", req).json().get("images").get(0).asText();
        assertEquals(a, b);
        Map<String, Object> other = new HashMap<>(req);
        other.put("seed", 43);
        assertFalse(a.equals(BRIDGE.http().post("/sdapi/v1/txt2img", other).json().get("images").get(0).asText()));
    }

    @Test
    void progressPollingUntilDoneThenInterrupt() throws Exception {
        SlowModel.unetMillis = 40;
        CompletableFuture<Http.Res> job = BRIDGE.http().postAsync("/sdapi/v1/txt2img", webuiapiTxt2img("slow", 7, 12));
        List<Double> seen = new ArrayList<>();
        boolean sawPreview = false;
        while (!job.isDone()) {
            JsonNode p = BRIDGE.http().get("/sdapi/v1/progress").json();
            assertNotNull(p.get("state").get("job_count"));
            if (p.get("state").get("job_count").asInt() > 0) {
                seen.add(p.get("progress").asDouble());
                sawPreview |= p.hasNonNull("current_image");
                assertTrue(p.get("eta_relative").asDouble() >= 0);
                assertFalse(BRIDGE.http().get("/sdapi/v1/progress?skip_current_image=true").json().hasNonNull("current_image"));
            }
            Thread.sleep(30);
        }
        assertEquals(200, job.get().status());
        assertTrue(seen.size() >= 3, "polled while running: " + seen);
        for (int i = 1; i < seen.size(); i++) assertTrue(seen.get(i) >= seen.get(i - 1), "progress never goes back: " + seen);
        assertTrue(sawPreview, "a live preview was offered");
        JsonNode idle = BRIDGE.http().get("/sdapi/v1/progress").json();
        assertEquals(0.0, idle.get("progress").asDouble());
        assertEquals(0, idle.get("state").get("job_count").asInt());

        // Interrupt: the job ends early with what it has.
        CompletableFuture<Http.Res> second = BRIDGE.http().postAsync("/sdapi/v1/txt2img", webuiapiTxt2img("stop me", 8, 100));
        while (BRIDGE.http().get("/sdapi/v1/progress").json().get("state").get("sampling_step").asInt() < 2) Thread.sleep(10);
        long t0 = System.currentTimeMillis();
        assertEquals("{}", BRIDGE.http().post("/sdapi/v1/interrupt", Map.of()).body());
        Http.Res r = second.get();
        assertEquals(200, r.status(), r.toString());
        assertTrue(System.currentTimeMillis() - t0 < 2000, "stopped soon after the interrupt");
        assertEquals(1, r.json().get("images").size(), "an interrupted job still returns its image");
        assertTrue(info(r).get("interrupted").asBoolean());
    }

    @Test
    void samplerLeniencyAndOverrides() throws Exception {
        Map<String, Object> req = webuiapiTxt2img("lenient", 5, 3);
        req.put("sampler_name", "DPM++ 2M Karras");
        req.put("scheduler", null);
        JsonNode info = info(BRIDGE.http().post("/sdapi/v1/txt2img", req));
        assertEquals("DPM++ 2M", info.get("sampler_name").asText());
        assertTrue(info.get("infotexts").get(0).asText().contains("Schedule type: Karras"));

        req.put("sampler_name", "Nonexistent Sampler");
        Http.Res r = BRIDGE.http().post("/sdapi/v1/txt2img", req);
        assertEquals(200, r.status(), "A1111 falls back instead of failing");
        assertTrue(info(r).get("comments").asText().contains("Nonexistent Sampler"), info(r).toString());

        req.put("sampler_name", null);
        req.put("sampler_index", "k_euler");
        assertEquals("Euler", info(BRIDGE.http().post("/sdapi/v1/txt2img", req)).get("sampler_name").asText());

        req.put("sampler_index", "Euler a"); // ENSD only applies to (and is written for) samplers that draw noise
        req.put("override_settings", Map.of("randn_source", "CPU", "eta_noise_seed_delta", 31337));
        String text = info(BRIDGE.http().post("/sdapi/v1/txt2img", req)).get("infotexts").get(0).asText();
        assertTrue(text.contains("RNG: CPU") && text.contains("ENSD: 31337"), text);
        assertEquals("GPU", BRIDGE.http().get("/sdapi/v1/options").json().get("randn_source").asText(), "restored afterwards");

        req.put("override_settings_restore_afterwards", false);
        BRIDGE.http().post("/sdapi/v1/txt2img", req);
        assertEquals("CPU", BRIDGE.http().get("/sdapi/v1/options").json().get("randn_source").asText(), "kept when asked");
        BRIDGE.http().post("/sdapi/v1/options", Map.of("randn_source", "GPU", "eta_noise_seed_delta", 0));
    }
}

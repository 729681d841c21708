package dev.easel.model.tiny;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a complete tiny model store: Stable Diffusion sets in the diffusers ONNX layout with the
 * real input and output names, ranks and element types, random weights from fixed seeds (the same
 * bytes on every machine), a few hundred kilobytes in all plus the tokenizer.
 *
 * <p>Every SD set uses the same seeds, so the sets differ only in export conventions: the same call
 * through any of them gives the same numbers (to fp16 precision for the fp16 set). That makes the
 * conversions at the ONNX boundary testable.
 */
public final class TinyModels {

    /** The default set: diffusers' classic export conventions. */
    public static final String SD = "tiny-sd";
    public static final String SD_INPAINTING = "tiny-sd-inpainting";
    /** optimum's conventions: int64 ids, scalar timestep, latent_parameters, external UNet data. */
    public static final String SD_OPTIMUM = "tiny-sd-optimum";
    /** fp16 inputs and outputs everywhere, fp16 timestep. */
    public static final String SD_FP16 = "tiny-sd-fp16";

    /** Names of the SD sets and their conventions, in the order they are written. */
    public static final Map<String, TinyFlavor> SD_SETS = sets();

    private static final long SEED = 20240607L;
    /** SD 1.x's latent scaling factor (vae/config.json scaling_factor). */
    public static final double VAE_SCALING_FACTOR = 0.18215;

    private TinyModels() { }

    private static Map<String, TinyFlavor> sets() {
        Map<String, TinyFlavor> m = new LinkedHashMap<>();
        m.put(SD, TinyFlavor.diffusers());
        m.put(SD_INPAINTING, TinyFlavor.diffusers().inpainting());
        m.put(SD_OPTIMUM, TinyFlavor.optimum());
        m.put(SD_FP16, TinyFlavor.fp16());
        return java.util.Collections.unmodifiableMap(m);
    }

    /**
     * Writes the store under {@code dir}: {@code stable-diffusion/<set>/} for every SD set, the tiny
     * upscalers, face restorers and face detector ({@link TinyRestorationModels}), and an empty
     * {@code embeddings/}.
     *
     * @param tokenizerDir a folder with CLIP's real {@code vocab.json} and {@code merges.txt} to copy,
     *                     or null for a small generated vocabulary
     */
    public static void writeStore(Path dir, Path tokenizerDir) throws IOException {
        for (var e : SD_SETS.entrySet()) {
            writeSdSet(dir.resolve("stable-diffusion").resolve(e.getKey()), e.getValue(), tokenizerDir);
        }
        TinyRestorationModels.writeStore(dir);
        for (String kind : List.of("upscalers", "face-restorers", "face-detectors", "embeddings")) {
            Files.createDirectories(dir.resolve(kind));
        }
    }

    /** Writes one SD set in the diffusers ONNX layout. */
    public static void writeSdSet(Path folder, TinyFlavor flavor, Path tokenizerDir) throws IOException {
        Files.createDirectories(folder);
        TinyTextEncoder.build(flavor, SEED).write(folder.resolve("text_encoder/model.onnx"));
        var unet = TinyUnet.build(flavor, SEED + 10 * flavor.unetChannels());
        if (flavor.externalUnetData()) {
            unet.writeWithExternalData(folder.resolve("unet/model.onnx"), "model.onnx_data", 1024);
        } else {
            unet.write(folder.resolve("unet/model.onnx"));
        }
        TinyVae.encoder(flavor, SEED + 100).write(folder.resolve("vae_encoder/model.onnx"));
        TinyVae.decoder(flavor, SEED + 100).write(folder.resolve("vae_decoder/model.onnx"));
        TinyTokenizer.write(folder.resolve("tokenizer"), tokenizerDir);
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Files.createDirectories(folder.resolve("scheduler"));
        json.writeValue(folder.resolve("scheduler/scheduler_config.json").toFile(), schedulerConfig());
        json.writeValue(folder.resolve("model_index.json").toFile(), modelIndex(flavor.unetChannels() == 9));
    }

    /** SD 1.5's scheduler_config.json as the runwayml ONNX export ships it. */
    static Map<String, Object> schedulerConfig() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("_class_name", "PNDMScheduler");
        m.put("_diffusers_version", "0.6.0");
        m.put("beta_end", 0.012);
        m.put("beta_schedule", "scaled_linear");
        m.put("beta_start", 0.00085);
        m.put("clip_sample", false);
        m.put("num_train_timesteps", 1000);
        m.put("set_alpha_to_one", false);
        m.put("skip_prk_steps", true);
        m.put("steps_offset", 1);
        m.put("trained_betas", null);
        return m;
    }

    static Map<String, Object> modelIndex(boolean inpainting) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("_class_name", inpainting ? "OnnxStableDiffusionInpaintPipeline" : "OnnxStableDiffusionPipeline");
        m.put("_diffusers_version", "0.6.0");
        m.put("feature_extractor", java.util.Arrays.asList(null, null));
        m.put("requires_safety_checker", false);
        m.put("safety_checker", java.util.Arrays.asList(null, null));
        m.put("scheduler", List.of("diffusers", "PNDMScheduler"));
        m.put("text_encoder", List.of("diffusers", "OnnxRuntimeModel"));
        m.put("tokenizer", List.of("transformers", "CLIPTokenizer"));
        m.put("unet", List.of("diffusers", "OnnxRuntimeModel"));
        m.put("vae_decoder", List.of("diffusers", "OnnxRuntimeModel"));
        m.put("vae_encoder", List.of("diffusers", "OnnxRuntimeModel"));
        return m;
    }
}

package dev.easel.checkpoint;

import java.util.Map;

/**
 * Tells a checkpoint's family from its key names and shapes (the ldm single-file layout A1111 uses),
 * and whether Easel can load it. Files that are not checkpoints at all (a VAE, a LoRA, an embedding)
 * are reported as such, with where they belong.
 */
public final class FamilyDetector {

    public static final String UNET = "model.diffusion_model.";
    public static final String VAE = "first_stage_model.";
    public static final String CLIP_SD1 = "cond_stage_model.transformer.";
    public static final String OPEN_CLIP_SD2 = "cond_stage_model.model.";
    public static final String SDXL_EMBEDDERS = "conditioner.embedders.";

    private FamilyDetector() {}

    public static Detection detect(SafetensorsFile file) {
        return detect(file.tensors());
    }

    /**
     * Opens {@code checkpoint}'s header only (milliseconds, no weights read) and detects its family; a
     * pickle or a malformed file gives a {@link Detection} whose problem says so, never an exception.
     */
    public static Detection detect(java.nio.file.Path checkpoint) {
        try (SafetensorsFile f = SafetensorsFile.open(checkpoint)) {
            return detect(f);
        } catch (IllegalArgumentException | java.io.IOException e) {
            return unknown(e.getMessage());
        }
    }

    public static Detection detect(Map<String, TensorInfo> t) {
        if (anyStartsWith(t, "string_to_param") || t.containsKey("emb_params")) {
            return unknown("this is a textual-inversion embedding, not a checkpoint: put it in the embeddings folder");
        }
        if (t.keySet().stream().anyMatch(k -> k.startsWith("lora_") || k.contains(".lora_down.") || k.contains(".lora_A."))) {
            return unknown("this is a LoRA, not a checkpoint: Easel does not apply LoRAs yet");
        }
        if (anyStartsWith(t, UNET + "joint_blocks.")) return unsupported(ModelFamily.SD3, 0, 0);
        if (anyStartsWith(t, "double_blocks.") || anyStartsWith(t, UNET + "double_blocks.")) {
            return unsupported(ModelFamily.FLUX, 0, 0);
        }
        int inChannels = t.containsKey(UNET + "input_blocks.0.0.weight")
                ? (int) t.get(UNET + "input_blocks.0.0.weight").dim(1) : 0;
        int context = contextDim(t);
        if (anyStartsWith(t, SDXL_EMBEDDERS) || anyStartsWith(t, UNET + "label_emb.")) {
            boolean refiner = !anyStartsWith(t, SDXL_EMBEDDERS + "1.") && anyStartsWith(t, SDXL_EMBEDDERS + "0.model.");
            return unsupported(refiner ? ModelFamily.SDXL_REFINER : ModelFamily.SDXL, inChannels, context);
        }
        if (anyStartsWith(t, OPEN_CLIP_SD2) || context == 1024) return unsupported(ModelFamily.SD2, inChannels, context);
        if (inChannels == 0) {
            if (t.containsKey("encoder.conv_in.weight") && t.containsKey("decoder.conv_in.weight")) {
                return unknown("this is a VAE, not a checkpoint: put it in the VAE folder");
            }
            return unknown("no UNet weights (" + UNET + "*) found; this is not a Stable Diffusion checkpoint");
        }
        if (!anyStartsWith(t, CLIP_SD1)) {
            return new Detection(ModelFamily.UNKNOWN, inChannels, context,
                    "the UNet is there but no text encoder Easel knows (" + CLIP_SD1 + "*)");
        }
        if (!anyStartsWith(t, VAE)) {
            return new Detection(ModelFamily.SD1, inChannels, context,
                    "the checkpoint has no VAE weights (" + VAE + "*); use a checkpoint that includes its VAE");
        }
        return switch (inChannels) {
            case 4, 9 -> new Detection(ModelFamily.SD1, inChannels, context, null);
            case 8 -> new Detection(ModelFamily.SD1, inChannels, context,
                    "an InstructPix2Pix model (8 UNet input channels), which Easel does not support yet");
            default -> new Detection(ModelFamily.SD1, inChannels, context,
                    "a UNet with " + inChannels + " input channels, which Easel does not support (4 or 9 expected)");
        };
    }

    private static Detection unsupported(ModelFamily f, int inChannels, int context) {
        return new Detection(f, inChannels, context,
                f.displayName() + " checkpoints are recognised but not supported yet; use a Stable Diffusion 1.x checkpoint");
    }

    private static Detection unknown(String problem) {
        return new Detection(ModelFamily.UNKNOWN, 0, 0, problem);
    }

    /** The cross-attention context width: the second dimension of the first {@code attn2.to_k} weight. */
    static int contextDim(Map<String, TensorInfo> t) {
        return t.entrySet().stream()
                .filter(e -> e.getKey().startsWith(UNET) && e.getKey().endsWith("attn2.to_k.weight") && e.getValue().rank() == 2)
                .mapToInt(e -> (int) e.getValue().dim(1)).findFirst().orElse(0);
    }

    private static boolean anyStartsWith(Map<String, TensorInfo> t, String prefix) {
        if (t instanceof java.util.NavigableMap<String, TensorInfo> nav) {
            String k = nav.ceilingKey(prefix);
            return k != null && k.startsWith(prefix);
        }
        return t.keySet().stream().anyMatch(k -> k.startsWith(prefix));
    }
}

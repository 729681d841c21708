package dev.easel.model.tiny;

/**
 * The export conventions one tiny SD set follows; real exports disagree on each of these
 * (diffusers' old script, its current script, optimum, Olive fp16).
 *
 * @param int64Ids          text encoder {@code input_ids} int64 (optimum) instead of int32 (diffusers)
 * @param timestep          element type and rank of the UNet's {@code timestep}
 * @param fp16Io            every float input and output in fp16 (Olive / {@code optimize_pipeline --float16})
 * @param latentParameters  VAE encoder gives {@code latent_parameters} (mean and log-variance, 8 channels)
 *                          instead of a sampled {@code latent_sample}
 * @param externalUnetData  UNet weights in {@code unet/model.onnx_data} beside the graph
 * @param unetChannels      4, or 9 for an inpainting UNet
 */
public record TinyFlavor(boolean int64Ids, Timestep timestep, boolean fp16Io, boolean latentParameters,
                         boolean externalUnetData, int unetChannels) {

    /** How the UNet declares its timestep input. */
    public enum Timestep {
        /** diffusers' original script: int64 {@code [batch]}. */
        INT64_VECTOR,
        /** diffusers' current script: float {@code [batch]}. */
        FLOAT_VECTOR,
        /** optimum: a float scalar with no dimensions. */
        FLOAT_SCALAR,
        /** fp16 {@code [batch]} (the current script with {@code --fp16}). */
        FP16_VECTOR
    }

    /** The classic diffusers ONNX export: int32 ids, int64 timestep, fp32, {@code latent_sample}. */
    public static TinyFlavor diffusers() {
        return new TinyFlavor(false, Timestep.INT64_VECTOR, false, false, false, 4);
    }

    /** An optimum export: int64 ids, scalar float timestep, {@code latent_parameters}, external UNet weights. */
    public static TinyFlavor optimum() {
        return new TinyFlavor(true, Timestep.FLOAT_SCALAR, false, true, true, 4);
    }

    /** An fp16-I/O export as Olive writes for CUDA: int32 ids, fp16 timestep, fp16 everywhere. */
    public static TinyFlavor fp16() {
        return new TinyFlavor(false, Timestep.FP16_VECTOR, true, false, false, 4);
    }

    public TinyFlavor inpainting() {
        return new TinyFlavor(int64Ids, timestep, fp16Io, latentParameters, externalUnetData, 9);
    }
}

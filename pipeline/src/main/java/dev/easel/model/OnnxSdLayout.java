package dev.easel.model;

import java.util.List;

/** File names of the diffusers ONNX export layout that Easel loads. */
public final class OnnxSdLayout {

    public static final String MODEL_INDEX = "model_index.json";
    public static final String TEXT_ENCODER = "text_encoder/model.onnx";
    public static final String UNET = "unet/model.onnx";
    public static final String VAE_ENCODER = "vae_encoder/model.onnx";
    public static final String VAE_DECODER = "vae_decoder/model.onnx";
    public static final String VOCAB = "tokenizer/vocab.json";
    public static final String MERGES = "tokenizer/merges.txt";
    public static final String SCHEDULER = "scheduler/scheduler_config.json";

    /** What a set cannot run txt2img without (the VAE encoder is only needed for img2img and inpainting). */
    public static final List<String> REQUIRED_FILES = List.of(TEXT_ENCODER, UNET, VAE_DECODER, VOCAB, MERGES);

    /** Every ONNX file of a set, the optional encoder included. */
    public static final List<String> ONNX_FILES = List.of(TEXT_ENCODER, UNET, VAE_ENCODER, VAE_DECODER);

    private OnnxSdLayout() { }
}

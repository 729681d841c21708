package dev.easel.model;

import java.util.Locale;

/** The kinds of model the store holds, each in its own subfolder as A1111 keeps them. */
public enum ModelKind {
    /** A diffusers ONNX export folder, or a single-file checkpoint, under {@code stable-diffusion/}. */
    STABLE_DIFFUSION("stable-diffusion"),
    /** ESRGAN-family {@code .onnx} upscalers. */
    UPSCALER("upscalers"),
    /** GFPGAN / CodeFormer {@code .onnx} face restorers. */
    FACE_RESTORER("face-restorers"),
    /** YuNet-style {@code .onnx} face detectors. */
    FACE_DETECTOR("face-detectors"),
    /** Textual-inversion embeddings ({@code .safetensors}). */
    EMBEDDING("embeddings");

    private final String folder;

    ModelKind(String folder) {
        this.folder = folder;
    }

    /** The store subfolder this kind lives in. */
    public String folder() { return folder; }

    /** The name used in JSON ({@code stable_diffusion}, {@code upscaler}, ...). */
    public String jsonName() { return name().toLowerCase(Locale.ROOT); }

    public static ModelKind fromJson(String s) {
        for (ModelKind k : values()) {
            if (k.jsonName().equals(s) || k.folder.equals(s)) return k;
        }
        throw new IllegalArgumentException("unknown model kind '" + s + "'");
    }
}

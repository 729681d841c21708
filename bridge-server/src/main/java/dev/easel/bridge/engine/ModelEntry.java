package dev.easel.bridge.engine;

/**
 * An installed Stable Diffusion model as A1111's /sd-models lists it.
 *
 * @param title      what clients send back in {@code sd_model_checkpoint}
 * @param modelName  the plain name
 * @param hash       A1111's short hash (first 10 hex digits of the SHA-256), or null when unknown
 * @param sha256     full SHA-256, or null when unknown
 * @param filename   the model's name inside the store (never an absolute path)
 * @param inpainting true for a 9-channel inpainting UNet
 */
public record ModelEntry(String title, String modelName, String hash, String sha256, String filename,
                         boolean inpainting) {

    /** True when {@code name} is this model's title or name (A1111 accepts either). */
    public boolean matches(String name) {
        return name != null && (name.equals(title) || name.equals(modelName) || name.equals(filename));
    }
}

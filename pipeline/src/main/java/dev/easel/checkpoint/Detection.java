package dev.easel.checkpoint;

/**
 * What a checkpoint file holds.
 *
 * @param family          the family, from key names and shapes
 * @param unetInChannels  the UNet's input channels (4 ordinary, 9 inpainting), or 0 without a UNet
 * @param contextDim      the width of the text conditioning the UNet's cross-attention expects, or 0
 * @param problem         null when Easel can load the file; otherwise what is wrong and what to do
 */
public record Detection(ModelFamily family, int unetInChannels, int contextDim, String problem) {

    public boolean loadable() { return problem == null; }

    public boolean inpainting() { return unetInChannels == 9; }

    /** "Stable Diffusion 1.x", "Stable Diffusion 1.x inpainting", ... */
    public String description() {
        return family.displayName() + (inpainting() ? " inpainting" : "");
    }

    /** Throws an {@link IllegalArgumentException} carrying {@link #problem()} unless loadable. */
    public Detection requireLoadable(String fileName) {
        if (!loadable()) throw new IllegalArgumentException(fileName + ": " + problem);
        return this;
    }
}

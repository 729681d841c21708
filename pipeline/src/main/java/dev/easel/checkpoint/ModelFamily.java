package dev.easel.checkpoint;

/** The model families a checkpoint file may hold, as far as Easel tells them apart. */
public enum ModelFamily {
    SD1("Stable Diffusion 1.x", true),
    SD2("Stable Diffusion 2.x", false),
    SDXL("Stable Diffusion XL", false),
    SDXL_REFINER("Stable Diffusion XL refiner", false),
    SD3("Stable Diffusion 3", false),
    FLUX("FLUX", false),
    UNKNOWN("unknown model", false);

    private final String displayName;
    private final boolean supported;

    ModelFamily(String displayName, boolean supported) {
        this.displayName = displayName;
        this.supported = supported;
    }

    public String displayName() { return displayName; }

    /** Whether Easel can build graphs for this family today. */
    public boolean supported() { return supported; }
}

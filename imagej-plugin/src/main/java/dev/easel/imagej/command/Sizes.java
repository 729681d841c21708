package dev.easel.imagej.command;

/** Generation sizes: Stable Diffusion works on multiples of 8 (the VAE's downscale factor). */
final class Sizes {

    /** The smallest size A1111 accepts. */
    static final int MIN = 64;

    private Sizes() { }

    /** {@code n} rounded to the nearest multiple of 8, at least {@link #MIN}. */
    static int multipleOf8(int n) {
        return Math.max(MIN, (int) Math.round(n / 8.0) * 8);
    }
}

package dev.easel.bridge.a1111;

/** Ranges the bridge accepts for generation fields; values outside are a 422 naming the field. */
public final class Limits {
    private Limits() { }

    /** A1111's UI slider maximum for sampling steps. */
    public static final int MAX_STEPS = 150;
    /** Smallest image side: one 8x8 latent per 64 px is the least an SD VAE handles sensibly. */
    public static final int MIN_SIDE = 64;
    /** Largest image side (A1111's UI slider maximum is 2048; the pixel limit still applies). */
    public static final int MAX_SIDE = 4096;
    /** A1111's UI maximum batch size. */
    public static final int MAX_BATCH_SIZE = 8;
    /** A1111's UI maximum batch count. */
    public static final int MAX_BATCH_COUNT = 100;
    public static final double MAX_CFG = 100;
    /** A1111's UI maximum mask blur. */
    public static final int MAX_MASK_BLUR = 64;
    /** A1111's UI maximum "only masked" padding. */
    public static final int MAX_PADDING = 256;
    public static final int MAX_OUTPAINT = 2048;
    public static final int MAX_LOOPBACK_ROUNDS = 32;
    /** -1 means random; A1111 takes any non-negative integer as a seed. */
    public static final long MIN_SEED = -1;
    public static final double MAX_UPSCALE = 8;
}

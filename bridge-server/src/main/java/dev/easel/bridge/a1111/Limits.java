package dev.easel.bridge.a1111;

import dev.easel.generate.RequestValidator;

/**
 * Ranges the bridge accepts for generation fields; values outside are a 422 naming the field. The
 * pipeline's validator owns the numbers, so a request the bridge accepts is one it can run.
 */
public final class Limits {
    private Limits() { }

    public static final int MAX_STEPS = RequestValidator.MAX_STEPS;
    public static final int MIN_SIDE = RequestValidator.MIN_SIZE;
    public static final int MAX_SIDE = RequestValidator.MAX_SIZE;
    public static final int MAX_BATCH_SIZE = RequestValidator.MAX_BATCH_SIZE;
    public static final int MAX_BATCH_COUNT = RequestValidator.MAX_BATCH_COUNT;
    public static final double MAX_CFG = RequestValidator.MAX_CFG;
    public static final int MAX_MASK_BLUR = RequestValidator.MAX_MASK_BLUR;
    public static final int MAX_PADDING = RequestValidator.MAX_PADDING;
    public static final int MAX_OUTPAINT = RequestValidator.MAX_OUTPAINT;
    public static final int MAX_LOOPBACK_ROUNDS = RequestValidator.MAX_LOOPBACK_ROUNDS;
    /** -1 means random; A1111 takes any non-negative integer as a seed. */
    public static final long MIN_SEED = -1;
    /** Extras and hires fix scale factors (A1111's extras slider goes to 8). */
    public static final double MAX_UPSCALE = 8;
}

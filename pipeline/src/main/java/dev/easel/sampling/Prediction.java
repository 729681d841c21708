package dev.easel.sampling;

import java.util.Locale;

/** What the UNet predicts: the noise (SD 1.x) or the "velocity" v (SD 2.x 768-v models). */
public enum Prediction {
    EPSILON,
    V_PREDICTION;

    /** Parses diffusers' {@code prediction_type} ({@code epsilon}, {@code v_prediction}); null means epsilon. */
    public static Prediction parse(String value) {
        if (value == null || value.isBlank()) return EPSILON;
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "epsilon" -> EPSILON;
            case "v_prediction", "v" -> V_PREDICTION;
            default -> throw new IllegalArgumentException("unsupported prediction_type '" + value
                    + "' in scheduler_config.json, expected 'epsilon' or 'v_prediction'");
        };
    }
}

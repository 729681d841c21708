package dev.easel.sampling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A model's discrete noise schedule as A1111 uses it: {@code alphas_cumprod} computed from the betas in
 * float64 (ldm's {@code register_schedule}) and stored as float32, and k-diffusion's sigma table
 * {@code sqrt((1 - ac) / ac)} in float32, ascending with the timestep. Sigma and timestep convert by
 * linear interpolation in log-sigma ({@code DiscreteSchedule.sigma_to_t / t_to_sigma}).
 */
public final class NoiseSchedule {
    /** SD 1.x training schedule ({@code configs/v1-inference.yaml}; diffusers {@code scaled_linear}). */
    public static final double SD1_BETA_START = 0.00085;
    public static final double SD1_BETA_END = 0.012;
    public static final int SD1_TRAIN_TIMESTEPS = 1000;

    private final float[] alphasCumprod;
    private final float[] sigmas;
    private final float[] logSigmas;
    private final Prediction prediction;

    private NoiseSchedule(float[] alphasCumprod, Prediction prediction) {
        if (alphasCumprod.length < 2) throw new IllegalArgumentException("a noise schedule needs at least 2 timesteps");
        this.alphasCumprod = alphasCumprod;
        this.prediction = prediction;
        this.sigmas = new float[alphasCumprod.length];
        this.logSigmas = new float[alphasCumprod.length];
        for (int i = 0; i < alphasCumprod.length; i++) {
            float ac = alphasCumprod[i];
            if (!(ac > 0 && ac < 1)) throw new IllegalArgumentException("alphas_cumprod[" + i + "] = " + ac + " is outside (0, 1)");
            sigmas[i] = (float) Math.sqrt((1f - ac) / ac);
            logSigmas[i] = (float) Math.log(sigmas[i]);
        }
    }

    /** The SD 1.x schedule (scaled_linear 0.00085..0.012 over 1000 steps), epsilon prediction. */
    public static NoiseSchedule sd1() {
        return fromBetas(Betas.scaledLinear(SD1_BETA_START, SD1_BETA_END, SD1_TRAIN_TIMESTEPS), Prediction.EPSILON);
    }

    /** {@code alphas_cumprod = cumprod(1 - betas)} in float64, stored as float32 (as ldm does). */
    public static NoiseSchedule fromBetas(double[] betas, Prediction prediction) {
        float[] ac = new float[betas.length];
        double prod = 1;
        for (int i = 0; i < betas.length; i++) {
            prod *= 1 - betas[i];
            ac[i] = (float) prod;
        }
        return new NoiseSchedule(ac, prediction);
    }

    /** A schedule from an already computed float32 {@code alphas_cumprod} table. */
    public static NoiseSchedule fromAlphasCumprod(float[] alphasCumprod, Prediction prediction) {
        return new NoiseSchedule(alphasCumprod.clone(), prediction);
    }

    /**
     * Reads a diffusers {@code scheduler_config.json} ({@code beta_start}, {@code beta_end},
     * {@code beta_schedule}, {@code num_train_timesteps}, {@code trained_betas}, {@code prediction_type});
     * a missing file or missing keys give the SD 1.x values.
     */
    public static NoiseSchedule fromSchedulerConfig(Path file) {
        if (file == null || !Files.isRegularFile(file)) return sd1();
        try {
            return fromSchedulerConfig(new ObjectMapper().readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read scheduler config " + file + ": " + e.getMessage(), e);
        }
    }

    /** As {@link #fromSchedulerConfig(Path)}, from the parsed JSON. */
    public static NoiseSchedule fromSchedulerConfig(JsonNode config) {
        Prediction prediction = Prediction.parse(text(config, "prediction_type", null));
        JsonNode trained = config.get("trained_betas");
        if (trained != null && trained.isArray() && trained.size() > 0) {
            double[] betas = new double[trained.size()];
            for (int i = 0; i < betas.length; i++) betas[i] = trained.get(i).asDouble();
            return fromBetas(betas, prediction);
        }
        double start = number(config, "beta_start", SD1_BETA_START);
        double end = number(config, "beta_end", SD1_BETA_END);
        int n = (int) number(config, "num_train_timesteps", SD1_TRAIN_TIMESTEPS);
        String kind = text(config, "beta_schedule", "scaled_linear").toLowerCase(Locale.ROOT);
        double[] betas = switch (kind) {
            case "scaled_linear" -> Betas.scaledLinear(start, end, n);
            case "linear" -> Betas.linear(start, end, n);
            case "squaredcos_cap_v2" -> Betas.squaredCosCapV2(n);
            default -> throw new IllegalArgumentException("unsupported beta_schedule '" + kind
                    + "' in scheduler_config.json, expected scaled_linear, linear or squaredcos_cap_v2");
        };
        return fromBetas(betas, prediction);
    }

    private static double number(JsonNode config, String key, double fallback) {
        JsonNode v = config.get(key);
        return v == null || v.isNull() ? fallback : v.asDouble();
    }

    private static String text(JsonNode config, String key, String fallback) {
        JsonNode v = config.get(key);
        return v == null || v.isNull() ? fallback : v.asText();
    }

    public Prediction prediction() { return prediction; }

    /** Number of training timesteps (1000 for SD). */
    public int size() { return sigmas.length; }

    public double alphaCumprod(int t) { return alphasCumprod[t]; }

    /** The sigma of training timestep {@code t}, float32 as k-diffusion stores it. */
    public double sigma(int t) { return sigmas[t]; }

    public double sigmaMin() { return sigmas[0]; }

    public double sigmaMax() { return sigmas[sigmas.length - 1]; }

    /**
     * The fractional timestep of {@code sigma} by log-sigma interpolation between the two neighbouring
     * table entries, clamped to {@code [0, size-1]} (k-diffusion {@code sigma_to_t}, quantize off).
     */
    public double sigmaToT(double sigma) {
        float logSigma = (float) Math.log(sigma);
        int low = 0;
        for (int i = 0; i < logSigmas.length; i++) {
            if (logSigma - logSigmas[i] >= 0) low = i;
        }
        low = Math.min(low, logSigmas.length - 2);
        int high = low + 1;
        float lo = logSigmas[low], hi = logSigmas[high];
        float w = (lo - logSigma) / (lo - hi);
        w = Math.max(0f, Math.min(1f, w));
        return (1 - w) * low + w * high;
    }

    /** {@code exp} of the log-sigma interpolated at fractional timestep {@code t} (k-diffusion {@code t_to_sigma}). */
    public double tToSigma(double t) {
        float tf = (float) t;
        int low = (int) Math.floor(tf);
        int high = (int) Math.ceil(tf);
        float w = tf - low;
        float logSigma = (1 - w) * logSigmas[low] + w * logSigmas[high];
        return (float) Math.exp(logSigma);
    }
}

package dev.easel.sampling;

/**
 * A1111's schedule settings ({@code sigma_min}, {@code sigma_max}, {@code rho}, {@code beta_dist_alpha},
 * {@code beta_dist_beta}); 0 for sigma and rho means "the model's / the schedule's own value".
 */
public record ScheduleOptions(double sigmaMin, double sigmaMax, double rho, double betaAlpha, double betaBeta) {
    /** A1111's defaults ({@code shared_options.py}: beta distribution alpha = beta = 0.6). */
    public static final ScheduleOptions DEFAULT = new ScheduleOptions(0, 0, 0, 0.6, 0.6);

    public ScheduleOptions {
        if (sigmaMin < 0 || sigmaMax < 0 || rho < 0 || !(betaAlpha > 0) || !(betaBeta > 0)) {
            throw new IllegalArgumentException("schedule options must be non-negative (beta alpha and beta positive), got "
                    + sigmaMin + ", " + sigmaMax + ", " + rho + ", " + betaAlpha + ", " + betaBeta);
        }
    }
}

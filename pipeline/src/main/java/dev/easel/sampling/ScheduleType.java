package dev.easel.sampling;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A1111's schedule types ({@code sd_schedulers.py}), in A1111's order. Each computes {@code n} sampler
 * steps' worth of sigmas from a model's {@link NoiseSchedule}; {@link #AUTOMATIC} means the sampler's
 * own default (see {@link SamplerInfo#defaultSchedule()}).
 */
public enum ScheduleType {
    AUTOMATIC("automatic", "Automatic", -1, false),
    UNIFORM("uniform", "Uniform", -1, true),
    KARRAS("karras", "Karras", Sigmas.KARRAS_RHO, false),
    EXPONENTIAL("exponential", "Exponential", -1, false),
    POLYEXPONENTIAL("polyexponential", "Polyexponential", 1.0, false),
    SGM_UNIFORM("sgm_uniform", "SGM Uniform", -1, true, "SGMUniform"),
    KL_OPTIMAL("kl_optimal", "KL Optimal", -1, false),
    ALIGN_YOUR_STEPS("align_your_steps", "Align Your Steps", -1, false),
    SIMPLE("simple", "Simple", -1, true),
    NORMAL("normal", "Normal", -1, true),
    DDIM("ddim", "DDIM", -1, true),
    BETA("beta", "Beta", -1, true);

    /** NVIDIA's Align Your Steps sigmas for SD 1.5 (11 values, A1111 {@code get_align_your_steps_sigmas}). */
    private static final double[] AYS_SD15 = {14.615, 6.475, 3.861, 2.697, 1.886, 1.396, 0.963, 0.652, 0.399, 0.152, 0.029};

    private final String id;
    private final String label;
    private final double defaultRho;
    private final boolean needsModel;
    private final List<String> aliases;

    ScheduleType(String id, String label, double defaultRho, boolean needsModel, String... aliases) {
        this.id = id;
        this.label = label;
        this.defaultRho = defaultRho;
        this.needsModel = needsModel;
        this.aliases = List.of(aliases);
    }

    /** A1111's internal name ({@code karras}), as {@code /sdapi/v1/schedulers} lists it under {@code name}. */
    public String id() { return id; }

    /** The label users see and the infotext's {@code Schedule type} ({@code Karras}). */
    public String label() { return label; }

    public List<String> aliases() { return aliases; }

    /** The rho this schedule uses when none is set, or -1 when it has none. */
    public double defaultRho() { return defaultRho; }

    /** Whether the schedule reads the model's sigma table (A1111's {@code need_inner_model}). */
    public boolean needsModel() { return needsModel; }

    /**
     * Finds a schedule by id, label or alias, case-insensitively; null or blank is {@link #AUTOMATIC}.
     *
     * @throws IllegalArgumentException listing the valid labels
     */
    public static ScheduleType byName(String name) {
        if (name == null || name.isBlank()) return AUTOMATIC;
        ScheduleType t = find(name);
        if (t == null) {
            throw new IllegalArgumentException("unknown schedule type '" + name + "', expected one of " + labels());
        }
        return t;
    }

    /** As {@link #byName} but null when unknown. */
    public static ScheduleType find(String name) {
        if (name == null) return null;
        String key = name.trim().toLowerCase(Locale.ROOT);
        for (ScheduleType t : values()) {
            if (t.id.equals(key) || t.label.toLowerCase(Locale.ROOT).equals(key)) return t;
            for (String a : t.aliases) if (a.toLowerCase(Locale.ROOT).equals(key)) return t;
        }
        return null;
    }

    public static List<String> labels() {
        List<String> out = new ArrayList<>();
        for (ScheduleType t : values()) out.add(t.label);
        return out;
    }

    /**
     * The sigma list for {@code n} steps: usually {@code n + 1} values ending in 0. Exceptions reproduced
     * from A1111: {@link #KL_OPTIMAL} ends at sigma_min instead of 0, and {@link #DDIM} gives
     * {@code ceil(size / (size / n))} steps, which can exceed {@code n}.
     *
     * @throws IllegalArgumentException for {@link #AUTOMATIC} (resolve it against the sampler first) or n &lt; 1
     */
    public double[] sigmas(int n, NoiseSchedule model, ScheduleOptions options) {
        if (n < 1) throw new IllegalArgumentException("steps must be at least 1, got " + n);
        double sigmaMin = options.sigmaMin() != 0 ? options.sigmaMin() : model.sigmaMin();
        double sigmaMax = options.sigmaMax() != 0 ? options.sigmaMax() : model.sigmaMax();
        double rho = defaultRho != -1 && options.rho() != 0 ? options.rho() : defaultRho;
        return switch (this) {
            case AUTOMATIC -> throw new IllegalArgumentException("resolve the Automatic schedule against the sampler first");
            case UNIFORM -> uniform(n, model);
            case KARRAS -> Sigmas.karras(n, sigmaMin, sigmaMax, rho);
            case EXPONENTIAL -> Sigmas.exponential(n, sigmaMin, sigmaMax);
            case POLYEXPONENTIAL -> Sigmas.polyexponential(n, sigmaMin, sigmaMax, rho);
            case SGM_UNIFORM -> timeUniform(n, model, sigmaMin, sigmaMax, true);
            case NORMAL -> timeUniform(n, model, sigmaMin, sigmaMax, false);
            case KL_OPTIMAL -> klOptimal(n, sigmaMin, sigmaMax);
            case ALIGN_YOUR_STEPS -> alignYourSteps(n);
            case SIMPLE -> simple(n, model);
            case DDIM -> ddim(n, model);
            case BETA -> beta(n, sigmaMin, sigmaMax, options.betaAlpha(), options.betaBeta());
        };
    }

    /** k-diffusion {@code get_sigmas}: timesteps {@code linspace(size-1, 0, n)} to sigma, then 0. */
    static double[] uniform(int n, NoiseSchedule model) {
        double[] t = Sigmas.linspaceF32(model.size() - 1, 0, n);
        double[] out = new double[n + 1];
        for (int i = 0; i < n; i++) out[i] = model.tToSigma(t[i]);
        return out;
    }

    /** {@code normal_scheduler} (and {@code sgm_uniform}, which drops the last of n+1 timesteps). */
    private static double[] timeUniform(int n, NoiseSchedule model, double sigmaMin, double sigmaMax, boolean sgm) {
        double start = model.sigmaToT((float) sigmaMax);
        double end = model.sigmaToT((float) sigmaMin);
        double[] t = Sigmas.linspaceF32(start, end, sgm ? n + 1 : n);
        double[] out = new double[n + 1];
        for (int i = 0; i < n; i++) out[i] = model.tToSigma(t[i]);
        return out;
    }

    private static double[] klOptimal(int n, double sigmaMin, double sigmaMax) {
        float alphaMin = (float) Math.atan((float) sigmaMin);
        float alphaMax = (float) Math.atan((float) sigmaMax);
        double[] out = new double[n + 1];
        for (int i = 0; i <= n; i++) {
            float f = (float) i / n;
            out[i] = (float) Math.tan(f * alphaMin + (1.0f - f) * alphaMax);
        }
        return out;
    }

    private static double[] alignYourSteps(int n) {
        if (n == AYS_SD15.length) return Sigmas.toFloat32(Sigmas.appendZero(AYS_SD15));
        // Log-linear interpolation of the reversed table at n evenly spaced points (np.interp).
        int m = AYS_SD15.length;
        double[] xs = Sigmas.linspaceNumpy(0, 1, m);
        double[] ys = new double[m];
        for (int i = 0; i < m; i++) ys[i] = Math.log(AYS_SD15[m - 1 - i]);
        double[] nx = Sigmas.linspaceNumpy(0, 1, n);
        double[] out = new double[n + 1];
        for (int i = 0; i < n; i++) out[n - 1 - i] = Math.exp(interp(nx[i], xs, ys));
        return Sigmas.toFloat32(out);
    }

    /** numpy {@code interp} for ascending {@code xs}, clamped at the ends. */
    static double interp(double x, double[] xs, double[] ys) {
        if (x <= xs[0]) return ys[0];
        if (x >= xs[xs.length - 1]) return ys[ys.length - 1];
        int j = Arrays.binarySearch(xs, x);
        if (j >= 0) return ys[j];
        int hi = -j - 1, lo = hi - 1;
        double slope = (ys[hi] - ys[lo]) / (xs[hi] - xs[lo]);
        return slope * (x - xs[lo]) + ys[lo];
    }

    private static double[] simple(int n, NoiseSchedule model) {
        int size = model.size();
        double ss = (double) size / n;
        double[] out = new double[n + 1];
        for (int x = 0; x < n; x++) out[x] = model.sigma(size - 1 - (int) (x * ss));
        return out;
    }

    private static double[] ddim(int n, NoiseSchedule model) {
        int size = model.size();
        int ss = Math.max(size / n, 1);
        List<Double> sigs = new ArrayList<>();
        for (int x = 1; x < size; x += ss) sigs.add(model.sigma(x));
        double[] out = new double[sigs.size() + 1];
        for (int i = 0; i < sigs.size(); i++) out[i] = sigs.get(sigs.size() - 1 - i);
        return out;
    }

    private static double[] beta(int n, double sigmaMin, double sigmaMax, double alpha, double beta) {
        double[] lin = Sigmas.linspaceNumpy(0, 1, n);
        double[] out = new double[n + 1];
        for (int i = 0; i < n; i++) {
            double x = BetaDistribution.ppf(1 - lin[i], alpha, beta);
            out[i] = (float) (sigmaMin + x * (sigmaMax - sigmaMin));
        }
        return out;
    }
}

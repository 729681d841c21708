package dev.easel.sampling;

/**
 * The quantile function of the Beta(alpha, beta) distribution, for the "Beta" schedule
 * (A1111 uses {@code scipy.stats.beta.ppf}). Computed by bisection on the regularized incomplete beta
 * function, to double precision; the schedule then rounds to float32.
 */
final class BetaDistribution {
    private static final int BISECTION_STEPS = 200;
    private static final int MAX_FRACTION_TERMS = 10_000;
    private static final double FRACTION_EPS = 1e-16;
    private static final double TINY = 1e-300;
    /** Lanczos approximation, g = 7, 9 terms (Godfrey's coefficients): ~15 significant digits. */
    private static final double LANCZOS_G = 7;
    private static final double[] LANCZOS = {
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
        -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
        1.5056327351493116e-7};

    private BetaDistribution() { }

    /** The x with {@code P(X <= x) = p}; 0 for p &lt;= 0 and 1 for p &gt;= 1. */
    static double ppf(double p, double alpha, double beta) {
        if (p <= 0) return 0;
        if (p >= 1) return 1;
        double lo = 0, hi = 1;
        for (int i = 0; i < BISECTION_STEPS && hi - lo > 0; i++) {
            double mid = 0.5 * (lo + hi);
            if (mid == lo || mid == hi) break;
            if (cdf(mid, alpha, beta) < p) lo = mid;
            else hi = mid;
        }
        return 0.5 * (lo + hi);
    }

    /** The regularized incomplete beta function {@code I_x(alpha, beta)}. */
    static double cdf(double x, double a, double b) {
        if (x <= 0) return 0;
        if (x >= 1) return 1;
        double front = Math.exp(a * Math.log(x) + b * Math.log1p(-x) - logBeta(a, b));
        if (x < (a + 1) / (a + b + 2)) return front * continuedFraction(x, a, b) / a;
        return 1 - front * continuedFraction(1 - x, b, a) / b;
    }

    /** Modified Lentz evaluation of the incomplete beta continued fraction. */
    private static double continuedFraction(double x, double a, double b) {
        double qab = a + b, qap = a + 1, qam = a - 1;
        double c = 1, d = 1 - qab * x / qap;
        if (Math.abs(d) < TINY) d = TINY;
        d = 1 / d;
        double h = d;
        for (int m = 1; m <= MAX_FRACTION_TERMS; m++) {
            int m2 = 2 * m;
            double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
            d = 1 + aa * d;
            if (Math.abs(d) < TINY) d = TINY;
            c = 1 + aa / c;
            if (Math.abs(c) < TINY) c = TINY;
            d = 1 / d;
            h *= d * c;
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
            d = 1 + aa * d;
            if (Math.abs(d) < TINY) d = TINY;
            c = 1 + aa / c;
            if (Math.abs(c) < TINY) c = TINY;
            d = 1 / d;
            double del = d * c;
            h *= del;
            if (Math.abs(del - 1) < FRACTION_EPS) break;
        }
        return h;
    }

    private static double logBeta(double a, double b) {
        return logGamma(a) + logGamma(b) - logGamma(a + b);
    }

    static double logGamma(double x) {
        if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
        x -= 1;
        double sum = LANCZOS[0];
        double t = x + LANCZOS_G + 0.5;
        for (int i = 1; i < LANCZOS.length; i++) sum += LANCZOS[i] / (x + i);
        return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(sum);
    }
}

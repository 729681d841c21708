package dev.easel.faces;

/**
 * A 2-D similarity transform (rotation, uniform scale, translation; no reflection):
 * {@code x' = a x - b y + tx}, {@code y' = b x + a y + ty}. Coordinates are pixel indices (a pixel's
 * centre is at its integer coordinates), as OpenCV's {@code warpAffine} uses them.
 */
public record Similarity(double a, double b, double tx, double ty) {

    /**
     * The least-squares similarity taking {@code from} onto {@code to} (closed form, the 4-DoF fit
     * that {@code cv2.estimateAffinePartial2D} makes; with five good landmarks no robust step is needed).
     *
     * @param from points as x0, y0, x1, y1, ...
     * @param to   the same number of points
     */
    public static Similarity fit(double[] from, double[] to) {
        if (from.length != to.length || from.length < 4 || from.length % 2 != 0) {
            throw new IllegalArgumentException("need two equal lists of at least 2 points, got "
                    + from.length / 2 + " and " + to.length / 2);
        }
        int n = from.length / 2;
        double mfx = 0, mfy = 0, mtx = 0, mty = 0;
        for (int i = 0; i < n; i++) {
            mfx += from[2 * i];
            mfy += from[2 * i + 1];
            mtx += to[2 * i];
            mty += to[2 * i + 1];
        }
        mfx /= n;
        mfy /= n;
        mtx /= n;
        mty /= n;
        double norm = 0, sa = 0, sb = 0;
        for (int i = 0; i < n; i++) {
            double px = from[2 * i] - mfx;
            double py = from[2 * i + 1] - mfy;
            double qx = to[2 * i] - mtx;
            double qy = to[2 * i + 1] - mty;
            norm += px * px + py * py;
            sa += px * qx + py * qy;
            sb += px * qy - py * qx;
        }
        if (norm == 0) throw new IllegalArgumentException("the source points all coincide; no transform fits them");
        double a = sa / norm;
        double b = sb / norm;
        return new Similarity(a, b, mtx - (a * mfx - b * mfy), mty - (b * mfx + a * mfy));
    }

    public double x(double x, double y) { return a * x - b * y + tx; }

    public double y(double x, double y) { return b * x + a * y + ty; }

    /** The image of the points x0, y0, x1, y1, ... */
    public double[] apply(double[] points) {
        double[] out = new double[points.length];
        for (int i = 0; i + 1 < points.length; i += 2) {
            out[i] = x(points[i], points[i + 1]);
            out[i + 1] = y(points[i], points[i + 1]);
        }
        return out;
    }

    /** The uniform scale factor. */
    public double scale() { return Math.hypot(a, b); }

    public Similarity inverse() {
        double d = a * a + b * b;
        if (d == 0) throw new IllegalStateException("a zero-scale transform has no inverse");
        double ia = a / d;
        double ib = -b / d;
        return new Similarity(ia, ib, -(ia * tx - ib * ty), -(ib * tx + ia * ty));
    }
}

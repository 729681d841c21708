package dev.easel.faces;

/**
 * Where GFPGAN and CodeFormer expect the five landmarks on their 512 x 512 input: the FFHQ template
 * of facexlib ({@code face_restoration_helper.py}), in the order eye (image left), eye (image right),
 * nose tip, mouth corner (image left), mouth corner (image right) - YuNet's order too.
 */
public final class FfhqTemplate {
    /** The template's own crop size. */
    public static final int SIZE = 512;

    private static final double[] POINTS_512 = {
            192.98138, 239.94708, 318.90277, 240.1936, 256.63416, 314.01935,
            201.26117, 371.41043, 313.08905, 371.15118};

    private FfhqTemplate() { }

    /** The template for a crop of {@code size} pixels (scaled like facexlib's {@code face_size / 512}). */
    public static double[] points(int size) {
        double[] out = POINTS_512.clone();
        for (int i = 0; i < out.length; i++) out[i] *= size / (double) SIZE;
        return out;
    }
}

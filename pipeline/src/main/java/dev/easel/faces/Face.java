package dev.easel.faces;

import java.util.Arrays;

/**
 * A detected face in image pixel coordinates.
 *
 * @param x         left of the box
 * @param y         top of the box
 * @param width     box width
 * @param height    box height
 * @param score     detector confidence in [0, 1]
 * @param landmarks five points as x0, y0, ... x4, y4 in {@link FfhqTemplate}'s order
 */
public record Face(double x, double y, double width, double height, double score, double[] landmarks) {

    public Face {
        if (landmarks.length != 10) throw new IllegalArgumentException("a face has 5 landmarks (10 values), got " + landmarks.length);
    }

    /** Distance between the two eyes, in pixels. */
    public double eyeDistance() {
        return Math.hypot(landmarks[2] - landmarks[0], landmarks[3] - landmarks[1]);
    }

    /** Intersection over union of the two boxes. */
    public double iou(Face o) {
        double ix = Math.max(0, Math.min(x + width, o.x + o.width) - Math.max(x, o.x));
        double iy = Math.max(0, Math.min(y + height, o.y + o.height) - Math.max(y, o.y));
        double inter = ix * iy;
        double union = width * height + o.width * o.height - inter;
        return union <= 0 ? 0 : inter / union;
    }

    /** This face with box and landmarks mapped by {@code p -> (p + 0.5) / scale - 0.5} (pixel centres kept). */
    public Face unscaled(double scale) {
        double[] l = new double[10];
        for (int i = 0; i < 10; i++) l[i] = (landmarks[i] + 0.5) / scale - 0.5;
        return new Face(x / scale, y / scale, width / scale, height / scale, score, l);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Face f && x == f.x && y == f.y && width == f.width && height == f.height
                && score == f.score && Arrays.equals(landmarks, f.landmarks);
    }

    @Override
    public int hashCode() { return Arrays.hashCode(landmarks); }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "Face[%.1f,%.1f %.1fx%.1f score %.3f]", x, y, width, height, score);
    }
}

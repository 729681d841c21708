package dev.easel.faces;

import dev.easel.upscale.Raster;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SimilarityTest {

    /** Landmarks of a face rotated by 20 degrees, at a quarter of the template's scale, placed at (300, 180). */
    static double[] tiltedLandmarks() {
        double angle = Math.toRadians(20);
        Similarity place = new Similarity(0.25 * Math.cos(angle), 0.25 * Math.sin(angle), 300, 180);
        return place.apply(FfhqTemplate.points(512));
    }

    @Test
    void fitRecoversAKnownTransformExactly() {
        Similarity known = new Similarity(1.7, -0.4, 12.5, -30.25);
        double[] from = {10, 20, 55, 21, 33, 50, 15, 70, 50, 71};
        Similarity fit = Similarity.fit(from, known.apply(from));
        assertEquals(known.a(), fit.a(), 1e-12);
        assertEquals(known.b(), fit.b(), 1e-12);
        assertEquals(known.tx(), fit.tx(), 1e-10);
        assertEquals(known.ty(), fit.ty(), 1e-10);
    }

    @Test
    void noisyLandmarksGiveTheLeastSquaresFit() {
        double[] template = FfhqTemplate.points(512);
        double[] noisy = tiltedLandmarks();
        noisy[0] += 1.5;
        noisy[7] -= 2.0;
        Similarity fit = Similarity.fit(noisy, template);
        // the residual must not shrink when the transform is perturbed in any of its 4 parameters
        double best = residual(fit, noisy, template);
        double[] d = {1e-4, -1e-4};
        for (double e : d) {
            assertEquals(true, best <= residual(new Similarity(fit.a() + e, fit.b(), fit.tx(), fit.ty()), noisy, template));
            assertEquals(true, best <= residual(new Similarity(fit.a(), fit.b() + e, fit.tx(), fit.ty()), noisy, template));
            assertEquals(true, best <= residual(new Similarity(fit.a(), fit.b(), fit.tx() + e, fit.ty()), noisy, template));
            assertEquals(true, best <= residual(new Similarity(fit.a(), fit.b(), fit.tx(), fit.ty() + e), noisy, template));
        }
    }

    private static double residual(Similarity s, double[] from, double[] to) {
        double[] m = s.apply(from);
        double r = 0;
        for (int i = 0; i < m.length; i++) r += (m[i] - to[i]) * (m[i] - to[i]);
        return r;
    }

    @Test
    void alignmentRoundTripReturnsTheLandmarks() {
        double[] landmarks = tiltedLandmarks();
        landmarks[4] += 0.8; // a nose slightly off the template's geometry
        Face face = new Face(250, 130, 100, 100, 0.9, landmarks);
        Similarity toCrop = FaceWarp.alignment(face, 512);
        double[] back = toCrop.inverse().apply(toCrop.apply(landmarks));
        for (int i = 0; i < 10; i++) assertEquals(landmarks[i], back[i], 0.01);
        double[] template = FfhqTemplate.points(512);
        double[] aligned = toCrop.apply(landmarks);
        for (int i = 0; i < 10; i++) assertEquals(template[i], aligned[i], 4 * 0.8, "aligned landmark " + i); // 0.8 px off at 1/4 scale
    }

    @Test
    void warpedImageShowsTheLandmarksAtTheTemplate() {
        double[] landmarks = tiltedLandmarks();
        Raster img = Raster.allocate(500, 400, 3, Raster.Depth.U16);
        for (int y = 0; y < 400; y++) {
            for (int x = 0; x < 500; x++) {
                double v = 0;
                for (int k = 0; k < 5; k++) {
                    double dx = x - landmarks[2 * k];
                    double dy = y - landmarks[2 * k + 1];
                    v += Math.exp(-(dx * dx + dy * dy) / (2 * 1.5 * 1.5));
                }
                for (int c = 0; c < 3; c++) img.set(x, y, c, (float) v);
            }
        }
        Similarity toCrop = FaceWarp.alignment(new Face(0, 0, 1, 1, 1, landmarks), 512);
        float[] crop = FaceWarp.crop(img, toCrop, 512);
        double[] template = FfhqTemplate.points(512);
        for (int k = 0; k < 5; k++) {
            // centroid of the spot within 20 px of the template point (the spot is 6 px wide at 4x)
            double sx = 0, sy = 0, sw = 0;
            int cx = (int) Math.round(template[2 * k]);
            int cy = (int) Math.round(template[2 * k + 1]);
            for (int v = cy - 20; v <= cy + 20; v++) {
                for (int u = cx - 20; u <= cx + 20; u++) {
                    double w = (crop[v * 512 + u] + 1) / 2;
                    sx += w * u;
                    sy += w * v;
                    sw += w;
                }
            }
            assertEquals(template[2 * k], sx / sw, 0.1, "spot " + k + " x");
            assertEquals(template[2 * k + 1], sy / sw, 0.1, "spot " + k + " y");
        }
    }
}

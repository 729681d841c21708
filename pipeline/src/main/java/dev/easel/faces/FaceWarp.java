package dev.easel.faces;

import dev.easel.upscale.PixelAccess;

/** Cutting an aligned face out of an image: the forward half of facexlib's align-restore-paste. */
public final class FaceWarp {
    /** facexlib fills outside the image with (135, 133, 132) BGR; here RGB in [0, 1]. */
    static final float[] BORDER_RGB = {132 / 255f, 133 / 255f, 135 / 255f};

    private FaceWarp() { }

    /** The transform taking the face's landmarks onto the FFHQ template of a {@code size} crop. */
    public static Similarity alignment(Face face, int size) {
        return Similarity.fit(face.landmarks(), FfhqTemplate.points(size));
    }

    /**
     * The {@code size x size} crop {@code toCrop} maps the image onto, bilinear, as a planar RGB
     * {@code [3, size, size]} array in [-1, 1] (the restorers' input range: (v - 0.5) / 0.5).
     */
    public static float[] crop(PixelAccess image, Similarity toCrop, int size) {
        Similarity back = toCrop.inverse();
        int plane = size * size;
        float[] out = new float[3 * plane];
        float[] rgb = new float[3];
        for (int v = 0; v < size; v++) {
            for (int u = 0; u < size; u++) {
                Sampling.bilinear(image, back.x(u, v), back.y(u, v), rgb, BORDER_RGB);
                int i = v * size + u;
                out[i] = rgb[0] * 2 - 1;
                out[plane + i] = rgb[1] * 2 - 1;
                out[2 * plane + i] = rgb[2] * 2 - 1;
            }
        }
        return out;
    }
}

package dev.easel.faces;

import dev.easel.image.FloatImage;
import dev.easel.upscale.Monitor;
import dev.easel.upscale.PixelAccess;
import dev.easel.upscale.Raster;

import java.util.List;

/**
 * Restores faces (GFPGAN, CodeFormer): every face found is aligned to the model's template,
 * restored and pasted back with a feathered mask. PixelAccess away from every face are left exactly as
 * they were, and an image without faces comes back unchanged. Implementations hold models and must
 * be closed; one restoration at a time.
 */
public interface FaceRestorer extends AutoCloseable {

    /** A1111's {@code code_former_weight} default (modules/shared_options.py): 0 = strongest effect, 1 = weakest. */
    double DEFAULT_CODEFORMER_WEIGHT = 0.5;

    /** The name A1111 lists ("GFPGAN", "CodeFormer") or the model file's name. */
    String name();

    /** True when the model takes a fidelity weight (CodeFormer). */
    boolean takesWeight();

    /**
     * Restores every face of {@code image} in place.
     *
     * @param visibility how much of the restored face shows, 0..1 (A1111's {@code gfpgan_visibility} /
     *                   {@code codeformer_visibility}); 1 on generation
     * @param weight     CodeFormer's fidelity weight, 0..1; ignored by models without one
     * @return the faces restored, in image coordinates
     * @throws java.util.concurrent.CancellationException when the monitor asks to stop (between faces)
     */
    List<Face> restoreInPlace(PixelAccess image, double visibility, double weight, Monitor monitor);

    /** Restores a copy of {@code image}; the info says how many faces were restored ("0 faces" for none). */
    default FaceRestoration restore(Raster image, double visibility, double weight, Monitor monitor) {
        Raster copy = image.copy();
        List<Face> faces = restoreInPlace(copy, visibility, weight, monitor);
        return new FaceRestoration(copy, faces, FaceRestoration.info(name(), faces.size()));
    }

    /** Restores a copy of a float image ({@code restore_faces} on generation: full visibility). */
    default FloatImage restore(FloatImage image, double weight, Monitor monitor) {
        FloatImage copy = image.copy();
        restoreInPlace(PixelAccess.of(copy), 1.0, weight, monitor);
        return copy;
    }

    /** Aborts a model call in flight. */
    default void interrupt() { }

    @Override
    default void close() { }
}

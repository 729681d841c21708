package dev.easel.generate;

import dev.easel.faces.FaceRestorer;
import dev.easel.image.FloatImage;
import dev.easel.upscale.Monitor;

/**
 * Face restoration applied to each decoded image when a request sets {@code restore_faces}
 * (A1111 restores right after decoding, before the inpainting composite).
 */
@FunctionalInterface
public interface FaceRestoreStep {
    /**
     * @param image  RGB in [0, 1]; not modified
     * @param model  the request's {@code face_restoration_model} (CodeFormer, GFPGAN)
     * @param weight CodeFormer's fidelity weight
     * @return the restored image, same size
     */
    FloatImage restore(FloatImage image, String model, double weight, Control control);

    /** A face restorer model as the generation step; an interrupt stops it between faces. */
    static FaceRestoreStep of(FaceRestorer restorer) {
        return (image, model, weight, control) -> restorer.restore(image, weight, Monitor.of(control, (done, total) -> { }));
    }
}

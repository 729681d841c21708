package dev.easel.faces;

import dev.easel.upscale.Raster;

import java.util.List;

/**
 * The outcome of restoring faces in one image.
 *
 * @param image the restored copy (unchanged pixels when no face was found)
 * @param faces the faces restored
 * @param info  a one-line account such as "CodeFormer: 2 faces" or "GFPGAN: 0 faces"
 */
public record FaceRestoration(Raster image, List<Face> faces, String info) {

    public FaceRestoration {
        faces = List.copyOf(faces);
    }

    static String info(String restorer, int faces) {
        return restorer + ": " + faces + (faces == 1 ? " face" : " faces");
    }
}

package dev.easel.faces;

import java.nio.file.Path;

/**
 * One entry of the face-restorer list, in the shape of A1111's {@code /sdapi/v1/face-restorers} items.
 *
 * @param name   "GFPGAN", "CodeFormer", or another model's file name
 * @param cmdDir the folder the model is in (A1111's {@code cmd_dir})
 * @param path   the model file
 */
public record FaceRestorerInfo(String name, Path cmdDir, Path path) {
}

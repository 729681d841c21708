package dev.easel.image;

import java.util.Map;

/**
 * An image read from a file with its embedded texts.
 *
 * @param image  the pixels (1 grey, 2 grey+alpha, 3 RGB, 4 RGBA channels)
 * @param texts  PNG text chunks, or for JPEG the EXIF user comment under {@code "parameters"}
 * @param format {@code "png"} or {@code "jpeg"} (or the reader's name for other formats)
 */
public record DecodedImage(FloatImage image, Map<String, String> texts, String format) {
}

package dev.easel.upscale;

/**
 * One processed image and A1111's postprocessing info line (its {@code html_info}), e.g.
 * {@code Postprocess upscale by: 2.0, Postprocess upscaler: R-ESRGAN 4x+, GFPGAN visibility: 1.0, GFPGAN: 1 face}.
 */
public record ExtrasResult(Raster image, String info) {
}

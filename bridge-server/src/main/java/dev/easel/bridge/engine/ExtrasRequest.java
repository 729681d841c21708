package dev.easel.bridge.engine;

/**
 * A1111's extras fields ({@code ExtrasBaseRequest}), already validated.
 *
 * @param resizeMode           0 scale by {@code upscalingResize}, 1 to {@code resizeWidth} x {@code resizeHeight}
 * @param upscalingResize      scale factor for mode 0
 * @param crop                 mode 1: crop to fit instead of stretching
 * @param upscaler1            first upscaler name ("None" for none)
 * @param upscaler2            second upscaler, blended in at {@code upscaler2Visibility}
 * @param gfpganVisibility     0..1, 0 skips GFPGAN
 * @param codeformerVisibility 0..1, 0 skips CodeFormer
 * @param codeformerWeight     CodeFormer fidelity 0..1
 * @param upscaleFirst         A1111's legacy flag; A1111 v1.x upscales first regardless, and so does the bridge
 * @param tile                 upscaler tile size (option {@code ESRGAN_tile}), 0 for no tiling
 * @param tileOverlap          tile overlap (option {@code ESRGAN_tile_overlap})
 */
public record ExtrasRequest(int resizeMode, double upscalingResize, int resizeWidth, int resizeHeight, boolean crop,
                            String upscaler1, String upscaler2, double upscaler2Visibility,
                            double gfpganVisibility, double codeformerVisibility, double codeformerWeight,
                            boolean upscaleFirst, int tile, int tileOverlap) {

    /** True when the request would change nothing (A1111 then returns the image as it came). */
    public boolean isNoOp() {
        boolean upscale = !"None".equals(upscaler1) || (!"None".equals(upscaler2) && upscaler2Visibility > 0);
        return !upscale && gfpganVisibility <= 0 && codeformerVisibility <= 0;
    }
}

package dev.easel.upscale;

/**
 * A1111's extras fields ({@code ExtrasBaseRequest}, modules/api/models.py), with its defaults.
 *
 * @param resizeMode                0: scale by {@code upscalingResize}; 1: scale to {@code upscalingResizeW x H}
 * @param upscalingResize           factor for mode 0 (must be above 0)
 * @param upscalingResizeW          target width for mode 1
 * @param upscalingResizeH          target height for mode 1
 * @param upscalingCrop             mode 1: crop (centred) to exactly the target
 * @param upscaler1                 first upscaler's name ("None" skips upscaling)
 * @param upscaler2                 second upscaler, blended over the first
 * @param extrasUpscaler2Visibility weight of the second upscaler's result, 0..1
 * @param gfpganVisibility          GFPGAN's visibility, 0..1 (0 skips it)
 * @param codeformerVisibility      CodeFormer's visibility, 0..1 (0 skips it)
 * @param codeformerWeight          CodeFormer's fidelity, 0 (strongest) .. 1 (weakest)
 * @param upscaleFirst              accepted and ignored, as A1111 ignores it since its postprocessing rework
 */
public record ExtrasRequest(int resizeMode, double upscalingResize, int upscalingResizeW, int upscalingResizeH,
                            boolean upscalingCrop, String upscaler1, String upscaler2, double extrasUpscaler2Visibility,
                            double gfpganVisibility, double codeformerVisibility, double codeformerWeight,
                            boolean upscaleFirst) {

    /** A1111's defaults: x2 with no upscaler and no face restoration (a no-op until fields are set). */
    public static final ExtrasRequest DEFAULTS =
            new ExtrasRequest(0, 2, 512, 512, true, "None", "None", 0, 0, 0, 0, false);

    public ExtrasRequest {
        if (resizeMode != 0 && resizeMode != 1) {
            throw new IllegalArgumentException("resize_mode must be 0 (scale by) or 1 (scale to), got " + resizeMode);
        }
        if (!(upscalingResize > 0) || Double.isInfinite(upscalingResize)) {
            throw new IllegalArgumentException("upscaling_resize must be above 0, got " + upscalingResize);
        }
        if (upscalingResizeW < 1) throw new IllegalArgumentException("upscaling_resize_w must be at least 1, got " + upscalingResizeW);
        if (upscalingResizeH < 1) throw new IllegalArgumentException("upscaling_resize_h must be at least 1, got " + upscalingResizeH);
        unit("extras_upscaler_2_visibility", extrasUpscaler2Visibility);
        unit("gfpgan_visibility", gfpganVisibility);
        unit("codeformer_visibility", codeformerVisibility);
        unit("codeformer_weight", codeformerWeight);
        upscaler1 = upscaler1 == null ? "None" : upscaler1;
        upscaler2 = upscaler2 == null ? "None" : upscaler2;
    }

    private static void unit(String field, double v) {
        if (!(v >= 0 && v <= 1)) throw new IllegalArgumentException(field + " must be between 0 and 1, got " + v);
    }

    public ExtrasRequest withUpscale(String upscaler, double factor) {
        return new ExtrasRequest(0, factor, upscalingResizeW, upscalingResizeH, upscalingCrop, upscaler, upscaler2,
                extrasUpscaler2Visibility, gfpganVisibility, codeformerVisibility, codeformerWeight, upscaleFirst);
    }

    public ExtrasRequest withFaces(double gfpgan, double codeformer, double weight) {
        return new ExtrasRequest(resizeMode, upscalingResize, upscalingResizeW, upscalingResizeH, upscalingCrop, upscaler1,
                upscaler2, extrasUpscaler2Visibility, gfpgan, codeformer, weight, upscaleFirst);
    }
}

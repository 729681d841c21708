package dev.easel.bridge.jobs;

import dev.easel.bridge.engine.ExtrasRequest;
import dev.easel.image.FloatImage;

/** A finished extras job. */
record ExtrasOutcome(ExtrasRequest request, FloatImage image) {

    static String info(ExtrasRequest r) {
        return "Postprocess upscaler: " + r.upscaler1() + ", scale: " + r.upscalingResize()
                + ", GFPGAN: " + r.gfpganVisibility() + ", CodeFormer: " + r.codeformerVisibility();
    }
}

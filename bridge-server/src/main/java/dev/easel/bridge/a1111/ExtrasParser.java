package dev.easel.bridge.a1111;

import dev.easel.bridge.engine.Engine;
import dev.easel.bridge.engine.ExtrasRequest;
import dev.easel.bridge.engine.UpscalerEntry;
import dev.easel.bridge.http.ApiException;
import dev.easel.bridge.http.Fields;

import java.util.List;
import java.util.Map;

/** Reads A1111's extras fields ({@code ExtrasBaseRequest}); unknown upscaler names are a 422 naming the field. */
public final class ExtrasParser {
    /** An extras result may be this many times the input pixel limit (a 4x upscale of a 2048x2048 image). */
    public static final long OUTPUT_PIXEL_FACTOR = 4;
    /** A1111's defaults: scale by 2, or resize to 512x512 in mode 1. */
    static final double DEFAULT_RESIZE = 2;
    static final int DEFAULT_TARGET = 512;

    private ExtrasParser() { }

    public static ExtrasRequest parse(Fields f, Engine engine, Map<String, Object> settings) {
        f.accept("show_extras_results");
        int mode = f.integer("resize_mode", 0, 0, 1);
        double scale = f.number("upscaling_resize", DEFAULT_RESIZE, 1, Limits.MAX_UPSCALE);
        int w = f.integer("upscaling_resize_w", DEFAULT_TARGET, Limits.MIN_SIDE, Limits.MAX_SIDE * 4);
        int h = f.integer("upscaling_resize_h", DEFAULT_TARGET, Limits.MIN_SIDE, Limits.MAX_SIDE * 4);
        boolean crop = f.bool("upscaling_crop", true);
        List<UpscalerEntry> ups = engine.upscalers();
        String u1 = upscaler(f, "upscaler_1", ups);
        String u2 = upscaler(f, "upscaler_2", ups);
        double u2vis = f.number("extras_upscaler_2_visibility", 0, 0, 1);
        double gfpgan = f.number("gfpgan_visibility", 0, 0, 1);
        double codeformer = f.number("codeformer_visibility", 0, 0, 1);
        double weight = f.number("codeformer_weight", 0, 0, 1);
        boolean first = f.bool("upscale_first", false);
        List<String> restorers = engine.faceRestorers();
        if (gfpgan > 0 && !restorers.contains("GFPGAN")) {
            throw ApiException.badField("gfpgan_visibility", "GFPGAN is not installed; download it or set gfpgan_visibility to 0");
        }
        if (codeformer > 0 && !restorers.contains("CodeFormer")) {
            throw ApiException.badField("codeformer_visibility", "CodeFormer is not installed; download it or set codeformer_visibility to 0");
        }
        int tile = ((Number) settings.get("ESRGAN_tile")).intValue();
        int overlap = ((Number) settings.get("ESRGAN_tile_overlap")).intValue();
        return new ExtrasRequest(mode, scale, w, h, crop, u1, u2, u2vis, gfpgan, codeformer, weight, first, tile, overlap);
    }

    /** The output size for an input of {@code w} x {@code h}, checked against the output limit. */
    public static void checkOutput(String field, ExtrasRequest r, int w, int h, long maxPixels) {
        boolean upscale = !"None".equals(r.upscaler1()) || !"None".equals(r.upscaler2());
        if (!upscale) return;
        long out = r.resizeMode() == 1 ? (long) r.resizeWidth() * r.resizeHeight()
                : (long) Math.round(w * r.upscalingResize()) * Math.round(h * r.upscalingResize());
        if (out > maxPixels * OUTPUT_PIXEL_FACTOR) {
            throw ApiException.badField(field, "the upscaled image would have " + out + " pixels, more than the limit of "
                    + maxPixels * OUTPUT_PIXEL_FACTOR + "; use a smaller upscaling_resize");
        }
    }

    private static String upscaler(Fields f, String field, List<UpscalerEntry> ups) {
        String name = f.string(field, "None");
        if (name.equalsIgnoreCase("None")) return "None";
        for (UpscalerEntry u : ups) if (u.name().equalsIgnoreCase(name)) return u.name();
        throw ApiException.badField(field, "unknown upscaler '" + name + "'; installed: "
                + ups.stream().map(UpscalerEntry::name).toList());
    }
}

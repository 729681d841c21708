package dev.easel.upscale;

import dev.easel.faces.FaceRestoration;
import dev.easel.faces.FaceRestorers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A1111's extras ({@code extra-single-image}, {@code extra-batch-images}): upscale, then GFPGAN,
 * then CodeFormer (the postprocessing scripts' order 1000, 2000, 3000), each step skipped when its
 * field leaves it off. Images keep their bit depth and alpha (A1111 converts to 8-bit RGB first;
 * editors want their layer back as it was).
 */
public final class Extras {
    private final Upscalers upscalers;
    private final FaceRestorers restorers;

    public Extras(Upscalers upscalers, FaceRestorers restorers) {
        this.upscalers = upscalers;
        this.restorers = restorers;
    }

    /**
     * Processes one image. Unknown upscalers or restorers fail before any work with a message that
     * lists what is installed.
     *
     * @throws IllegalArgumentException for names not installed
     * @throws java.util.concurrent.CancellationException when the monitor asks to stop
     */
    public ExtrasResult run(ExtrasRequest req, Raster image, Monitor monitor) {
        Upscaler up1 = isNone(req.upscaler1()) ? null : upscalers.get(req.upscaler1());
        Upscaler up2 = isNone(req.upscaler2()) ? null : upscalers.get(req.upscaler2());
        Map<String, String> info = new LinkedHashMap<>();
        Raster img = image;
        if (up1 != null) img = upscale(req, img, up1, up2, info, monitor);
        if (req.gfpganVisibility() > 0) {
            FaceRestoration r = restorers.get(FaceRestorers.GFPGAN).restore(img, req.gfpganVisibility(), 0, monitor);
            img = r.image();
            info.put("GFPGAN visibility", pyFloat(round3(req.gfpganVisibility())));
            info.put("GFPGAN", faces(r.faces().size()));
        }
        if (req.codeformerVisibility() > 0) {
            FaceRestoration r = restorers.get(FaceRestorers.CODEFORMER)
                    .restore(img, req.codeformerVisibility(), req.codeformerWeight(), monitor);
            img = r.image();
            info.put("CodeFormer visibility", pyFloat(round3(req.codeformerVisibility())));
            info.put("CodeFormer weight", pyFloat(round3(req.codeformerWeight())));
            info.put("CodeFormer", faces(r.faces().size()));
        }
        return new ExtrasResult(img, infotext(info));
    }

    /** {@link #run} for each image in turn (extra-batch-images). */
    public List<ExtrasResult> runBatch(ExtrasRequest req, List<Raster> images, Monitor monitor) {
        List<ExtrasResult> out = new ArrayList<>(images.size());
        for (Raster r : images) out.add(run(req, r, monitor));
        return out;
    }

    /** Aborts model calls in flight. */
    public void interrupt() {
        upscalers.interrupt();
        restorers.interrupt();
    }

    private Raster upscale(ExtrasRequest req, Raster image, Upscaler up1, Upscaler up2,
                           Map<String, String> info, Monitor monitor) {
        double scale;
        if (req.resizeMode() == 1) {
            scale = Math.max((double) req.upscalingResizeW() / image.width(), (double) req.upscalingResizeH() / image.height());
            info.put("Postprocess upscale to", req.upscalingResizeW() + "x" + req.upscalingResizeH());
        } else {
            scale = req.upscalingResize();
            info.put("Postprocess upscale by", pyFloat(scale));
        }
        Raster first = sized(req, up1.upscale(image, scale, monitor), info);
        info.put("Postprocess upscaler", up1.name());
        if (up2 == null || req.extrasUpscaler2Visibility() <= 0) return first;
        Raster second = sized(req, up2.upscale(image, scale, monitor), info);
        info.put("Postprocess upscaler 2", up2.name());
        return blend(first, second, (float) req.extrasUpscaler2Visibility());
    }

    /** Mode 1 with crop: A1111 pastes the result centred on a black canvas of exactly the target size. */
    private static Raster sized(ExtrasRequest req, Raster img, Map<String, String> info) {
        if (req.resizeMode() != 1 || !req.upscalingCrop()) return img;
        int w = req.upscalingResizeW();
        int h = req.upscalingResizeH();
        Raster out = Raster.allocateLike(img, w, h, img.channels());
        int ox = Math.floorDiv(w, 2) - Math.floorDiv(img.width(), 2);
        int oy = Math.floorDiv(h, 2) - Math.floorDiv(img.height(), 2);
        for (int y = Math.max(0, oy); y < Math.min(h, oy + img.height()); y++) {
            for (int x = Math.max(0, ox); x < Math.min(w, ox + img.width()); x++) {
                for (int c = 0; c < img.channels(); c++) out.set(x, y, c, img.get(x - ox, y - oy, c));
            }
        }
        info.put("Postprocess crop to", w + "x" + h);
        return out;
    }

    /** PIL's {@code Image.blend(a, b, alpha)}: {@code a + alpha (b - a)}. */
    private static Raster blend(Raster a, Raster b, float alpha) {
        if (a.width() != b.width() || a.height() != b.height()) b = RasterResize.lanczos(b, a.width(), a.height());
        Raster out = Raster.allocateLike(a, a.width(), a.height(), a.channels());
        for (int y = 0; y < a.height(); y++) {
            for (int x = 0; x < a.width(); x++) {
                for (int c = 0; c < a.channels(); c++) {
                    float va = a.get(x, y, c);
                    out.set(x, y, c, va + alpha * (b.get(x, y, c) - va));
                }
            }
        }
        return out;
    }

    private static boolean isNone(String name) {
        return name == null || name.isBlank() || name.equalsIgnoreCase(ResampleUpscaler.NONE);
    }

    private static String faces(int n) {
        return n + (n == 1 ? " face" : " faces");
    }

    private static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    /** Python's {@code str(float)} for the values A1111 writes: 2.0, 0.5, 1.25. */
    static String pyFloat(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e16) return String.format(Locale.ROOT, "%.1f", v);
        return Double.toString(v);
    }

    /** A1111's postprocessing infotext: {@code k: v} joined by ", ", values quoted as JSON when they hold , : or newlines. */
    static String infotext(Map<String, String> info) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : info.entrySet()) {
            if (sb.length() > 0) sb.append(", ");
            String v = e.getValue();
            if (e.getKey().equals(v)) {
                sb.append(v);
                continue;
            }
            boolean quote = v.contains(",") || v.contains(":") || v.contains("\n");
            sb.append(e.getKey()).append(": ").append(quote ? jsonString(v) : v);
        }
        return sb.toString();
    }

    private static String jsonString(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                default -> sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}

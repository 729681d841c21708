package dev.easel.imagej;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.easel.bridge.engine.Engine;
import dev.easel.bridge.engine.ExtrasRequest;
import dev.easel.bridge.engine.ModelEntry;
import dev.easel.bridge.engine.PromptAnalysis;
import dev.easel.bridge.engine.SamplerEntry;
import dev.easel.bridge.engine.SchedulerEntry;
import dev.easel.bridge.engine.UpscalerEntry;
import dev.easel.generate.Control;
import dev.easel.generate.GenerationRequest;
import dev.easel.generate.GenerationResult;
import dev.easel.generate.Progress;
import dev.easel.generate.ProgressListener;
import dev.easel.image.FloatImage;

/**
 * An engine for the real bridge server whose "model" inverts every pixel of its input, so the plugin's
 * tests can see exactly which pixels the bridge touched: the strictest case for "nothing outside the mask
 * changes". Sizes follow the modes (outpaint grows the canvas, loopback returns rounds x batch images,
 * extras scale). Each step takes {@link #stepMillis} and honours interrupt, like the pipeline.
 */
public final class InvertingEngine implements Engine {

    public final List<GenerationRequest> requests = new CopyOnWriteArrayList<>();
    public final List<ExtrasRequest> extras = new CopyOnWriteArrayList<>();
    public volatile long stepMillis = 0;
    public volatile boolean interrupted;
    public volatile String failWith;

    @Override public String device() { return "cpu"; }

    @Override
    public List<ModelEntry> sdModels() {
        return List.of(new ModelEntry("inverter [0123456789]", "inverter", "0123456789", null, "inverter", false));
    }

    @Override public String loadedModel() { return "inverter"; }
    @Override public void useModel(String name) { }
    @Override public void refreshModels() { }

    @Override
    public List<SamplerEntry> samplers() {
        return List.of(new SamplerEntry("Euler a", List.of("k_euler_a")), new SamplerEntry("Euler", List.of("k_euler")));
    }

    @Override
    public List<SchedulerEntry> schedulers() {
        return List.of(new SchedulerEntry("automatic", "Automatic", List.of()));
    }

    @Override
    public List<UpscalerEntry> upscalers() {
        return List.of(new UpscalerEntry("None", null, 1), new UpscalerEntry("Lanczos", null, 4),
                new UpscalerEntry("Nearest", null, 4), new UpscalerEntry("inverter-x4", "inverter-x4", 4));
    }

    @Override public List<String> faceRestorers() { return List.of("CodeFormer", "GFPGAN"); }

    @Override
    public GenerationResult generate(GenerationRequest r, ProgressListener listener, Control control) {
        requests.add(r);
        int rounds = r.mode == GenerationRequest.Mode.LOOPBACK ? r.loopbackRounds : 1;
        int total = r.steps * rounds;
        for (int step = 0; step < total; step++) {
            if (control.isInterrupted()) {
                interrupted = true;
                break;
            }
            if (failWith != null) {
                throw new IllegalStateException(failWith);
            }
            sleep();
            listener.onProgress(new Progress(step + 1, total, 0, -1, null));
        }
        List<FloatImage> images = new ArrayList<>();
        List<String> infos = new ArrayList<>();
        List<Long> seeds = new ArrayList<>();
        double strength = r.denoisingStrength;
        for (int round = 0; round < rounds; round++) {
            for (int b = 0; b < r.batchSize; b++) {
                FloatImage out = r.initImages.isEmpty() ? gradient(r.width, r.height, b) : invert(r, round);
                long seed = (r.seed < 0 ? 1000 : r.seed) + b;
                images.add(out);
                seeds.add(seed);
                infos.add(r.prompt + "\nSteps: " + r.steps + ", Sampler: " + r.sampler + ", Seed: " + seed
                        + ", Size: " + out.width() + "x" + out.height()
                        + (r.initImages.isEmpty() ? "" : ", Denoising strength: " + strength));
            }
            strength = Math.min(Math.max(strength * r.loopbackStrengthChange, 0.1), 1);
        }
        return new GenerationResult(images, infos, seeds, seeds, interrupted, List.of());
    }

    private void sleep() {
        if (stepMillis > 0) {
            try {
                Thread.sleep(stepMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static FloatImage gradient(int w, int h, int b) {
        FloatImage img = FloatImage.zeros(w, h, 3);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.set(x, y, 0, x / (float) w);
                img.set(x, y, 1, y / (float) h);
                img.set(x, y, 2, b * 0.15f);
            }
        }
        return img;
    }

    /** The init image inverted, on a canvas grown by the outpaint margins (new area mid grey). */
    private static FloatImage invert(GenerationRequest r, int round) {
        FloatImage in = r.initImages.get(0);
        int w = in.width() + r.outpaintLeft + r.outpaintRight;
        int h = in.height() + r.outpaintUp + r.outpaintDown;
        if (r.mode == GenerationRequest.Mode.OUTPAINT) {
            // as the pipeline does: right and bottom grow to multiples of 8 for the model
            w += (8 - w % 8) % 8;
            h += (8 - h % 8) % 8;
        }
        FloatImage out = FloatImage.zeros(w, h, 3);
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int sx = x - r.outpaintLeft;
                    int sy = y - r.outpaintUp;
                    boolean inside = sx >= 0 && sy >= 0 && sx < in.width() && sy < in.height();
                    float v = inside ? 1f - in.get(sx, sy, Math.min(c, in.channels() - 1)) : 0.5f;
                    out.set(x, y, c, Math.min(1f, v + round / 255f));
                }
            }
        }
        return out;
    }

    @Override
    public FloatImage postprocess(FloatImage image, ExtrasRequest request, Control control) {
        extras.add(request);
        double f = "None".equals(request.upscaler1()) ? 1 : request.upscalingResize();
        int w = (int) Math.round(image.width() * f);
        int h = (int) Math.round(image.height() * f);
        FloatImage out = FloatImage.zeros(w, h, 3);
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    out.set(x, y, c, 1f - image.get((int) (x / f), (int) (y / f), Math.min(c, image.channels() - 1)));
                }
            }
        }
        return out;
    }

    @Override
    public PromptAnalysis analyzePrompt(String prompt, int steps) {
        return new PromptAnalysis(0, 75, List.of());
    }

    @Override
    public Map<String, Object> modelsReport() {
        return Map.of("store", List.of(
                Map.of("name", "inverter", "kind", "stable-diffusion", "ready", true),
                Map.of("name", "inverter-x4", "kind", "upscaler", "ready", false, "problem", "weights missing")),
                "catalog", List.of());
    }

    @Override
    public List<Map<String, Object>> missing() {
        return List.of(Map.of("kind", "face-restorer", "detail", "no face restorer installed", "download", "codeformer"));
    }

    @Override
    public Map<String, Object> startDownload(String name) {
        return Map.of("name", name, "state", "unknown");
    }

    @Override public String downloadHint() { return "nothing to download"; }
    @Override public void close() { }
}

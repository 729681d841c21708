package dev.easel.bridge.support;

import dev.easel.bridge.engine.Engine;
import dev.easel.bridge.engine.ExtrasRequest;
import dev.easel.bridge.engine.ModelEntry;

import dev.easel.bridge.engine.SamplerEntry;
import dev.easel.bridge.engine.SchedulerEntry;
import dev.easel.bridge.engine.UpscalerEntry;
import dev.easel.generate.Control;
import dev.easel.generate.GenerationRequest;
import dev.easel.generate.GenerationResult;
import dev.easel.generate.Progress;
import dev.easel.generate.ProgressListener;
import dev.easel.image.FloatImage;
import dev.easel.bridge.engine.PromptAnalysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An engine without models, for tests of the HTTP layer and the queue alone: each step sleeps
 * {@code stepMillis}, images are flat colours derived from the seed, and every call is recorded.
 * Tests of the real pipeline use {@code PipelineEngine} instead.
 */
public final class ScriptedEngine implements Engine {
    public volatile long stepMillis = 0;
    /** While held, a job waits before its first step, so tests can line up a queue behind it. */
    private volatile java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(0);
    public final List<GenerationRequest> requests = new CopyOnWriteArrayList<>();
    /** "load NAME" and "generated SEED" in the order they happened on the worker. */
    public final List<String> events = new CopyOnWriteArrayList<>();
    private volatile String loaded;
    private final List<ModelEntry> models;

    public ScriptedEngine(String... modelNames) {
        List<ModelEntry> m = new ArrayList<>();
        for (String n : modelNames) m.add(new ModelEntry(n, n, "0123456789", "0123456789abcdef", n, n.contains("inpainting")));
        this.models = List.copyOf(m);
    }

    @Override public String device() { return "cpu"; }
    @Override public List<ModelEntry> sdModels() { return models; }
    @Override public String loadedModel() { return loaded; }

    @Override
    public void useModel(String name) {
        String n = name == null ? (loaded != null ? loaded : models.get(0).title()) : name;
        if (!n.equals(loaded)) {
            events.add("load " + n);
            loaded = n;
        }
    }

    @Override public void refreshModels() { }

    @Override
    public List<SamplerEntry> samplers() {
        return List.of(new SamplerEntry("DPM++ 2M", List.of("k_dpmpp_2m")), new SamplerEntry("Euler a", List.of("k_euler_a")),
                new SamplerEntry("Euler", List.of("k_euler")), new SamplerEntry("DDIM", List.of()));
    }

    @Override
    public List<SchedulerEntry> schedulers() {
        return List.of(new SchedulerEntry("automatic", "Automatic", List.of()), new SchedulerEntry("uniform", "Uniform", List.of()),
                new SchedulerEntry("karras", "Karras", List.of()), new SchedulerEntry("exponential", "Exponential", List.of()));
    }

    @Override
    public List<UpscalerEntry> upscalers() {
        return List.of(new UpscalerEntry("None", null, 1), new UpscalerEntry("Nearest", null, 4));
    }

    @Override public List<String> faceRestorers() { return List.of(); }

    /** Makes the next jobs wait before their first step until {@link #release()}. */
    public void hold() { gate = new java.util.concurrent.CountDownLatch(1); }

    public void release() { gate.countDown(); }

    @Override
    public GenerationResult generate(GenerationRequest r, ProgressListener listener, Control control) {
        requests.add(r);
        try {
            gate.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int n = r.batchSize * r.batchCount;
        int total = r.steps;
        long t0 = System.currentTimeMillis();
        boolean interrupted = false;
        for (int step = 0; step < total; step++) {
            if (control.isInterrupted()) {
                interrupted = true;
                break;
            }
            sleep(stepMillis);
            FloatImage preview = FloatImage.zeros(8, 8, 3);
            listener.onProgress(new Progress(step + 1, total, System.currentTimeMillis() - t0, -1, preview));
        }
        List<FloatImage> images = new ArrayList<>();
        List<String> infotexts = new ArrayList<>();
        List<Long> seeds = new ArrayList<>();
        long seed = r.seed < 0 ? 1234 : r.seed;
        for (int i = 0; i < n; i++) {
            FloatImage img = r.initImages.isEmpty() ? FloatImage.zeros(r.width, r.height, 3) : r.initImages.get(0).copy();
            java.util.Arrays.fill(img.data(), ((seed + i) % 256) / 255f);
            images.add(img);
            seeds.add(seed + i);
            infotexts.add(r.prompt + "\nSteps: " + r.steps + ", Sampler: " + r.sampler + ", Seed: " + (seed + i));
        }
        events.add("generated " + r.seed);
        return new GenerationResult(images, infotexts, seeds, seeds, interrupted, List.of());
    }

    @Override
    public FloatImage postprocess(FloatImage image, ExtrasRequest request, Control control) {
        return image.copy();
    }

    @Override
    public PromptAnalysis analyzePrompt(String prompt, int steps) {
        throw new UnsupportedOperationException("no tokenizer in the scripted engine");
    }

    @Override public Map<String, Object> modelsReport() { return Map.of("stable-diffusion", models.size()); }
    @Override
    public List<Map<String, Object>> missing() {
        return models.isEmpty() ? List.of(Map.of("kind", "stable_diffusion", "detail", "none", "download", "tiny")) : List.of();
    }
    @Override public Map<String, Object> startDownload(String name) { return Map.of("name", name, "state", "queued"); }
    @Override public String downloadHint() { return "easel download tiny"; }
    @Override public void close() { }

    private static void sleep(long ms) {
        if (ms <= 0) return;
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

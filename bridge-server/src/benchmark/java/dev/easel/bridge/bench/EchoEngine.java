package dev.easel.bridge.bench;

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
import dev.easel.generate.ProgressListener;
import dev.easel.image.FloatImage;

import java.util.List;
import java.util.Map;

/** An engine whose "generation" returns the input image: what is left to time is the server's own work. */
final class EchoEngine implements Engine {
    @Override public String device() { return "none"; }
    @Override public List<ModelEntry> sdModels() { return List.of(new ModelEntry("echo", "echo", null, null, "echo", false)); }
    @Override public String loadedModel() { return "echo"; }
    @Override public void useModel(String name) { }
    @Override public void refreshModels() { }
    @Override public List<SamplerEntry> samplers() { return List.of(new SamplerEntry("Euler a", List.of())); }
    @Override public List<SchedulerEntry> schedulers() { return List.of(new SchedulerEntry("automatic", "Automatic", List.of())); }
    @Override public List<UpscalerEntry> upscalers() { return List.of(new UpscalerEntry("None", null, 1)); }
    @Override public List<String> faceRestorers() { return List.of(); }

    @Override
    public GenerationResult generate(GenerationRequest r, ProgressListener listener, Control control) {
        FloatImage out = r.initImages.isEmpty() ? FloatImage.zeros(r.width, r.height, 3) : r.initImages.get(0);
        String infotext = r.prompt + "\nSteps: " + r.steps + ", Sampler: " + r.sampler + ", Seed: " + r.seed
                + ", Size: " + out.width() + "x" + out.height() + ", Denoising strength: " + r.denoisingStrength;
        return new GenerationResult(List.of(out), List.of(infotext), List.of(r.seed), List.of(r.seed), false, List.of());
    }

    @Override public FloatImage postprocess(FloatImage image, ExtrasRequest request, Control control) { return image; }
    @Override public PromptAnalysis analyzePrompt(String prompt, int steps) { return new PromptAnalysis(0, 75, List.of()); }
    @Override public Map<String, Object> modelsReport() { return Map.of(); }
    @Override public List<Map<String, Object>> missing() { return List.of(); }
    @Override public Map<String, Object> startDownload(String name) { return Map.of(); }
    @Override public String downloadHint() { return ""; }
    @Override public void close() { }
}

package dev.easel.bridge.engine;

import dev.easel.bridge.BridgeConfig;
import dev.easel.bridge.http.ApiException;
import dev.easel.checkpoint.CheckpointCache;
import dev.easel.checkpoint.CheckpointDiffusionModel;
import dev.easel.generate.Control;
import dev.easel.generate.GenerationRequest;
import dev.easel.generate.GenerationResult;
import dev.easel.generate.Generator;
import dev.easel.generate.ProgressListener;
import dev.easel.generate.RequestException;
import dev.easel.image.FloatImage;
import dev.easel.model.DiffusionModel;
import dev.easel.model.ModelKind;
import dev.easel.model.ModelStore;
import dev.easel.model.OnnxDiffusionModel;
import dev.easel.onnx.Devices;
import dev.easel.onnx.OrtSettings;
import dev.easel.sampling.SamplerInfo;
import dev.easel.sampling.Samplers;
import dev.easel.sampling.ScheduleType;
import dev.easel.text.PromptChunker;
import dev.easel.text.PromptSyntaxException;
import dev.easel.upscale.Monitor;
import dev.easel.upscale.TileSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The engine over the real pipeline: the model store, one Stable Diffusion model loaded at a time
 * in ONNX Runtime with its {@link Generator}, upscalers and face restorers. Everything that touches
 * the device runs on the job queue's worker thread, so model loads never overlap generations.
 */
public final class PipelineEngine implements Engine {
    private static final Logger LOG = LoggerFactory.getLogger(PipelineEngine.class);
    /** Where checkpoints' built ONNX folders go, inside the store (CheckpointCache's convention). */
    static final String CHECKPOINT_CACHE = ".cache";

    private final OrtSettings ort;
    private final String device;
    private final StoreView store;
    private final UpscalerPool upscalers;
    private final FaceRestorerPool faces;
    private final ExtrasRunner extras;
    private final Prompts prompts = new Prompts();
    private final CheckpointCache checkpoints;
    private final UnaryOperator<DiffusionModel> decorator;
    private DiffusionModel model;
    private Generator generator;
    private volatile String loadedName;
    private volatile Path loadedTokenizer;

    private PipelineEngine(Path root, OrtSettings ort, UnaryOperator<DiffusionModel> decorator) {
        this.ort = ort;
        this.device = Devices.select(ort).label();
        this.store = new StoreView(root, device);
        this.upscalers = new UpscalerPool(store::store, ort);
        this.faces = new FaceRestorerPool(store::store, ort);
        this.extras = new ExtrasRunner(upscalers);
        this.checkpoints = new CheckpointCache(root.resolve(CHECKPOINT_CACHE));
        this.decorator = decorator;
    }

    public static PipelineEngine open(BridgeConfig config) {
        return open(config.modelsDir(), new OrtSettings(config.device(), config.threads()));
    }

    public static PipelineEngine open(Path modelsDir, OrtSettings ort) {
        return new PipelineEngine(modelsDir, ort, UnaryOperator.identity());
    }

    /** As {@link #open(Path, OrtSettings)}, wrapping every loaded model (tests slow models down with it). */
    public static PipelineEngine open(Path modelsDir, OrtSettings ort, UnaryOperator<DiffusionModel> decorator) {
        return new PipelineEngine(modelsDir, ort, decorator);
    }

    @Override public String device() { return device; }
    @Override public List<ModelEntry> sdModels() { return store.sdModels(); }
    @Override public String loadedModel() { return loadedName; }

    @Override
    public String defaultModel() {
        return store.store().defaultDiffusionModel().map(dev.easel.model.ModelEntry::name).orElse(null);
    }

    @Override
    public synchronized void useModel(String name) {
        if (name == null && loadedName != null) return;
        ModelStore st = store.store();
        dev.easel.model.ModelEntry entry = (name == null ? st.defaultDiffusionModel()
                : st.find(ModelKind.STABLE_DIFFUSION, name)).orElse(null);
        if (entry == null) {
            if (name == null) {
                throw new ApiException(503, "no model", "no Stable Diffusion model is installed; download one with: " + downloadHint());
            }
            throw ApiException.badField("sd_model_checkpoint", "model '" + name + "' not found; GET /sdapi/v1/sd-models lists them");
        }
        if (!entry.ready()) throw ApiException.badField("sd_model_checkpoint", entry.name() + " is not ready: " + entry.problem());
        if (entry.name().equals(loadedName)) return;
        unload(); // one model in memory at a time
        long t0 = System.nanoTime();
        DiffusionModel opened = switch (entry.format()) {
            case ModelStore.ONNX_FOLDER -> OnnxDiffusionModel.open(entry.path(), ort);
            case ModelStore.SAFETENSORS -> openCheckpoint(entry);
            default -> throw ApiException.badField("sd_model_checkpoint", entry.name() + " is a " + entry.format()
                    + " file, which the bridge does not load");
        };
        model = decorator.apply(opened);
        generator = new Generator(model);
        loadedName = entry.name();
        loadedTokenizer = model.tokenizerDir();
        LOG.info("loaded {} in {} ms", entry.name(), (System.nanoTime() - t0) / 1_000_000);
    }

    private DiffusionModel openCheckpoint(dev.easel.model.ModelEntry entry) {
        try {
            return CheckpointDiffusionModel.open(entry.path(), checkpoints, ort,
                    (component, done, total) -> LOG.info("converting {}: {} {}/{}", entry.name(), component, done, total));
        } catch (IOException e) {
            throw new ApiException(500, "model load failed", entry.name() + " could not be converted: " + e.getMessage());
        }
    }

    private void unload() {
        if (generator != null) generator.close();
        if (model != null) model.close();
        generator = null;
        model = null;
        loadedName = null;
        loadedTokenizer = null;
    }

    @Override public void refreshModels() { store.rescan(); }

    @Override
    public List<SamplerEntry> samplers() {
        List<SamplerEntry> out = new ArrayList<>();
        for (SamplerInfo s : Samplers.all()) out.add(new SamplerEntry(s.name(), s.aliases()));
        return out;
    }

    @Override
    public List<SchedulerEntry> schedulers() {
        List<SchedulerEntry> out = new ArrayList<>();
        for (ScheduleType t : Samplers.scheduleTypes()) out.add(new SchedulerEntry(t.id(), t.label(), t.aliases()));
        return out;
    }

    @Override public List<UpscalerEntry> upscalers() { return upscalers.list(); }

    @Override public List<String> faceRestorers() { return faces.list(); }

    @Override
    public synchronized GenerationResult generate(GenerationRequest request, ProgressListener listener, Control control) {
        if (generator == null) useModel(null);
        String hr = request.hrUpscaler;
        boolean namedUpscaler = request.enableHr && hr != null && !hr.startsWith("Latent")
                && upscalers.list().stream().anyMatch(u -> u.name().equals(hr));
        generator.upscaler(namedUpscaler ? upscalers.get(hr, TileSettings.DEFAULTS) : null);
        generator.faceRestorer(faces.list().isEmpty() ? null
                : (image, name, weight, c) -> faces.get(name).restore(image, weight, Monitor.of(c, (d, t) -> { })));
        try {
            return generator.generate(request, listener, control);
        } catch (RequestException e) {
            throw ApiException.from(e);
        } catch (PromptSyntaxException e) {
            throw ApiException.badField("prompt", e.getMessage());
        }
    }

    @Override
    public synchronized FloatImage postprocess(FloatImage image, ExtrasRequest request, Control control) {
        FloatImage out = extras.upscale(image, request, control);
        Monitor monitor = Monitor.of(control, (d, t) -> { });
        // A1111's postprocessing order: upscale, then GFPGAN, then CodeFormer.
        if (request.gfpganVisibility() > 0) {
            out = restore(out, FaceRestorerPool.GFPGAN, request.gfpganVisibility(), 0, monitor);
        }
        if (request.codeformerVisibility() > 0) {
            out = restore(out, FaceRestorerPool.CODEFORMER, request.codeformerVisibility(), request.codeformerWeight(), monitor);
        }
        return out;
    }

    private FloatImage restore(FloatImage img, String name, double visibility, double weight, Monitor monitor) {
        FloatImage copy = img.copy();
        faces.get(name).restoreInPlace(dev.easel.upscale.PixelAccess.of(copy), visibility, weight, monitor);
        return copy;
    }

    @Override
    public PromptAnalysis analyzePrompt(String prompt, int steps) {
        return analyzePrompt(prompt, steps, "Original", PromptChunker.DEFAULT_COMMA_BACKTRACK);
    }

    @Override
    public PromptAnalysis analyzePrompt(String prompt, int steps, String emphasis, int commaBacktrack) {
        Path dir = loadedTokenizer;
        if (dir == null) {
            dir = store.store().defaultDiffusionModel()
                    .filter(e -> ModelStore.ONNX_FOLDER.equals(e.format()))
                    .map(e -> e.path().resolve("tokenizer")).orElse(null);
        }
        return PromptAnalysis.of(prompts.analyze(dir, prompt, steps, emphasis, commaBacktrack));
    }

    @Override public Map<String, Object> modelsReport() { return store.report(); }
    @Override public List<Map<String, Object>> missing() { return store.missing(); }
    @Override public Map<String, Object> startDownload(String name) { return store.startDownload(name); }
    @Override public String downloadHint() { return store.downloadHint(); }

    @Override
    public synchronized void close() {
        unload();
        upscalers.close();
        faces.close();
        store.close();
    }
}

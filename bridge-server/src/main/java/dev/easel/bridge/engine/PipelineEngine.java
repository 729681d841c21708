package dev.easel.bridge.engine;

import dev.easel.bridge.BridgeConfig;
import dev.easel.bridge.http.ApiException;
import dev.easel.generate.Control;
import dev.easel.generate.GenerationRequest;
import dev.easel.generate.GenerationResult;
import dev.easel.generate.ProgressListener;
import dev.easel.image.FloatImage;
import dev.easel.model.DiffusionModel;
import dev.easel.model.ModelKind;
import dev.easel.model.ModelStore;
import dev.easel.model.OnnxDiffusionModel;
import dev.easel.onnx.Devices;
import dev.easel.onnx.OrtSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The engine over the real pipeline: the model store, one Stable Diffusion model loaded at a time
 * in ONNX Runtime, upscalers and face restorers. Everything that touches the device runs on the
 * job queue's worker thread, so model loads never overlap generations.
 */
public final class PipelineEngine implements Engine {
    private static final Logger LOG = LoggerFactory.getLogger(PipelineEngine.class);

    private final OrtSettings ort;
    private final String device;
    private final StoreView store;
    private final UpscalerPool upscalers;
    private final ExtrasRunner extras;
    private DiffusionModel model;
    private volatile String loadedName;

    private PipelineEngine(Path root, OrtSettings ort) {
        this.ort = ort;
        this.device = Devices.select(ort).label();
        this.store = new StoreView(root, device);
        this.upscalers = new UpscalerPool(store::store, ort);
        this.extras = new ExtrasRunner(upscalers);
    }

    public static PipelineEngine open(BridgeConfig config) {
        return open(config.modelsDir(), new OrtSettings(config.device(), config.threads()));
    }

    public static PipelineEngine open(Path modelsDir, OrtSettings ort) {
        return new PipelineEngine(modelsDir, ort);
    }

    @Override public String device() { return device; }
    @Override public List<ModelEntry> sdModels() { return store.sdModels(); }
    @Override public String loadedModel() { return loadedName; }

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
        if (!ModelStore.ONNX_FOLDER.equals(entry.format())) {
            throw ApiException.badField("sd_model_checkpoint", entry.name() + " is a " + entry.format()
                    + " checkpoint; this bridge loads ONNX model folders");
        }
        unload(); // one model in memory at a time
        long t0 = System.nanoTime();
        model = OnnxDiffusionModel.open(entry.path(), ort);
        loadedName = entry.name();
        LOG.info("loaded {} in {} ms", entry.name(), (System.nanoTime() - t0) / 1_000_000);
    }

    private void unload() {
        if (model != null) {
            model.close();
            model = null;
            loadedName = null;
        }
    }

    @Override public void refreshModels() { store.rescan(); }

    @Override
    public List<SamplerEntry> samplers() {
        return List.of();
    }

    @Override
    public List<SchedulerEntry> schedulers() {
        return List.of();
    }

    @Override public List<UpscalerEntry> upscalers() { return upscalers.list(); }

    @Override public List<String> faceRestorers() { return List.of(); }

    @Override
    public GenerationResult generate(GenerationRequest request, ProgressListener listener, Control control) {
        throw new ApiException(503, "not available", "generation is not available in this build yet");
    }

    @Override
    public FloatImage postprocess(FloatImage image, ExtrasRequest request, Control control) {
        return extras.upscale(image, request, control);
    }

    @Override
    public PromptAnalysis analyzePrompt(String prompt, int steps) {
        throw new ApiException(503, "not available", "prompt analysis is not available in this build yet");
    }

    @Override public Map<String, Object> modelsReport() { return store.report(); }
    @Override public List<Map<String, Object>> missing() { return store.missing(); }
    @Override public Map<String, Object> startDownload(String name) { return store.startDownload(name); }
    @Override public String downloadHint() { return store.downloadHint(); }

    @Override
    public synchronized void close() {
        unload();
        upscalers.close();
        store.close();
    }
}

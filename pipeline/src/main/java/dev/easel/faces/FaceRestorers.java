package dev.easel.faces;

import dev.easel.model.ModelEntry;
import dev.easel.model.ModelKind;
import dev.easel.model.ModelStore;
import dev.easel.onnx.OrtSettings;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The face restorers a model store offers: "GFPGAN" is the newest {@code face-restorers/*gfpgan*.onnx},
 * "CodeFormer" the first {@code *codeformer*.onnx}, any other file goes by its name. Each uses the
 * store's YuNet detector ({@code face-detectors/}, a file with "yunet" in its name preferred).
 * Models are opened on first use and kept open until {@link #close()}.
 */
public final class FaceRestorers implements AutoCloseable {
    public static final String GFPGAN = "GFPGAN";
    public static final String CODEFORMER = "CodeFormer";

    private final Path storeRoot;
    private final OrtSettings ort;
    private final Map<Path, OnnxFaceRestorer> open = new HashMap<>();

    public FaceRestorers(Path storeRoot, OrtSettings ort) {
        this.storeRoot = storeRoot;
        this.ort = ort;
    }

    /** Installed restorers (an entry needs only its model; {@link #get} also needs a detector). */
    public synchronized List<FaceRestorerInfo> list() {
        List<FaceRestorerInfo> out = new ArrayList<>();
        models().forEach((name, e) -> out.add(new FaceRestorerInfo(name, e.path().getParent(), e.path())));
        return out;
    }

    public List<String> names() {
        return list().stream().map(FaceRestorerInfo::name).toList();
    }

    /** The detector file restorers use, if one is installed. */
    public Optional<Path> detector() {
        List<ModelEntry> ready = ModelStore.scan(storeRoot).ready(ModelKind.FACE_DETECTOR);
        return ready.stream().filter(e -> e.name().toLowerCase(Locale.ROOT).contains("yunet")).findFirst()
                .or(() -> ready.stream().findFirst()).map(ModelEntry::path);
    }

    /**
     * The restorer called {@code name} ("GFPGAN", "CodeFormer" or a file name, case-insensitive).
     *
     * @throws IllegalArgumentException naming what is installed when there is no such restorer or no detector
     */
    public synchronized FaceRestorer get(String name) {
        for (Map.Entry<String, ModelEntry> e : models().entrySet()) {
            if (e.getKey().equalsIgnoreCase(name) || e.getValue().name().equalsIgnoreCase(name)) {
                Path detector = detector().orElseThrow(() -> new IllegalArgumentException(
                        "face restoration needs a face detector and " + storeRoot.resolve(ModelKind.FACE_DETECTOR.folder())
                                + " has none: download the catalog's 'yunet' model"));
                return open.computeIfAbsent(e.getValue().path(),
                        p -> OnnxFaceRestorer.open(e.getKey(), p, detector, ort));
            }
        }
        for (ModelEntry broken : ModelStore.scan(storeRoot).byKind(ModelKind.FACE_RESTORER)) {
            if (!broken.ready() && broken.name().toLowerCase(Locale.ROOT).contains(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("face restorer '" + name + "' is not usable: " + broken.problem());
            }
        }
        throw new IllegalArgumentException("could not find face restorer named '" + name + "'; installed: " + names()
                + " (model files go in " + storeRoot.resolve(ModelKind.FACE_RESTORER.folder()) + ")");
    }

    /** Aborts model calls in flight on every open restorer. */
    public synchronized void interrupt() {
        open.values().forEach(FaceRestorer::interrupt);
    }

    private Map<String, ModelEntry> models() {
        List<ModelEntry> ready = new ArrayList<>(ModelStore.scan(storeRoot).ready(ModelKind.FACE_RESTORER));
        // newest version first: GFPGANv1.4 before GFPGANv1.3
        ready.sort(Comparator.comparing(ModelEntry::name, String.CASE_INSENSITIVE_ORDER).reversed());
        Map<String, ModelEntry> out = new LinkedHashMap<>();
        // A1111 lists CodeFormer, then GFPGAN
        ready.stream().filter(e -> e.name().toLowerCase(Locale.ROOT).contains("codeformer")).findFirst()
                .ifPresent(e -> out.put(CODEFORMER, e));
        ready.stream().filter(e -> e.name().toLowerCase(Locale.ROOT).contains("gfpgan")).findFirst()
                .ifPresent(e -> out.put(GFPGAN, e));
        for (ModelEntry e : ready) {
            if (!out.containsValue(e)) out.putIfAbsent(e.name(), e);
        }
        return out;
    }

    @Override
    public synchronized void close() {
        open.values().forEach(OnnxFaceRestorer::close);
        open.clear();
    }
}

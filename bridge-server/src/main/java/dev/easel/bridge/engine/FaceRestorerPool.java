package dev.easel.bridge.engine;

import dev.easel.bridge.http.ApiException;
import dev.easel.faces.FaceRestorer;
import dev.easel.faces.OnnxFaceRestorer;
import dev.easel.model.ModelEntry;
import dev.easel.model.ModelKind;
import dev.easel.model.ModelStore;
import dev.easel.onnx.OrtSettings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Face restorers by A1111 name: a store model whose name contains "gfpgan" is listed as GFPGAN and
 * one containing "codeformer" as CodeFormer (the names A1111 clients send); others keep their own
 * name. Each needs a face detector from the store. Models open on first use.
 */
final class FaceRestorerPool implements AutoCloseable {
    static final String GFPGAN = "GFPGAN";
    static final String CODEFORMER = "CodeFormer";

    private final Supplier<ModelStore> store;
    private final OrtSettings ort;
    private final Map<String, FaceRestorer> open = new LinkedHashMap<>();

    FaceRestorerPool(Supplier<ModelStore> store, OrtSettings ort) {
        this.store = store;
        this.ort = ort;
    }

    /** Names of restorers that can run: a ready model and a ready detector. */
    List<String> list() {
        ModelStore s = store.get();
        List<String> out = new ArrayList<>();
        if (s.ready(ModelKind.FACE_DETECTOR).isEmpty()) return out;
        for (ModelEntry e : s.ready(ModelKind.FACE_RESTORER)) {
            String n = a1111Name(e.name());
            if (!out.contains(n)) out.add(n);
        }
        return out;
    }

    /** Worker thread: the restorer listed as {@code name}, opened if needed. */
    synchronized FaceRestorer get(String name) {
        FaceRestorer r = open.get(name);
        if (r != null) return r;
        ModelStore s = store.get();
        Optional<ModelEntry> model = s.ready(ModelKind.FACE_RESTORER).stream()
                .filter(e -> a1111Name(e.name()).equalsIgnoreCase(name)).findFirst();
        Optional<ModelEntry> detector = s.ready(ModelKind.FACE_DETECTOR).stream().findFirst();
        if (model.isEmpty() || detector.isEmpty()) {
            throw new ApiException(503, "no face restorer", "face restorer '" + name + "' needs a "
                    + (model.isEmpty() ? name + " model" : "face detector") + " in the store; GET /easel/v1/models shows what to download");
        }
        r = OnnxFaceRestorer.open(name, model.get().path(), detector.get().path(), ort);
        open.put(name, r);
        return r;
    }

    static String a1111Name(String storeName) {
        String lower = storeName.toLowerCase(Locale.ROOT);
        if (lower.contains("gfpgan")) return GFPGAN;
        if (lower.contains("codeformer")) return CODEFORMER;
        return storeName;
    }

    @Override
    public synchronized void close() {
        open.values().forEach(FaceRestorer::close);
        open.clear();
    }
}

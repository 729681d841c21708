package dev.easel.bridge.engine;

import dev.easel.model.Catalog;
import dev.easel.model.CatalogEntry;
import dev.easel.model.MissingModel;
import dev.easel.model.ModelKind;
import dev.easel.model.ModelStore;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The model store as the HTTP side sees it: a snapshot rescanned on demand (refresh-checkpoints,
 * a finished download), the catalog, and downloads in progress.
 */
final class StoreView implements AutoCloseable {
    private final Path root;
    private final String device;
    private final Catalog catalog;
    private final Downloads downloads;
    private volatile ModelStore store;

    StoreView(Path root, String device) {
        this.root = root;
        this.device = device;
        this.catalog = Catalog.forStore(root);
        this.store = ModelStore.scan(root);
        this.downloads = new Downloads(root, this::rescan);
    }

    void rescan() {
        store = ModelStore.scan(root);
    }

    ModelStore store() { return store; }

    Catalog catalog() { return catalog; }

    /** Ready Stable Diffusion models as A1111 lists them. */
    List<ModelEntry> sdModels() {
        List<ModelEntry> out = new ArrayList<>();
        for (dev.easel.model.ModelEntry e : store.ready(ModelKind.STABLE_DIFFUSION)) {
            String file = ModelKind.STABLE_DIFFUSION.folder() + "/" + e.path().getFileName();
            out.add(new ModelEntry(e.name(), e.name(), null, null, file, e.inpainting()));
        }
        return out;
    }

    Map<String, Object> report() {
        Map<String, Object> out = new LinkedHashMap<>();
        List<Map<String, Object>> installed = new ArrayList<>();
        for (dev.easel.model.ModelEntry e : store.entries()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", e.name());
            m.put("kind", e.kind().jsonName());
            m.put("format", e.format());
            m.put("ready", e.ready());
            m.put("problem", e.problem());
            m.put("inpainting", e.inpainting());
            m.put("size_bytes", e.sizeBytes());
            installed.add(m);
        }
        out.put("store", installed);
        List<Map<String, Object>> cat = new ArrayList<>();
        for (CatalogEntry c : catalog.entries()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", c.name());
            m.put("kind", c.kind());
            m.put("title", c.title());
            m.put("description", c.description());
            m.put("device", c.device());
            m.put("license", c.license());
            m.put("non_commercial", c.nonCommercial());
            m.put("available", c.isAvailable());
            m.put("note", c.note());
            m.put("size_bytes", c.totalSize());
            cat.add(m);
        }
        out.put("catalog", cat);
        out.put("downloads", downloads.report());
        return out;
    }

    List<Map<String, Object>> missing() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (MissingModel m : store.missing(catalog, device)) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("kind", m.kind().jsonName());
            o.put("detail", m.detail());
            o.put("download", m.download());
            out.add(o);
        }
        return out;
    }

    Map<String, Object> startDownload(String name) {
        return downloads.start(catalog, name);
    }

    /** The command that installs a Stable Diffusion model, for 503 answers. */
    String downloadHint() {
        String cpuOrCuda = device.startsWith("cuda") ? "cuda" : "cpu";
        String name = catalog.suggest(ModelKind.STABLE_DIFFUSION, cpuOrCuda).map(CatalogEntry::name).orElse("NAME");
        return "java -jar easel-bridge.jar download " + name + " (or POST /easel/v1/models/download {\"name\": \""
                + name + "\"})";
    }

    @Override
    public void close() {
        downloads.close();
    }
}

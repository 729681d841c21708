package dev.easel.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A snapshot of the model store: one subfolder per {@link ModelKind} (A1111's habit), every model
 * found with its readiness. Scanning never throws for a broken model: it is listed with the reason.
 * Nothing is loaded; checks are file presence and header parsing, so a scan takes milliseconds.
 */
public final class ModelStore {

    public static final String ONNX_FOLDER = "onnx-folder";
    public static final String ONNX = "onnx";
    public static final String SAFETENSORS = "safetensors";
    /** A safetensors header longer than this is not a real one (real ones are well under 10 MB). */
    private static final long MAX_SAFETENSORS_HEADER = 100L * 1024 * 1024;

    private final Path root;
    private final List<ModelEntry> entries;

    private ModelStore(Path root, List<ModelEntry> entries) {
        this.root = root;
        this.entries = Collections.unmodifiableList(entries);
    }

    /** Scans {@code root}; a missing root gives an empty store. */
    public static ModelStore scan(Path root) {
        List<ModelEntry> found = new ArrayList<>();
        for (ModelKind kind : ModelKind.values()) {
            Path dir = root.resolve(kind.folder());
            if (!Files.isDirectory(dir)) continue;
            try (Stream<Path> children = Files.list(dir)) {
                for (Path p : children.sorted(Comparator.comparing(Path::toString)).toList()) {
                    ModelEntry e = inspect(kind, p);
                    if (e != null) found.add(e);
                }
            } catch (IOException | RuntimeException e) {
                found.add(ModelEntry.broken(kind.folder(), kind, dir, "folder", "cannot list " + dir + ": " + e.getMessage(), 0));
            }
        }
        return new ModelStore(root, found);
    }

    public Path root() { return root; }

    public List<ModelEntry> entries() { return entries; }

    public List<ModelEntry> byKind(ModelKind kind) {
        return entries.stream().filter(e -> e.kind() == kind).toList();
    }

    public List<ModelEntry> ready(ModelKind kind) {
        return entries.stream().filter(e -> e.kind() == kind && e.ready()).toList();
    }

    /** Case-insensitive lookup by name, ignoring an extension the user may have typed. */
    public Optional<ModelEntry> find(ModelKind kind, String name) {
        return entries.stream().filter(e -> e.kind() == kind
                && (e.name().equalsIgnoreCase(name) || e.name().equalsIgnoreCase(stripExtension(name)))).findFirst();
    }

    /** The model to load when none is asked for: the first ready non-inpainting SD model, else any ready one. */
    public Optional<ModelEntry> defaultDiffusionModel() {
        List<ModelEntry> sd = ready(ModelKind.STABLE_DIFFUSION);
        return sd.stream().filter(e -> !e.inpainting()).findFirst().or(() -> sd.stream().findFirst());
    }

    /**
     * What the store lacks for each feature (embeddings are optional and never reported), with the
     * download that fills the gap for {@code device} ({@code cpu} or {@code cuda}).
     */
    public List<MissingModel> missing(Catalog catalog, String device) {
        List<MissingModel> out = new ArrayList<>();
        String cpuOrCuda = device.startsWith("cuda") ? "cuda" : "cpu";
        for (ModelKind kind : List.of(ModelKind.STABLE_DIFFUSION, ModelKind.UPSCALER, ModelKind.FACE_RESTORER, ModelKind.FACE_DETECTOR)) {
            if (!ready(kind).isEmpty()) continue;
            String what = switch (kind) {
                case STABLE_DIFFUSION -> "no Stable Diffusion model: generation is off";
                case UPSCALER -> "no upscaler: only plain resizing in extras and hires fix";
                case FACE_RESTORER -> "no face restorer: restore_faces is off";
                case FACE_DETECTOR -> "no face detector: face restoration needs one";
                case EMBEDDING -> "";
            };
            Optional<CatalogEntry> suggestion = catalog.suggest(kind, cpuOrCuda);
            String detail = what + " (" + root.resolve(kind.folder()) + " has none ready)"
                    + suggestion.map(s -> "; run: download " + s.name()).orElse("");
            out.add(new MissingModel(kind, detail, suggestion.map(CatalogEntry::name).orElse(null)));
        }
        return out;
    }

    private static ModelEntry inspect(ModelKind kind, Path p) {
        String file = p.getFileName().toString();
        if (file.startsWith(".") || file.equalsIgnoreCase("README.md") || file.endsWith(".tmp")) return null;
        String lower = file.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".part")) {
            return ModelEntry.broken(stripExtension(stripExtension(file)), kind, p, "partial download",
                    "download incomplete: run the same download command again to resume it", size(p));
        }
        if (lower.endsWith(".corrupt")) {
            return ModelEntry.broken(stripExtension(stripExtension(file)), kind, p, "corrupt download",
                    "the download did not match its SHA-256 and was set aside; delete it and download again", size(p));
        }
        if (Files.isDirectory(p)) {
            if (kind == ModelKind.STABLE_DIFFUSION) return inspectOnnxSet(p);
            return null; // other kinds are single files; stray folders are not models
        }
        if (lower.endsWith(".onnx") && kind != ModelKind.STABLE_DIFFUSION && kind != ModelKind.EMBEDDING) {
            String problem = OnnxFiles.problem(p);
            return problem == null ? ModelEntry.ok(stripExtension(file), kind, p, ONNX, false, size(p))
                    : ModelEntry.broken(stripExtension(file), kind, p, ONNX, problem, size(p));
        }
        if (lower.endsWith(".safetensors") && (kind == ModelKind.STABLE_DIFFUSION || kind == ModelKind.EMBEDDING)) {
            String problem = safetensorsProblem(p);
            boolean inpaint = lower.contains("inpaint");
            return problem == null ? ModelEntry.ok(stripExtension(file), kind, p, SAFETENSORS, inpaint, size(p))
                    : ModelEntry.broken(stripExtension(file), kind, p, SAFETENSORS, problem, size(p));
        }
        if (lower.endsWith(".ckpt") || lower.endsWith(".pt") || lower.endsWith(".pth") || lower.endsWith(".bin")) {
            return ModelEntry.broken(stripExtension(file), kind, p, lower.substring(lower.lastIndexOf('.') + 1),
                    "pickle files can run code when loaded and are not read; use a .safetensors or .onnx version", size(p));
        }
        return null;
    }

    private static ModelEntry inspectOnnxSet(Path dir) {
        String name = dir.getFileName().toString();
        long size = OnnxFiles.sizeOf(dir);
        List<String> problems = new ArrayList<>();
        for (String f : OnnxSdLayout.REQUIRED_FILES) {
            if (!Files.isRegularFile(dir.resolve(f))) problems.add(f + " is missing");
        }
        for (String f : OnnxSdLayout.ONNX_FILES) {
            if (Files.isRegularFile(dir.resolve(f))) {
                String problem = OnnxFiles.problem(dir.resolve(f));
                if (problem != null) problems.add(f.substring(0, f.indexOf('/')) + ": " + problem);
            }
        }
        if (!problems.isEmpty()) {
            return ModelEntry.broken(name, ModelKind.STABLE_DIFFUSION, dir, ONNX_FOLDER, String.join("; ", problems), size);
        }
        return ModelEntry.ok(name, ModelKind.STABLE_DIFFUSION, dir, ONNX_FOLDER, isInpainting(dir), size);
    }

    /**
     * From model_index.json's pipeline class or the folder name (A1111 goes by the name too); either is
     * enough, since sets assembled from several sources may carry a plain pipeline's model_index.json.
     */
    private static boolean isInpainting(Path dir) {
        if (dir.getFileName().toString().toLowerCase(Locale.ROOT).contains("inpaint")) return true;
        Path index = dir.resolve(OnnxSdLayout.MODEL_INDEX);
        if (!Files.isRegularFile(index)) return false;
        try {
            JsonNode n = new ObjectMapper().readTree(index.toFile());
            return n.path("_class_name").asText("").contains("Inpaint");
        } catch (IOException e) {
            return false;
        }
    }

    private static String safetensorsProblem(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(9);
            if (head.length < 9) return file.getFileName() + " is too short to be a safetensors file";
            long len = ByteBuffer.wrap(head, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            if (len < 2 || len > MAX_SAFETENSORS_HEADER || len + 8 > Files.size(file) || head[8] != '{') {
                return file.getFileName() + " is not a safetensors file (bad header)";
            }
            return null;
        } catch (IOException e) {
            return file.getFileName() + " cannot be read: " + e.getMessage();
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    static String stripExtension(String file) {
        int dot = file.lastIndexOf('.');
        return dot > 0 ? file.substring(0, dot) : file;
    }
}

package dev.easel.upscale;

import dev.easel.model.ModelEntry;
import dev.easel.model.ModelKind;
import dev.easel.model.ModelStore;
import dev.easel.onnx.OrtSettings;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The upscalers a model store offers, under A1111's names: "None", "Lanczos", "Nearest", then every
 * ready {@code upscalers/*.onnx} by its file name, the Real-ESRGAN files under A1111's names for them
 * ("R-ESRGAN 4x+" for {@code RealESRGAN_x4plus.onnx}); a file may be asked for by either name.
 * Models are opened on first use and kept open until {@link #close()}. Safe to share between
 * threads; one upscale per model at a time (the bridge runs one job at a time).
 */
public final class Upscalers implements AutoCloseable {
    /** A1111's names for the Real-ESRGAN models (modules/realesrgan_model.py), by lower-case file stem. */
    private static final Map<String, String> A1111_NAMES = Map.of(
            "realesrgan_x4plus", "R-ESRGAN 4x+",
            "realesrgan_x4plus_anime_6b", "R-ESRGAN 4x+ Anime6B",
            "realesr-general-x4v3", "R-ESRGAN General 4xV3",
            "realesr-general-wdn-x4v3", "R-ESRGAN General WDN 4xV3",
            "realesr-animevideov3", "R-ESRGAN AnimeVideo",
            "realesrgan_x2plus", "R-ESRGAN 2x+");
    /** A1111's {@code UpscalerData.scale} default. */
    private static final int DEFAULT_SCALE = 4;
    private static final Pattern SCALE_IN_NAME = Pattern.compile("(?:^|[^a-z0-9])(?:x([1-8])|([1-8])x)(?![0-9])");

    private final Path storeRoot;
    private final OrtSettings ort;
    private TileSettings tiles;
    private final Map<Path, ModelUpscaler> open = new HashMap<>();

    public Upscalers(Path storeRoot, OrtSettings ort, TileSettings tiles) {
        this.storeRoot = storeRoot;
        this.ort = ort;
        this.tiles = tiles;
    }

    /** Every upscaler clients may choose, built-ins first. */
    public synchronized List<UpscalerInfo> list() {
        List<UpscalerInfo> out = new ArrayList<>();
        for (String builtIn : List.of(ResampleUpscaler.NONE, ResampleUpscaler.LANCZOS, ResampleUpscaler.NEAREST)) {
            out.add(new UpscalerInfo(builtIn, null, null, DEFAULT_SCALE));
        }
        models().forEach((name, entry) -> out.add(new UpscalerInfo(name, entry.name(), entry.path(), scaleOf(entry.name()))));
        return out;
    }

    /** The names of {@link #list()}. */
    public List<String> names() {
        return list().stream().map(UpscalerInfo::name).toList();
    }

    /**
     * The upscaler called {@code name} (A1111 name or file name, case-insensitive).
     *
     * @throws IllegalArgumentException naming the available upscalers when there is none by that name
     */
    public synchronized Upscaler get(String name) {
        if (name == null || name.isBlank() || name.equalsIgnoreCase(ResampleUpscaler.NONE)) return ResampleUpscaler.none();
        if (name.equalsIgnoreCase(ResampleUpscaler.LANCZOS)) return ResampleUpscaler.lanczos();
        if (name.equalsIgnoreCase(ResampleUpscaler.NEAREST)) return ResampleUpscaler.nearest();
        for (Map.Entry<String, ModelEntry> e : models().entrySet()) {
            ModelEntry m = e.getValue();
            if (e.getKey().equalsIgnoreCase(name) || m.name().equalsIgnoreCase(name)) {
                return open.computeIfAbsent(m.path(), p -> ModelUpscaler.open(e.getKey(), p, ort, tiles));
            }
        }
        for (ModelEntry broken : ModelStore.scan(storeRoot).byKind(ModelKind.UPSCALER)) {
            if (!broken.ready() && broken.name().equalsIgnoreCase(name)) {
                throw new IllegalArgumentException("upscaler '" + name + "' is not usable: " + broken.problem());
            }
        }
        throw new IllegalArgumentException("could not find upscaler named '" + name + "'; available: " + names()
                + " (model files go in " + storeRoot.resolve(ModelKind.UPSCALER.folder()) + ")");
    }

    /** Applies A1111's {@code ESRGAN_tile} / {@code ESRGAN_tile_overlap}: open models are reopened with them. */
    public synchronized void tileSettings(TileSettings settings) {
        if (settings.equals(tiles)) return;
        tiles = settings;
        closeAll();
    }

    public synchronized TileSettings tileSettings() { return tiles; }

    /**
     * A1111's resize with an upscaler ({@code images.resize_image}'s inner {@code resize}): the named
     * upscaler enlarges when the target is larger, then Lanczos gives exactly {@code width x height}.
     */
    public Raster resize(String name, Raster image, int width, int height, Monitor monitor) {
        Raster im = image;
        double scale = Math.max((double) width / im.width(), (double) height / im.height());
        boolean plain = name == null || name.equalsIgnoreCase(ResampleUpscaler.NONE);
        if (!plain && scale > 1.0) im = get(name).upscale(im, scale, monitor);
        if (im.width() != width || im.height() != height) im = RasterResize.lanczos(im, width, height);
        return im;
    }

    /** Aborts model calls in flight on every open upscaler. */
    public synchronized void interrupt() {
        open.values().forEach(Upscaler::interrupt);
    }

    private Map<String, ModelEntry> models() {
        Map<String, ModelEntry> out = new LinkedHashMap<>();
        for (ModelEntry e : ModelStore.scan(storeRoot).ready(ModelKind.UPSCALER)) {
            out.putIfAbsent(A1111_NAMES.getOrDefault(e.name().toLowerCase(Locale.ROOT), e.name()), e);
        }
        return out;
    }

    static int scaleOf(String fileStem) {
        Matcher m = SCALE_IN_NAME.matcher(fileStem.toLowerCase(Locale.ROOT));
        if (!m.find()) return DEFAULT_SCALE;
        return Integer.parseInt(m.group(1) != null ? m.group(1) : m.group(2));
    }

    private void closeAll() {
        open.values().forEach(ModelUpscaler::close);
        open.clear();
    }

    @Override
    public synchronized void close() {
        closeAll();
    }
}

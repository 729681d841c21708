package dev.easel.bridge.engine;

import dev.easel.bridge.http.ApiException;
import dev.easel.model.ModelKind;
import dev.easel.model.ModelStore;
import dev.easel.onnx.OrtSettings;
import dev.easel.upscale.ModelUpscaler;
import dev.easel.upscale.ResampleUpscaler;
import dev.easel.upscale.TileSettings;
import dev.easel.upscale.Upscaler;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Upscalers by A1111 name: the plain resamplers, then every ready model in the store's
 * {@code upscalers/} folder. Models open on first use and stay open until the pool closes.
 */
final class UpscalerPool implements AutoCloseable {
    /** A scale written in a model's name ("4x-UltraSharp", "RealESRGAN_x2plus"); 4 when none is. */
    private static final Pattern SCALE_IN_NAME = Pattern.compile("(?i)(?:x(\\d)|(\\d)x)");
    private static final int DEFAULT_MODEL_SCALE = 4;

    private final Supplier<ModelStore> store;
    private final OrtSettings ort;
    private final Map<String, Upscaler> open = new LinkedHashMap<>();

    UpscalerPool(Supplier<ModelStore> store, OrtSettings ort) {
        this.store = store;
        this.ort = ort;
    }

    List<UpscalerEntry> list() {
        List<UpscalerEntry> out = new ArrayList<>();
        out.add(new UpscalerEntry(ResampleUpscaler.NONE, null, 1));
        out.add(new UpscalerEntry(ResampleUpscaler.LANCZOS, null, 4));
        out.add(new UpscalerEntry(ResampleUpscaler.NEAREST, null, 4));
        for (dev.easel.model.ModelEntry e : store.get().ready(ModelKind.UPSCALER)) {
            out.add(new UpscalerEntry(e.name(), e.name(), scaleFromName(e.name())));
        }
        return out;
    }

    /** Worker thread: the upscaler named {@code name}, opened if needed. */
    synchronized Upscaler get(String name, TileSettings tiles) {
        return switch (name) {
            case ResampleUpscaler.NONE -> ResampleUpscaler.none();
            case ResampleUpscaler.LANCZOS -> ResampleUpscaler.lanczos();
            case ResampleUpscaler.NEAREST -> ResampleUpscaler.nearest();
            default -> {
                String key = name + "@" + tiles.tile() + "/" + tiles.overlap();
                Upscaler u = open.get(key);
                if (u == null) {
                    dev.easel.model.ModelEntry e = store.get().find(ModelKind.UPSCALER, name)
                            .filter(dev.easel.model.ModelEntry::ready)
                            .orElseThrow(() -> ApiException.badField("upscaler_1", "upscaler '" + name + "' is not installed"));
                    u = ModelUpscaler.open(e.name(), e.path(), ort, tiles);
                    open.put(key, u);
                }
                yield u;
            }
        };
    }

    static double scaleFromName(String name) {
        Matcher m = SCALE_IN_NAME.matcher(name);
        if (m.find()) return Integer.parseInt(m.group(1) != null ? m.group(1) : m.group(2));
        return DEFAULT_MODEL_SCALE;
    }

    @Override
    public synchronized void close() {
        open.values().forEach(Upscaler::close);
        open.clear();
    }
}

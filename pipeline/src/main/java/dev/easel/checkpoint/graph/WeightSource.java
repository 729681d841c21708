package dev.easel.checkpoint.graph;

import dev.easel.checkpoint.SafetensorsFile;
import dev.easel.checkpoint.TensorInfo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Map;

/**
 * The checkpoint tensors a graph builder reads, by ldm key name. Keys are looked up as given; old
 * checkpoints whose CLIP keys lack the {@code text_model.} level are read through an alias.
 */
public final class WeightSource {

    private static final String CLIP = "cond_stage_model.transformer.";
    private static final String CLIP_TEXT = CLIP + "text_model.";

    private final SafetensorsFile file;

    public WeightSource(SafetensorsFile file) {
        this.file = file;
    }

    public Map<String, TensorInfo> tensors() { return file.tensors(); }

    public boolean has(String key) { return resolve(key) != null; }

    public TensorInfo info(String key) {
        String k = resolve(key);
        if (k == null) throw new IllegalArgumentException(file.path().getFileName() + ": missing tensor '" + key + "'");
        return file.tensors().get(k);
    }

    /** The tensor's stored bytes (little-endian, its own dtype), memory-mapped. */
    public ByteBuffer raw(String key) {
        try {
            return file.raw(info(key).name());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public float[] floats(String key) {
        try {
            return file.floats(info(key).name());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String resolve(String key) {
        if (file.contains(key)) return key;
        if (key.startsWith(CLIP_TEXT)) {
            String old = CLIP + key.substring(CLIP_TEXT.length());
            if (file.contains(old)) return old;
        }
        return null;
    }
}

package dev.easel.checkpoint;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A1111's checkpoint merger ({@code modules/extras.py: run_modelmerger}) over safetensors files,
 * streamed tensor by tensor into a new file:
 * <ul>
 *   <li>weighted sum: {@code A * (1 - M) + B * M};</li>
 *   <li>add difference: {@code A + (B - C) * M}.</li>
 * </ul>
 * As in A1111, only keys containing {@code model} are merged (the schedule buffers and
 * {@code position_ids} stay A's), keys only B has are added, and an inpainting A may be merged with
 * an ordinary B (only its first 4 input channels change). Unlike A1111, which fails midway on a shape
 * mismatch, incompatible inputs are refused before anything is written, with the reason.
 */
public final class CheckpointMerger {

    public enum Mode {
        WEIGHTED_SUM("Weighted sum"), ADD_DIFFERENCE("Add difference");

        private final String a1111;

        Mode(String a1111) { this.a1111 = a1111; }

        public String a1111Name() { return a1111; }

        /** From A1111's {@code interp_method} names ("Weighted sum", "Add difference"). */
        public static Mode parse(String s) {
            for (Mode m : values()) if (m.a1111.equalsIgnoreCase(s) || m.name().equalsIgnoreCase(s)) return m;
            throw new IllegalArgumentException("unknown merge method '" + s + "': use \"Weighted sum\" or \"Add difference\"");
        }
    }

    /**
     * @param tertiary   C, needed by add difference, ignored by weighted sum
     * @param saveAsHalf write fp16 (A1111's "Save as float16"); otherwise each tensor keeps A's dtype
     */
    public record Request(Path primary, Path secondary, Path tertiary, Mode mode, float multiplier, Path output,
                         boolean saveAsHalf) {}

    /** A1111's {@code checkpoint_dict_skip_on_merge}. */
    static final List<String> SKIP_ON_MERGE = List.of("cond_stage_model.transformer.text_model.embeddings.position_ids");

    private CheckpointMerger() {}

    /** Merges into {@code request.output()} (which must not exist); returns its path. */
    public static Path merge(Request r, SafetensorsWriter.Progress progress) throws IOException {
        if (r.mode() == Mode.ADD_DIFFERENCE && r.tertiary() == null) {
            throw new IllegalArgumentException("add difference needs a tertiary model C (the result is A + (B - C) * M)");
        }
        if (!Float.isFinite(r.multiplier())) throw new IllegalArgumentException("the multiplier must be a number");
        if (Files.exists(r.output())) {
            throw new IllegalArgumentException(r.output().getFileName() + " already exists; choose another name");
        }
        if (!CheckpointFiles.isSafetensors(r.output())) throw new IllegalArgumentException("the merged file must end in .safetensors");
        try (SafetensorsFile a = SafetensorsFile.open(r.primary());
             SafetensorsFile b = SafetensorsFile.open(r.secondary());
             SafetensorsFile c = r.mode() == Mode.ADD_DIFFERENCE ? SafetensorsFile.open(r.tertiary()) : null) {
            checkCompatible(a, b, "A", "B", true);
            if (c != null) checkCompatible(b, c, "B", "C", false);
            List<SafetensorsWriter.Entry> entries = new ArrayList<>();
            for (TensorInfo t : a.tensors().values()) entries.add(entry(t, a, b, c, r));
            for (TensorInfo t : b.tensors().values()) {
                if (mergeable(t.name()) && !a.contains(t.name())) entries.add(copy(b, t, r.saveAsHalf()));
            }
            Map<String, String> meta = new LinkedHashMap<>();
            meta.put("format", "pt");
            meta.put("sd_merge_recipe", recipe(r));
            SafetensorsWriter.write(r.output(), entries, meta, progress);
        }
        return r.output();
    }

    private static boolean mergeable(String key) {
        return key.contains("model") && !SKIP_ON_MERGE.contains(key);
    }

    /** Same family, and every shared key the same shape (bar the inpainting input convolution, which A must hold). */
    private static void checkCompatible(SafetensorsFile x, SafetensorsFile y, String xn, String yn, boolean inpaintingX) {
        Detection dx = FamilyDetector.detect(x), dy = FamilyDetector.detect(y);
        String fx = x.path().getFileName().toString(), fy = y.path().getFileName().toString();
        if (dx.family() == ModelFamily.UNKNOWN || dy.family() == ModelFamily.UNKNOWN) {
            throw new IllegalArgumentException("cannot merge: " + (dx.family() == ModelFamily.UNKNOWN ? fx + " (" + xn + "): " + dx.problem()
                    : fy + " (" + yn + "): " + dy.problem()));
        }
        if (dx.family() != dy.family()) {
            throw new IllegalArgumentException("cannot merge " + fx + " (" + dx.description() + ") with " + fy + " ("
                    + dy.description() + "): the models are different families");
        }
        for (TensorInfo tx : x.tensors().values()) {
            TensorInfo ty = y.tensors().get(tx.name());
            if (ty == null || !mergeable(tx.name()) || Arrays.equals(tx.shape(), ty.shape())) continue;
            if (inpaintingX && isInpaintInput(tx, ty)) {
                if (tx.dim(1) == 4 && ty.dim(1) == 9) {
                    throw new IllegalArgumentException("when merging an inpainting model with a normal one, " + xn
                            + " must be the inpainting model (" + fy + " is, " + fx + " is not)");
                }
                if (tx.dim(1) == 9 && ty.dim(1) == 4) continue;
            }
            throw new IllegalArgumentException("cannot merge " + fx + " with " + fy + ": tensor " + tx.name() + " is "
                    + Arrays.toString(tx.shape()) + " in " + xn + " but " + Arrays.toString(ty.shape()) + " in " + yn);
        }
    }

    private static boolean isInpaintInput(TensorInfo a, TensorInfo b) {
        return a.rank() == 4 && b.rank() == 4 && a.dim(0) == b.dim(0) && a.dim(2) == b.dim(2) && a.dim(3) == b.dim(3);
    }

    private static SafetensorsWriter.Entry entry(TensorInfo t, SafetensorsFile a, SafetensorsFile b, SafetensorsFile c, Request r) {
        String k = t.name();
        if (!mergeable(k) || !b.contains(k) || !t.dtype().isFloatingPoint()) return copy(a, t, r.saveAsHalf());
        DType out = r.saveAsHalf() ? DType.F16 : t.dtype();
        return new SafetensorsWriter.Entry(k, out, t.shape(), () -> {
            float[] x = a.floats(k), y = b.floats(k);
            float m = r.multiplier();
            if (r.mode() == Mode.ADD_DIFFERENCE) {
                // A1111 subtracts C from B first; a key C lacks makes the difference zero.
                if (c.contains(k)) {
                    float[] z = c.floats(k);
                    for (int i = 0; i < y.length; i++) y[i] = y[i] - z[i];
                } else {
                    y = new float[y.length];
                }
            }
            if (y.length != x.length) { // inpainting A, ordinary B: merge input channels 0..3 only
                mergeInpaintInput(x, y, t, m, r.mode());
            } else {
                for (int i = 0; i < x.length; i++) x[i] = combine(x[i], y[i], m, r.mode());
            }
            return encode(x, out);
        });
    }

    /** {@code theta_0[key][:, 0:4, :, :] = f(a[:, 0:4], b)}: A is [O, 9, kh, kw], B is [O, 4, kh, kw]. */
    private static void mergeInpaintInput(float[] x, float[] y, TensorInfo t, float m, Mode mode) {
        int o = (int) t.dim(0), inA = (int) t.dim(1), k = (int) (t.dim(2) * t.dim(3)), inB = y.length / (o * k);
        for (int oc = 0; oc < o; oc++) {
            for (int ic = 0; ic < inB; ic++) {
                for (int j = 0; j < k; j++) {
                    int ia = (oc * inA + ic) * k + j, ib = (oc * inB + ic) * k + j;
                    x[ia] = combine(x[ia], y[ib], m, mode);
                }
            }
        }
    }

    private static float combine(float a, float b, float m, Mode mode) {
        return mode == Mode.WEIGHTED_SUM ? (1 - m) * a + m * b : a + m * b;
    }

    private static SafetensorsWriter.Entry copy(SafetensorsFile f, TensorInfo t, boolean half) {
        if (!half || !t.dtype().isFloatingPoint() || t.dtype() == DType.F16) {
            return new SafetensorsWriter.Entry(t.name(), t.dtype(), t.shape(), () -> f.raw(t.name()));
        }
        return new SafetensorsWriter.Entry(t.name(), DType.F16, t.shape(), () -> encode(f.floats(t.name()), DType.F16));
    }

    private static ByteBuffer encode(float[] v, DType dtype) {
        if (dtype == DType.F64) {
            ByteBuffer b = ByteBuffer.allocate(v.length * 8).order(ByteOrder.LITTLE_ENDIAN);
            for (float f : v) b.putDouble(f);
            return b.flip();
        }
        ByteBuffer b = ByteBuffer.allocate(v.length * dtype.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        Dtypes.putFloats(v, 0, v.length, dtype, b);
        return b.flip();
    }

    private static String recipe(Request r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "webui");
        m.put("primary_model", r.primary().getFileName().toString());
        m.put("secondary_model", r.secondary().getFileName().toString());
        m.put("tertiary_model", r.mode() == Mode.ADD_DIFFERENCE ? r.tertiary().getFileName().toString() : null);
        m.put("interp_method", r.mode().a1111Name());
        m.put("multiplier", r.multiplier());
        m.put("save_as_half", r.saveAsHalf());
        try {
            return new ObjectMapper().writeValueAsString(m);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.easel.upscale;

import dev.easel.onnx.ElementType;
import dev.easel.onnx.IoInfo;
import dev.easel.onnx.OnnxSession;
import dev.easel.onnx.OrtSettings;
import dev.easel.onnx.Tensor;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An ESRGAN-family ONNX upscaler as a {@link TileModel}. Nothing is assumed about the export: the
 * image input is the first rank-4 floating-point input, the result the first rank-4 output, fixed
 * or free H and W and the channel count come from the declared shape, and fp16 graphs are converted
 * at the session boundary. Allocation failures in ONNX Runtime or the JVM become
 * {@link TileTooLargeException}s so the tiler can retry smaller.
 */
public final class OnnxTileModel implements TileModel, AutoCloseable {
    private final OnnxSession session;
    private final String input;
    private final String output;
    private final int channels;
    private final int fixedWidth;
    private final int fixedHeight;

    public OnnxTileModel(OnnxSession session) {
        this.session = session;
        IoInfo in = session.inputs().values().stream()
                .filter(i -> i.rank() == 4 && isFloat(i.type())).findFirst()
                .orElseThrow(() -> new UpscaleException(session.name() + " is not an image upscaler: it has no "
                        + "[1, 3, H, W] floating-point input (inputs: " + session.inputs().values() + ")"));
        IoInfo out = session.outputs().values().stream().filter(o -> o.rank() == 4).findFirst()
                .orElseThrow(() -> new UpscaleException(session.name() + " is not an image upscaler: it has no "
                        + "[1, 3, H, W] output (outputs: " + session.outputs().values() + ")"));
        if (session.inputs().size() != 1) {
            throw new UpscaleException(session.name() + " takes " + session.inputs().size()
                    + " inputs; an upscaler takes only the image");
        }
        long c = in.dim(1);
        if (c != -1 && c != 1 && c != 3) {
            throw new UpscaleException(session.name() + " reads " + c + " channels; upscalers read 3 (RGB) or 1 (grey)");
        }
        this.input = in.name();
        this.output = out.name();
        this.channels = c == 1 ? 1 : 3;
        this.fixedWidth = (int) in.dim(3);
        this.fixedHeight = (int) in.dim(2);
    }

    /** Opens an upscaler file on the configured device. */
    public static OnnxTileModel open(Path file, OrtSettings settings) {
        OnnxSession s = OnnxSession.open(file, settings);
        try {
            return new OnnxTileModel(s);
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
    }

    private static boolean isFloat(ElementType t) {
        return t == ElementType.FLOAT || t == ElementType.FLOAT16 || t == ElementType.DOUBLE;
    }

    public OnnxSession session() { return session; }

    @Override public int inputChannels() { return channels; }
    @Override public int fixedWidth() { return fixedWidth; }
    @Override public int fixedHeight() { return fixedHeight; }

    @Override
    public Tensor run(Tensor tile) {
        try {
            return session.run(Map.of(input, tile), Set.of(output)).get(output);
        } catch (OutOfMemoryError e) {
            throw new TileTooLargeException("the JVM ran out of memory for a " + tile.dim(3) + "x" + tile.dim(2) + " tile", e);
        } catch (IllegalStateException e) {
            if (isAllocationFailure(e)) {
                throw new TileTooLargeException("ONNX Runtime could not allocate a " + tile.dim(3) + "x" + tile.dim(2)
                        + " tile: " + e.getMessage(), e);
            }
            throw e;
        }
    }

    /** ONNX Runtime's arena and CUDA report allocation failures in words, not codes. */
    static boolean isAllocationFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (m.contains("failed to allocate") || m.contains("out of memory") || m.contains("bad allocation")
                    || m.contains("bad_alloc") || m.contains("cudnn_status_alloc_failed")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        session.close();
    }
}

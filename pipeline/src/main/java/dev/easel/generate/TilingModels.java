package dev.easel.generate;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.easel.checkpoint.CheckpointDiffusionModel;
import dev.easel.model.DiffusionModel;
import dev.easel.model.OnnxDiffusionModel;
import dev.easel.onnx.OrtSettings;
import dev.easel.onnx.Tensor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Builds the seamless-texture ("tiling") twin of an ONNX model folder: a temporary folder mirroring
 * it through symbolic links, with the UNet's and both VAE graphs rewritten by {@link CircularPadding}.
 * External weight files stay where they are (linked), so only the small graph files are copied.
 */
public final class TilingModels {

    private static final List<String> REWRITTEN = List.of("unet/model.onnx", "vae_decoder/model.onnx", "vae_encoder/model.onnx");

    private TilingModels() { }

    /** {@link #circular(DiffusionModel, OrtSettings)} on the automatic device choice. */
    public static DiffusionModel circular(DiffusionModel model) {
        return circular(model, OrtSettings.auto());
    }

    /**
     * @throws IllegalStateException saying why when the model is not an ONNX folder or a graph cannot be rewritten
     */
    public static DiffusionModel circular(DiffusionModel model, OrtSettings settings) {
        if (model instanceof CheckpointDiffusionModel checkpoint) {
            return checkpoint.tiledTwin(); // Easel built its graphs: they pad circularly by construction
        }
        if (!(model instanceof OnnxDiffusionModel onnx)) {
            throw new IllegalStateException("circular padding needs a model loaded from an ONNX folder, and "
                    + model.name() + " is not one");
        }
        Path src = onnx.folder();
        Path dir = null;
        try {
            dir = Files.createTempDirectory("easel-tiling-");
            mirror(src, dir);
            for (String part : REWRITTEN) {
                Path graph = src.resolve(part);
                if (!Files.isRegularFile(graph)) continue;
                ModelProto proto;
                try (InputStream in = Files.newInputStream(graph)) {
                    proto = ModelProto.parseFrom(in);
                } catch (IOException e) {
                    throw new IllegalStateException(part + " could not be read for tiling: " + e.getMessage(), e);
                }
                ModelProto circular;
                try {
                    circular = CircularPadding.rewrite(proto);
                } catch (IllegalStateException e) {
                    throw new IllegalStateException(part + " of " + model.name() + ": " + e.getMessage(), e);
                }
                Path out = dir.resolve(part);
                Files.deleteIfExists(out);
                Files.write(out, circular.toByteArray());
            }
            return new Owned(OnnxDiffusionModel.open(dir, settings), model.name(), dir);
        } catch (IOException e) {
            deleteQuietly(dir);
            throw new UncheckedIOException("could not prepare the tiling model: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteQuietly(dir);
            throw e;
        }
    }

    /** Recreates the folder tree of {@code src} under {@code dst}, files as symbolic links. */
    private static void mirror(Path src, Path dst) throws IOException {
        try (Stream<Path> walk = Files.walk(src)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path rel = src.relativize(p);
                Path target = dst.resolve(rel.toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.createSymbolicLink(target, p.toAbsolutePath());
                }
            }
        }
    }

    static void deleteQuietly(Path dir) {
        if (dir == null) return;
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // a leftover temporary file is harmless
                }
            });
        } catch (IOException ignored) {
            // nothing to clean
        }
    }

    /** The rewritten model under the original's name; closing it removes the temporary folder. */
    private record Owned(OnnxDiffusionModel inner, String name, Path dir) implements DiffusionModel {
        @Override public int unetInChannels() { return inner.unetInChannels(); }
        @Override public int hiddenSize() { return inner.hiddenSize(); }
        @Override public Path tokenizerDir() { return inner.tokenizerDir(); }
        @Override public Path schedulerConfig() { return inner.schedulerConfig(); }
        @Override public Tensor encodeText(int[] ids, int batch, int clipSkip) { return inner.encodeText(ids, batch, clipSkip); }
        @Override public Tensor unet(Tensor sample, float[] t, Tensor ehs) { return inner.unet(sample, t, ehs); }
        @Override public Tensor decode(Tensor latents) { return inner.decode(latents); }
        @Override public Tensor encodeMoments(Tensor images) { return inner.encodeMoments(images); }
        @Override public void interrupt() { inner.interrupt(); }
        @Override public void clearInterrupt() { inner.clearInterrupt(); }

        @Override
        public void close() {
            inner.close();
            deleteQuietly(dir);
        }
    }
}

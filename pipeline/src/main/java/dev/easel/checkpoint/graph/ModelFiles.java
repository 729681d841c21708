package dev.easel.checkpoint.graph;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.ByteString;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a {@link Net} as {@code model.onnx} plus an external data file beside it holding the weights,
 * streamed one tensor at a time from the checkpoint (protobuf cannot hold more than 2 GB, and the
 * SD 1.5 UNet alone is 3.4 GB in fp32). Tensors start on 4 KB boundaries in the data file so ONNX
 * Runtime can map them.
 */
public final class ModelFiles {

    /** The external data file's name, as optimum's exports call it. */
    public static final String DATA_FILE = "model.onnx_data";
    /** Initializers smaller than this stay inside the model file. */
    static final int INLINE_LIMIT = 1024;
    static final int ALIGNMENT = 4096;

    private ModelFiles() {}

    /** Writes {@code net} to {@code modelFile} and {@link #DATA_FILE} beside it; returns the bytes of weights written. */
    public static long write(Net net, Path modelFile) throws IOException {
        OnnxMl.ModelProto model = net.builder().build();
        OnnxMl.GraphProto.Builder graph = model.getGraph().toBuilder();
        Path dir = modelFile.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path data = dir.resolve(DATA_FILE);
        Path dataTmp = dir.resolve(DATA_FILE + ".tmp");
        long offset = 0;
        try (FileChannel out = FileChannel.open(dataTmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (Net.Deferred d : net.weights()) {
                ByteBuffer bytes = d.bytes().get();
                OnnxMl.TensorProto.Builder t = OnnxMl.TensorProto.newBuilder().setName(d.name()).setDataType(d.type().getNumber());
                for (long dim : d.dims()) t.addDims(dim);
                int size = bytes.remaining();
                if (size < INLINE_LIMIT) {
                    t.setRawData(ByteString.copyFrom(bytes));
                } else {
                    offset = (offset + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
                    long pos = offset;
                    while (bytes.hasRemaining()) pos += out.write(bytes, pos);
                    t.setDataLocation(OnnxMl.TensorProto.DataLocation.EXTERNAL)
                            .addExternalData(entry("location", DATA_FILE))
                            .addExternalData(entry("offset", Long.toString(offset)))
                            .addExternalData(entry("length", Integer.toString(size)));
                    offset += size;
                }
                graph.addInitializer(t);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(dataTmp);
            throw e;
        }
        Files.move(dataTmp, data, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Path modelTmp = dir.resolve(modelFile.getFileName() + ".tmp");
        Files.write(modelTmp, model.toBuilder().setGraph(graph).build().toByteArray());
        Files.move(modelTmp, modelFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return offset;
    }

    private static OnnxMl.StringStringEntryProto entry(String k, String v) {
        return OnnxMl.StringStringEntryProto.newBuilder().setKey(k).setValue(v).build();
    }
}

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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes {@link Net}s as {@code .onnx} files plus one external data file beside them holding the
 * weights, streamed one tensor at a time from the checkpoint (protobuf cannot hold more than 2 GB,
 * and the SD 1.5 UNet alone is 3.4 GB in fp32). Several graphs in one folder may share the data file:
 * a weight of the same name is written once. Tensors start on 4 KB boundaries so ONNX Runtime can map
 * them.
 */
public final class ModelFiles {

    /** The external data file's name, as optimum's exports call it. */
    public static final String DATA_FILE = "model.onnx_data";
    /** Initializers smaller than this stay inside the model file. */
    static final int INLINE_LIMIT = 1024;
    static final int ALIGNMENT = 4096;

    private ModelFiles() {}

    /** Writes {@code net} to {@code modelFile} and {@link #DATA_FILE} beside it; returns the data file's size. */
    public static long write(Net net, Path modelFile) throws IOException {
        return writeShared(Map.of(modelFile, net));
    }

    /** Writes each graph to its file (all in one folder), sharing one {@link #DATA_FILE}. */
    public static long writeShared(Map<Path, Net> graphs) throws IOException {
        Path dir = null;
        for (Path p : graphs.keySet()) {
            Path d = p.toAbsolutePath().getParent();
            if (dir != null && !dir.equals(d)) throw new IllegalArgumentException("graphs sharing weights must share a folder");
            dir = d;
        }
        Files.createDirectories(dir);
        Map<String, OnnxMl.TensorProto> written = new LinkedHashMap<>();
        Path data = dir.resolve(DATA_FILE);
        Path dataTmp = dir.resolve(DATA_FILE + ".tmp");
        long offset = 0;
        try (FileChannel out = FileChannel.open(dataTmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (Net net : graphs.values()) {
                for (Net.Deferred d : net.weights()) {
                    if (written.containsKey(d.name())) continue;
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
                    written.put(d.name(), t.build());
                }
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(dataTmp);
            throw e;
        }
        Files.move(dataTmp, data, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        for (var e : graphs.entrySet()) {
            OnnxMl.ModelProto model = e.getValue().builder().build();
            List<OnnxMl.TensorProto> inits = new ArrayList<>();
            for (Net.Deferred d : e.getValue().weights()) inits.add(written.get(d.name()));
            OnnxMl.GraphProto graph = model.getGraph().toBuilder().addAllInitializer(inits).build();
            Path modelTmp = dir.resolve(e.getKey().getFileName() + ".tmp");
            Files.write(modelTmp, model.toBuilder().setGraph(graph).build().toByteArray());
            Files.move(modelTmp, e.getKey(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        return offset;
    }

    private static OnnxMl.StringStringEntryProto entry(String k, String v) {
        return OnnxMl.StringStringEntryProto.newBuilder().setKey(k).setValue(v).build();
    }
}

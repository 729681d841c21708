package dev.easel.model;

import ai.onnx.proto.OnnxMl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Cheap checks that a file is an ONNX model, without opening an ONNX Runtime session: the protobuf
 * starts as exporters write it, and small graphs (those whose weights live in external data files)
 * are parsed to check that every external file they name is there and long enough.
 */
final class OnnxFiles {

    /** Graphs up to this size are parsed fully; bigger ones hold their weights inline and get the header check only. */
    static final long PARSE_LIMIT_BYTES = 64L * 1024 * 1024;
    /** ModelProto field 1 (ir_version) as a varint: tag byte 0x08. Exporters write it first. */
    private static final int IR_VERSION_TAG = 0x08;
    private static final int MAX_IR_VERSION = 20;

    private OnnxFiles() { }

    /** Returns null when the file looks like a loadable ONNX model, else what is wrong. */
    static String problem(Path file) {
        if (!Files.isRegularFile(file)) return file.getFileName() + " is missing";
        try {
            long size = Files.size(file);
            if (size == 0) return file.getFileName() + " is empty";
            try (InputStream in = Files.newInputStream(file)) {
                int tag = in.read();
                int version = in.read();
                if (tag != IR_VERSION_TAG || version < 1 || version > MAX_IR_VERSION) {
                    return file.getFileName() + " is not an ONNX model (unexpected header)";
                }
            }
            if (size <= PARSE_LIMIT_BYTES) return externalDataProblem(file);
            return null;
        } catch (IOException e) {
            return file.getFileName() + " cannot be read: " + e.getMessage();
        }
    }

    private static String externalDataProblem(Path file) throws IOException {
        OnnxMl.ModelProto model;
        try (InputStream in = Files.newInputStream(file)) {
            model = OnnxMl.ModelProto.parseFrom(in);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            return file.getFileName() + " is not a valid ONNX model: " + e.getMessage();
        }
        if (!model.hasGraph()) return file.getFileName() + " has no graph";
        for (OnnxMl.TensorProto t : model.getGraph().getInitializerList()) {
            if (t.getDataLocation() != OnnxMl.TensorProto.DataLocation.EXTERNAL) continue;
            String location = null;
            long end = 0;
            long offset = 0;
            for (OnnxMl.StringStringEntryProto e : t.getExternalDataList()) {
                switch (e.getKey()) {
                    case "location" -> location = e.getValue();
                    case "offset" -> offset = Long.parseLong(e.getValue());
                    case "length" -> end = Long.parseLong(e.getValue());
                    default -> { }
                }
            }
            if (location == null) return file.getFileName() + ": weight " + t.getName() + " names no external file";
            Path data = file.resolveSibling(location);
            if (!Files.isRegularFile(data)) return "external weight file " + location + " is missing beside " + file.getFileName();
            if (Files.size(data) < offset + end) return "external weight file " + location + " is truncated";
        }
        return null;
    }

    /** Total size of a folder's files (0 when unreadable). */
    static long sizeOf(Path path) {
        try (var files = Files.walk(path)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException | java.io.UncheckedIOException e) {
            return 0;
        }
    }
}

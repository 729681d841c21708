package dev.easel.checkpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@code .safetensors} file tensor by tensor, so at most one tensor is in memory at a time.
 * The file is written under a {@code .part} name and moved into place at the end; an existing file is
 * never overwritten.
 */
public final class SafetensorsWriter {

    /** Produces one tensor's little-endian bytes; called exactly once, in file order. */
    @FunctionalInterface
    public interface Source {
        ByteBuffer bytes() throws IOException;
    }

    public record Entry(String name, DType dtype, long[] shape, Source source) {
        public long byteSize() {
            long n = dtype.bytes();
            for (long d : shape) n = Math.multiplyExact(n, d);
            return n;
        }
    }

    /** Told after each tensor: how many of {@code total} tensors are written. */
    @FunctionalInterface
    public interface Progress {
        void written(int done, int total, String name);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private SafetensorsWriter() {}

    /** Convenience entry for an fp32 array stored as {@code dtype} (F32, F16 or BF16). */
    public static Entry floats(String name, DType dtype, long[] shape, float[] values) {
        return new Entry(name, dtype, shape, () -> {
            ByteBuffer b = ByteBuffer.allocate(values.length * dtype.bytes()).order(ByteOrder.LITTLE_ENDIAN);
            Dtypes.putFloats(values, 0, values.length, dtype, b);
            return b.flip();
        });
    }

    public static void write(Path target, List<Entry> entries, Map<String, String> metadata, Progress progress)
            throws IOException {
        if (Files.exists(target)) throw new FileAlreadyExistsException(target + " already exists; choose another name");
        ObjectNode header = JSON.createObjectNode();
        if (metadata != null && !metadata.isEmpty()) {
            ObjectNode meta = header.putObject("__metadata__");
            metadata.forEach(meta::put);
        }
        long offset = 0;
        for (Entry e : entries) {
            ObjectNode t = header.putObject(e.name());
            t.put("dtype", e.dtype().name());
            ArrayNode shape = t.putArray("shape");
            for (long d : e.shape()) shape.add(d);
            ArrayNode off = t.putArray("data_offsets");
            off.add(offset);
            offset += e.byteSize();
            off.add(offset);
        }
        byte[] json = JSON.writeValueAsBytes(header);
        int padded = (json.length + 7) / 8 * 8; // the format pads the header with spaces to 8 bytes
        ByteBuffer head = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        head.putLong(padded).put(json);
        while (head.hasRemaining()) head.put((byte) ' ');
        head.flip();

        Path part = target.resolveSibling(target.getFileName() + ".part");
        Files.createDirectories(target.toAbsolutePath().getParent());
        try (FileChannel out = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            writeFully(out, head);
            int done = 0;
            for (Entry e : entries) {
                ByteBuffer b = e.source().bytes();
                if (b.remaining() != e.byteSize()) {
                    throw new IllegalStateException("tensor '" + e.name() + "' produced " + b.remaining()
                            + " bytes, expected " + e.byteSize());
                }
                writeFully(out, b);
                if (progress != null) progress.written(++done, entries.size(), e.name());
            }
        } catch (IOException | RuntimeException ex) {
            Files.deleteIfExists(part);
            throw ex;
        }
        Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
    }

    static void writeFully(FileChannel out, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) out.write(b);
    }
}

package dev.easel.checkpoint;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A read-only, memory-mapped {@code .safetensors} file: an 8-byte little-endian header length, a
 * JSON header mapping names to dtype, shape and byte offsets, then the raw little-endian data.
 * Every tensor is mapped on its own, so files larger than 2 GB need no special handling (a single
 * tensor must stay under 2 GB). The header is validated completely on {@link #open}: a malformed or
 * truncated file fails there with an {@link IllegalArgumentException} naming the file and the
 * problem, before any data is touched.
 */
public final class SafetensorsFile implements AutoCloseable {

    /** The safetensors format's own limit on the JSON header (100 MB, from the format's specification). */
    public static final long MAX_HEADER_BYTES = 100L * 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path path;
    private final FileChannel channel;
    private final long dataStart;
    private final Map<String, TensorInfo> tensors;
    private final Map<String, String> metadata;

    private SafetensorsFile(Path path, FileChannel channel, long dataStart,
                            Map<String, TensorInfo> tensors, Map<String, String> metadata) {
        this.path = path;
        this.channel = channel;
        this.dataStart = dataStart;
        this.tensors = tensors;
        this.metadata = metadata;
    }

    /**
     * Opens and validates {@code path}. Pickled PyTorch files are refused by {@link CheckpointFiles}
     * with an explanation; anything else that is not a well-formed safetensors file is an
     * {@link IllegalArgumentException}.
     */
    public static SafetensorsFile open(Path path) throws IOException {
        CheckpointFiles.refuseUnsafe(path);
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
        try {
            long size = ch.size();
            String what = path.getFileName() + ": ";
            if (size < 8) throw new IllegalArgumentException(what + "not a safetensors file (only " + size + " bytes)");
            ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, lenBuf, 0);
            long headerLen = lenBuf.getLong(0);
            if (headerLen <= 0 || headerLen > MAX_HEADER_BYTES || headerLen > size - 8) {
                throw new IllegalArgumentException(what + "not a safetensors file: the header length " + headerLen
                        + " does not fit a file of " + size + " bytes (limit " + MAX_HEADER_BYTES + ")");
            }
            ByteBuffer header = ByteBuffer.allocate((int) headerLen);
            readFully(ch, header, 8);
            long dataStart = 8 + headerLen;
            Parsed parsed = parseHeader(what, header.array(), size - dataStart);
            return new SafetensorsFile(path, ch, dataStart, parsed.tensors, parsed.metadata);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    private record Parsed(Map<String, TensorInfo> tensors, Map<String, String> metadata) {}

    private static Parsed parseHeader(String what, byte[] header, long dataSize) {
        JsonNode root;
        try {
            root = JSON.readTree(header);
        } catch (JsonParseException e) {
            throw new IllegalArgumentException(what + "the header is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException(what + "the header cannot be read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) throw new IllegalArgumentException(what + "the header is not a JSON object");
        TreeMap<String, TensorInfo> tensors = new TreeMap<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            JsonNode v = e.getValue();
            if (name.equals("__metadata__")) {
                if (!v.isObject()) throw new IllegalArgumentException(what + "__metadata__ is not an object");
                v.fields().forEachRemaining(m -> metadata.put(m.getKey(), m.getValue().asText()));
                continue;
            }
            tensors.put(name, parseEntry(what + "tensor '" + name + "': ", name, v, dataSize));
        }
        List<TensorInfo> byOffset = new ArrayList<>(tensors.values());
        byOffset.sort(Comparator.comparingLong(TensorInfo::begin).thenComparingLong(TensorInfo::end));
        for (int i = 1; i < byOffset.size(); i++) {
            TensorInfo a = byOffset.get(i - 1), b = byOffset.get(i);
            if (b.begin() < a.end()) {
                throw new IllegalArgumentException(what + "tensors '" + a.name() + "' and '" + b.name()
                        + "' overlap (bytes " + a.begin() + ".." + a.end() + " and " + b.begin() + ".." + b.end() + ")");
            }
        }
        return new Parsed(Collections.unmodifiableNavigableMap(tensors), Collections.unmodifiableMap(metadata));
    }

    private static TensorInfo parseEntry(String what, String name, JsonNode v, long dataSize) {
        if (!v.isObject()) throw new IllegalArgumentException(what + "entry is not an object");
        JsonNode dtypeNode = v.get("dtype"), shapeNode = v.get("shape"), offNode = v.get("data_offsets");
        if (dtypeNode == null || !dtypeNode.isTextual()) throw new IllegalArgumentException(what + "missing dtype");
        if (shapeNode == null || !shapeNode.isArray()) throw new IllegalArgumentException(what + "missing shape");
        if (offNode == null || !offNode.isArray() || offNode.size() != 2
                || !offNode.get(0).canConvertToLong() || !offNode.get(1).canConvertToLong()) {
            throw new IllegalArgumentException(what + "data_offsets must be [begin, end]");
        }
        DType dtype;
        try {
            dtype = DType.parse(dtypeNode.asText());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + e.getMessage());
        }
        long[] shape = new long[shapeNode.size()];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            JsonNode d = shapeNode.get(i);
            if (!d.canConvertToLong() || !d.isIntegralNumber() || d.asLong() < 0) {
                throw new IllegalArgumentException(what + "shape " + shapeNode + " has an invalid dimension");
            }
            shape[i] = d.asLong();
            try {
                count = Math.multiplyExact(count, shape[i]);
            } catch (ArithmeticException overflow) {
                throw new IllegalArgumentException(what + "shape " + shapeNode + " is too large");
            }
        }
        long begin = offNode.get(0).asLong(), end = offNode.get(1).asLong();
        if (begin < 0 || end < begin || end > dataSize) {
            throw new IllegalArgumentException(what + "data_offsets [" + begin + ", " + end
                    + "] fall outside the data area of " + dataSize + " bytes (truncated file?)");
        }
        long expected;
        try {
            expected = Math.multiplyExact(count, dtype.bytes());
        } catch (ArithmeticException overflow) {
            throw new IllegalArgumentException(what + "shape " + shapeNode + " is too large");
        }
        if (end - begin != expected) {
            throw new IllegalArgumentException(what + "shape " + shapeNode + " of " + dtype + " needs " + expected
                    + " bytes but data_offsets give " + (end - begin));
        }
        return new TensorInfo(name, dtype, shape, begin, end);
    }

    private static void readFully(FileChannel ch, ByteBuffer dst, long pos) throws IOException {
        while (dst.hasRemaining()) {
            int n = ch.read(dst, pos);
            if (n < 0) throw new IOException("unexpected end of file");
            pos += n;
        }
    }

    public Path path() { return path; }

    /** Every tensor by name, sorted by name. */
    public Map<String, TensorInfo> tensors() { return tensors; }

    /** The header's {@code __metadata__} strings (empty when absent). */
    public Map<String, String> metadata() { return metadata; }

    public boolean contains(String name) { return tensors.containsKey(name); }

    /** The entry for {@code name}; an {@link IllegalArgumentException} naming it when absent. */
    public TensorInfo info(String name) {
        TensorInfo t = tensors.get(name);
        if (t == null) throw new IllegalArgumentException(path.getFileName() + ": no tensor named '" + name + "'");
        return t;
    }

    /** Absolute file offset of the data area (where {@code begin = 0} lies). */
    public long dataStart() { return dataStart; }

    /** The tensor's raw bytes, memory-mapped, little-endian. */
    public ByteBuffer raw(String name) throws IOException {
        TensorInfo t = info(name);
        if (t.byteSize() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(path.getFileName() + ": tensor '" + name + "' is larger than 2 GB");
        }
        if (t.byteSize() == 0) return ByteBuffer.allocate(0).order(ByteOrder.LITTLE_ENDIAN);
        return channel.map(FileChannel.MapMode.READ_ONLY, dataStart + t.begin(), t.byteSize())
                .order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The tensor converted to fp32 (from F32, F16, BF16 or F64). */
    public float[] floats(String name) throws IOException {
        TensorInfo t = info(name);
        if (!t.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException(path.getFileName() + ": tensor '" + name + "' is " + t.dtype() + ", not a float type");
        }
        if (t.elementCount() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(path.getFileName() + ": tensor '" + name + "' is too large for one array");
        }
        return Dtypes.toFloats(raw(name), t.dtype(), (int) t.elementCount());
    }

    /** The tensor as longs (from I64, I32, I16, I8, U8 or BOOL). */
    public long[] longs(String name) throws IOException {
        TensorInfo t = info(name);
        if (t.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException(path.getFileName() + ": tensor '" + name + "' is " + t.dtype() + ", not an integer type");
        }
        ByteBuffer b = raw(name);
        long[] out = new long[(int) t.elementCount()];
        for (int i = 0; i < out.length; i++) {
            out[i] = switch (t.dtype()) {
                case I64 -> b.getLong(i * 8);
                case I32 -> b.getInt(i * 4);
                case I16 -> b.getShort(i * 2);
                case I8 -> b.get(i);
                case U8, BOOL -> b.get(i) & 0xff;
                default -> throw new AssertionError(t.dtype());
            };
        }
        return out;
    }

    @Override
    public void close() throws IOException { channel.close(); }
}

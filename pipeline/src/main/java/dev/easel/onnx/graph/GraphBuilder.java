package dev.easel.onnx.graph;

import ai.onnx.proto.OnnxMl;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import ai.onnxruntime.platform.Fp16Conversions;
import com.google.protobuf.ByteString;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds an ONNX {@code ModelProto} in code: typed inputs and outputs with fixed or symbolic
 * dimensions, initializers (fp32, fp16, int64, int32), nodes with attributes, metadata, and writing
 * to a file (optionally with the large initializers in an external data file beside it, as the big
 * UNet exports do).
 *
 * <p>Names are checked as they are added: a name used twice for two different values fails at once
 * rather than producing a model that ONNX Runtime rejects with a less helpful message.
 */
public final class GraphBuilder {

    /** Opset 17 has LayerNormalization and every op the SD graphs need. */
    public static final int DEFAULT_OPSET = 17;
    /** IR version 8 is what opset 17 models are written with. */
    private static final long IR_VERSION = 8;

    private final String graphName;
    private final List<OnnxMl.ValueInfoProto> inputs = new ArrayList<>();
    private final List<OnnxMl.ValueInfoProto> outputs = new ArrayList<>();
    private final List<OnnxMl.TensorProto> initializers = new ArrayList<>();
    private final List<OnnxMl.NodeProto> nodes = new ArrayList<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();
    private final Set<String> valueNames = new HashSet<>();
    private int opset = DEFAULT_OPSET;
    private int counter;
    private String producer = "easel";

    public GraphBuilder(String graphName) {
        this.graphName = graphName;
    }

    public GraphBuilder opset(int version) {
        this.opset = version;
        return this;
    }

    public GraphBuilder producer(String name) {
        this.producer = name;
        return this;
    }

    public GraphBuilder metadata(String key, String value) {
        metadata.put(key, value);
        return this;
    }

    /**
     * Declares a graph input. Each dimension is a {@code Number} (fixed size) or a {@code String}
     * (a symbolic dimension such as {@code "batch"}).
     */
    public String input(String name, DataType type, Object... dims) {
        claim(name);
        inputs.add(valueInfo(name, type, dims));
        return name;
    }

    /** Declares a graph output produced by some node (see {@link #input} for dims). */
    public GraphBuilder output(String name, DataType type, Object... dims) {
        outputs.add(valueInfo(name, type, dims));
        return this;
    }

    /** A unique value name with the given prefix, for intermediate values. */
    public String fresh(String prefix) {
        String name;
        do {
            name = prefix + "_" + counter++;
        } while (valueNames.contains(name));
        return name;
    }

    public String initializer(String name, long[] shape, float[] values) {
        checkCount(shape, values.length, name);
        ByteBuffer buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) buf.putFloat(v);
        return addInitializer(name, DataType.FLOAT, shape, buf);
    }

    /** Stores fp32 values as an fp16 initializer (round to nearest even). */
    public String initializerFp16(String name, long[] shape, float[] values) {
        checkCount(shape, values.length, name);
        ByteBuffer buf = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) buf.putShort(Fp16Conversions.floatToFp16(v));
        return addInitializer(name, DataType.FLOAT16, shape, buf);
    }

    public String initializerInt64(String name, long[] shape, long[] values) {
        checkCount(shape, values.length, name);
        ByteBuffer buf = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) buf.putLong(v);
        return addInitializer(name, DataType.INT64, shape, buf);
    }

    public String initializerInt32(String name, long[] shape, int[] values) {
        checkCount(shape, values.length, name);
        ByteBuffer buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) buf.putInt(v);
        return addInitializer(name, DataType.INT32, shape, buf);
    }

    /** A 1-D int64 constant, as Reshape, Slice, Unsqueeze and friends take their shape arguments. */
    public String int64s(long... values) {
        return initializerInt64(fresh("const_i64"), new long[] {values.length}, values);
    }

    /** A scalar fp32 constant (rank 0), for Mul/Add/Div by a number. */
    public String scalar(float value) {
        return initializer(fresh("const_f"), new long[0], new float[] {value});
    }

    /** Starts a node; nothing is added to the graph until one of its output methods is called. */
    public Node node(String opType, String... inputNames) {
        return new Node(opType, inputNames);
    }

    /** Shorthand for a node with no attributes and one output. */
    public String op(String opType, String... inputNames) {
        return node(opType, inputNames).out();
    }

    public OnnxMl.ModelProto build() {
        OnnxMl.GraphProto.Builder graph = OnnxMl.GraphProto.newBuilder().setName(graphName)
                .addAllInput(inputs).addAllOutput(outputs).addAllInitializer(initializers).addAllNode(nodes);
        OnnxMl.ModelProto.Builder model = OnnxMl.ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .setProducerName(producer)
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset))
                .setGraph(graph);
        metadata.forEach((k, v) -> model.addMetadataProps(
                OnnxMl.StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
        return model.build();
    }

    public byte[] toBytes() {
        return build().toByteArray();
    }

    /** Writes the model to {@code file} (atomically: a temporary file beside it, then a move). */
    public void write(Path file) throws IOException {
        writeBytes(file, toBytes());
    }

    /**
     * Writes the model with every initializer of at least {@code minBytes} bytes moved into
     * {@code dataFileName} beside it (ONNX external data), as exports over 2 GB must; ONNX Runtime
     * finds the file when the session is opened from the model's path.
     */
    public void writeWithExternalData(Path file, String dataFileName, int minBytes) throws IOException {
        OnnxMl.ModelProto model = build();
        OnnxMl.GraphProto.Builder graph = model.getGraph().toBuilder();
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path dataFile = file.resolveSibling(dataFileName);
        Path tmp = dataFile.resolveSibling(dataFileName + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            long offset = 0;
            for (int i = 0; i < graph.getInitializerCount(); i++) {
                OnnxMl.TensorProto t = graph.getInitializer(i);
                if (t.getRawData().size() < minBytes) continue;
                ByteString raw = t.getRawData();
                raw.writeTo(out);
                graph.setInitializer(i, t.toBuilder().clearRawData()
                        .setDataLocation(OnnxMl.TensorProto.DataLocation.EXTERNAL)
                        .addExternalData(entry("location", dataFileName))
                        .addExternalData(entry("offset", Long.toString(offset)))
                        .addExternalData(entry("length", Integer.toString(raw.size()))));
                offset += raw.size();
            }
        }
        Files.move(tmp, dataFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        writeBytes(file, model.toBuilder().setGraph(graph).build().toByteArray());
    }

    private static void writeBytes(Path file, byte[] bytes) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
        try {
            Files.write(tmp, bytes);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static OnnxMl.StringStringEntryProto entry(String k, String v) {
        return OnnxMl.StringStringEntryProto.newBuilder().setKey(k).setValue(v).build();
    }

    private String addInitializer(String name, DataType type, long[] shape, ByteBuffer littleEndian) {
        claim(name);
        OnnxMl.TensorProto.Builder t = OnnxMl.TensorProto.newBuilder().setName(name).setDataType(type.getNumber());
        for (long d : shape) t.addDims(d);
        littleEndian.flip();
        t.setRawData(ByteString.copyFrom(littleEndian));
        initializers.add(t.build());
        return name;
    }

    private void claim(String name) {
        if (name == null || name.isEmpty()) throw new IllegalArgumentException("value names must be non-empty");
        if (!valueNames.add(name)) throw new IllegalArgumentException("value '" + name + "' is already defined");
    }

    private static void checkCount(long[] shape, int count, String name) {
        long n = 1;
        for (long d : shape) n *= d;
        if (n != count) {
            throw new IllegalArgumentException("initializer '" + name + "' has shape " + java.util.Arrays.toString(shape)
                    + " (" + n + " values) but " + count + " values were given");
        }
    }

    private static OnnxMl.ValueInfoProto valueInfo(String name, DataType type, Object... dims) {
        OnnxMl.TensorShapeProto.Builder shape = OnnxMl.TensorShapeProto.newBuilder();
        for (Object d : dims) {
            OnnxMl.TensorShapeProto.Dimension.Builder dim = OnnxMl.TensorShapeProto.Dimension.newBuilder();
            if (d instanceof Number n) dim.setDimValue(n.longValue());
            else if (d instanceof String s) dim.setDimParam(s);
            else throw new IllegalArgumentException("dimension of '" + name + "' must be a number or a name, got " + d);
            shape.addDim(dim);
        }
        OnnxMl.TypeProto.Tensor.Builder tensor = OnnxMl.TypeProto.Tensor.newBuilder()
                .setElemType(type.getNumber()).setShape(shape);
        return OnnxMl.ValueInfoProto.newBuilder().setName(name)
                .setType(OnnxMl.TypeProto.newBuilder().setTensorType(tensor)).build();
    }

    /** One node being described: attributes first, then one of the output methods adds it. */
    public final class Node {
        private final OnnxMl.NodeProto.Builder proto;

        private Node(String opType, String... inputNames) {
            proto = OnnxMl.NodeProto.newBuilder().setOpType(opType);
            for (String in : inputNames) proto.addInput(in == null ? "" : in);
        }

        public Node domain(String domain) {
            proto.setDomain(domain);
            return this;
        }

        public Node attr(String name, long value) {
            proto.addAttribute(attribute(name, OnnxMl.AttributeProto.AttributeType.INT).setI(value));
            return this;
        }

        public Node attr(String name, float value) {
            proto.addAttribute(attribute(name, OnnxMl.AttributeProto.AttributeType.FLOAT).setF(value));
            return this;
        }

        public Node attr(String name, String value) {
            proto.addAttribute(attribute(name, OnnxMl.AttributeProto.AttributeType.STRING)
                    .setS(ByteString.copyFromUtf8(value)));
            return this;
        }

        public Node attrInts(String name, long... values) {
            OnnxMl.AttributeProto.Builder a = attribute(name, OnnxMl.AttributeProto.AttributeType.INTS);
            for (long v : values) a.addInts(v);
            proto.addAttribute(a);
            return this;
        }

        public Node attrFloats(String name, float... values) {
            OnnxMl.AttributeProto.Builder a = attribute(name, OnnxMl.AttributeProto.AttributeType.FLOATS);
            for (float v : values) a.addFloats(v);
            proto.addAttribute(a);
            return this;
        }

        /** A tensor-valued attribute (as {@code Constant} and {@code ConstantOfShape} take). */
        public Node attr(String name, OnnxMl.TensorProto value) {
            proto.addAttribute(attribute(name, OnnxMl.AttributeProto.AttributeType.TENSOR).setT(value));
            return this;
        }

        /** Adds the node with one freshly named output and returns that name. */
        public String out() {
            return outs(1)[0];
        }

        /** Adds the node with {@code n} freshly named outputs. */
        public String[] outs(int n) {
            String[] names = new String[n];
            for (int i = 0; i < n; i++) names[i] = fresh(proto.getOpType().toLowerCase(java.util.Locale.ROOT));
            return into(names);
        }

        /** Adds the node writing to the given names (graph output names, typically). */
        public String[] into(String... names) {
            for (String name : names) {
                claim(name);
                proto.addOutput(name);
            }
            proto.setName(proto.getOpType() + "_" + nodes.size());
            nodes.add(proto.build());
            return names;
        }

        /** Adds the node writing its single output to {@code name}. */
        public String into(String name) {
            return into(new String[] {name})[0];
        }

        private OnnxMl.AttributeProto.Builder attribute(String name, OnnxMl.AttributeProto.AttributeType type) {
            return OnnxMl.AttributeProto.newBuilder().setName(name).setType(type);
        }
    }
}

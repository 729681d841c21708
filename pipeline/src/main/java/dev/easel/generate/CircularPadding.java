package dev.easel.generate;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rewrites an exported graph so every 2-D convolution pads circularly, as A1111's "Tiling" switches
 * {@code Conv2d.padding_mode} to {@code circular}: before each Conv with non-zero {@code pads}, the
 * input is wrapped with Slices of its opposite edges concatenated along W then H, and the Conv's pads
 * become zero. Works for every opset (Slice takes inputs from opset 10, attributes before).
 */
final class CircularPadding {
    private static final String PREFIX = "easel_wrap_";

    private final GraphProto.Builder graph;
    private final boolean sliceInputs;
    private final Map<String, String> constants = new HashMap<>();
    private int counter;

    private CircularPadding(GraphProto.Builder graph, long opset) {
        this.graph = graph;
        this.sliceInputs = opset >= 10;
    }

    /** The model with circular padding; the number of convolutions rewritten is at least one or this throws. */
    static ModelProto rewrite(ModelProto model) {
        long opset = 0;
        for (OperatorSetIdProto o : model.getOpsetImportList()) {
            if (o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx")) opset = o.getVersion();
        }
        ModelProto.Builder mb = model.toBuilder();
        CircularPadding cp = new CircularPadding(mb.getGraphBuilder(), opset);
        int rewritten = cp.rewriteConvs();
        if (rewritten == 0) {
            throw new IllegalStateException("the graph has no padded 2-D convolution to make circular");
        }
        return mb.build();
    }

    private int rewriteConvs() {
        List<NodeProto> nodes = List.copyOf(graph.getNodeList());
        graph.clearNode();
        int count = 0;
        for (NodeProto node : nodes) {
            if (!node.getOpType().equals("Conv") || !node.getDomain().isEmpty() && !node.getDomain().equals("ai.onnx")) {
                graph.addNode(node);
                continue;
            }
            long[] pads = null;
            for (AttributeProto a : node.getAttributeList()) {
                if (a.getName().equals("auto_pad") && !a.getS().toStringUtf8().equals("NOTSET") && !a.getS().toStringUtf8().equals("VALID")) {
                    throw new IllegalStateException("convolution '" + node.getName() + "' uses auto_pad "
                            + a.getS().toStringUtf8() + ", which cannot be made circular");
                }
                if (a.getName().equals("pads")) pads = a.getIntsList().stream().mapToLong(Long::longValue).toArray();
            }
            if (pads == null || allZero(pads)) {
                graph.addNode(node);
                continue;
            }
            if (pads.length != 4) {
                throw new IllegalStateException("convolution '" + node.getName() + "' is not 2-D (pads " + pads.length + ")");
            }
            String x = node.getInput(0);
            x = wrap(x, 3, (int) pads[1], (int) pads[3]);
            x = wrap(x, 2, (int) pads[0], (int) pads[2]);
            NodeProto.Builder nb = node.toBuilder().setInput(0, x);
            for (int i = 0; i < nb.getAttributeCount(); i++) {
                if (nb.getAttribute(i).getName().equals("pads")) {
                    nb.setAttribute(i, nb.getAttribute(i).toBuilder().clearInts().addAllInts(List.of(0L, 0L, 0L, 0L)));
                }
            }
            graph.addNode(nb);
            count++;
        }
        return count;
    }

    /** {@code concat(x[..., -before:], x, x[..., :after])} along {@code axis}. */
    private String wrap(String x, int axis, int before, int after) {
        if (before == 0 && after == 0) return x;
        String id = PREFIX + (counter++);
        NodeProto.Builder concat = NodeProto.newBuilder().setOpType("Concat").setName(id + "_concat")
                .addOutput(id + "_out").addAttribute(intAttr("axis", axis));
        if (before > 0) concat.addInput(slice(x, id + "_head", axis, -before, Long.MAX_VALUE));
        concat.addInput(x);
        if (after > 0) concat.addInput(slice(x, id + "_tail", axis, 0, after));
        graph.addNode(concat);
        return id + "_out";
    }

    private String slice(String x, String name, int axis, long start, long end) {
        NodeProto.Builder n = NodeProto.newBuilder().setOpType("Slice").setName(name).addInput(x).addOutput(name + "_out");
        if (sliceInputs) {
            n.addInput(constant(start)).addInput(constant(end)).addInput(constant(axis));
        } else {
            n.addAttribute(intsAttr("starts", start)).addAttribute(intsAttr("ends", end)).addAttribute(intsAttr("axes", axis));
        }
        graph.addNode(n);
        return name + "_out";
    }

    private String constant(long v) {
        return constants.computeIfAbsent(Long.toString(v), k -> {
            String name = PREFIX + "c" + k.replace('-', 'm');
            byte[] raw = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array();
            graph.addInitializer(TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.INT64.getNumber())
                    .addDims(1).setRawData(com.google.protobuf.ByteString.copyFrom(raw)));
            return name;
        });
    }

    private static AttributeProto intAttr(String name, long v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(v).build();
    }

    private static AttributeProto intsAttr(String name, long v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS).addInts(v).build();
    }

    private static boolean allZero(long[] a) {
        for (long v : a) if (v != 0) return false;
        return true;
    }
}

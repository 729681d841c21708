package dev.easel.checkpoint.graph;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import dev.easel.checkpoint.DType;
import dev.easel.checkpoint.Dtypes;
import dev.easel.checkpoint.TensorInfo;
import dev.easel.onnx.graph.GraphBuilder;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The layer vocabulary the SD graphs are written in (convolution, linear, group and layer norm,
 * attention, ...) over a {@link GraphBuilder}, with checkpoint tensors as initializers. Weights are
 * not copied when the graph is built: each is a deferred initializer whose bytes are produced (read
 * from the memory-mapped checkpoint, converted, transposed) only when {@link ModelFiles} writes them.
 *
 * <p>Values inside the graph are fp32, or fp16 when {@link GraphOptions#fp16()}; graph inputs and
 * outputs stay fp32 either way (cast at the boundary), so callers see one interface.
 */
public final class Net {

    /** One initializer whose bytes are produced at write time. */
    public record Deferred(String name, DataType type, long[] dims, Supplier<ByteBuffer> bytes) {}

    private final GraphBuilder g;
    private final WeightSource src;
    private final GraphOptions options;
    private final List<Deferred> weights = new ArrayList<>();
    private final Set<String> weightNames = new HashSet<>();

    public Net(String name, WeightSource src, GraphOptions options) {
        this.g = new GraphBuilder(name);
        this.src = src;
        this.options = options;
    }

    public GraphBuilder builder() { return g; }

    public WeightSource source() { return src; }

    public GraphOptions options() { return options; }

    public List<Deferred> weights() { return weights; }

    /** The element type of values inside the graph. */
    public DataType floatType() { return options.fp16() ? DataType.FLOAT16 : DataType.FLOAT; }

    // ---- boundary ---------------------------------------------------------------------------

    /** Declares an fp32 graph input and returns its value in the graph's float type. */
    public String floatInput(String name, Object... dims) {
        g.input(name, DataType.FLOAT, dims);
        return options.fp16() ? cast(name, DataType.FLOAT16) : name;
    }

    /** Writes {@code value} to the fp32 graph output {@code name}. */
    public void floatOutput(String value, String name, Object... dims) {
        if (options.fp16()) g.node("Cast", value).attr("to", (long) DataType.FLOAT_VALUE).into(name);
        else g.node("Identity", value).into(name);
        g.output(name, DataType.FLOAT, dims);
    }

    public String cast(String x, DataType to) {
        return g.node("Cast", x).attr("to", (long) to.getNumber()).out();
    }

    // ---- weights and constants --------------------------------------------------------------

    /** The checkpoint tensor {@code key} as an initializer in the graph's float type, its shape as stored. */
    public String weight(String key) {
        return weight(key, src.info(key).shape(), false);
    }

    /** The checkpoint tensor {@code key} viewed with {@code dims} (same element count). */
    public String weight(String key, long... dims) {
        return weight(key, dims, false);
    }

    /** A 2-D weight {@code [out, in]} (or a 1x1 convolution's {@code [out, in, 1, 1]}) transposed to {@code [in, out]}. */
    public String weightTransposed(String key) {
        long[] s = src.info(key).shape();
        for (int i = 2; i < s.length; i++) {
            if (s[i] != 1) throw new IllegalArgumentException(key + " " + Arrays.toString(s) + " is not a linear weight");
        }
        return weight(key, new long[] {s[1], s[0]}, true);
    }

    private String weight(String key, long[] dims, boolean transpose) {
        TensorInfo info = src.info(key);
        long count = 1;
        for (long d : dims) count *= d;
        if (count != info.elementCount()) {
            throw new IllegalArgumentException(key + " " + Arrays.toString(info.shape()) + " cannot be viewed as " + Arrays.toString(dims));
        }
        if (!info.dtype().isFloatingPoint()) throw new IllegalArgumentException(key + " is " + info.dtype() + ", not a float tensor");
        String name = key + (transpose ? ".T" : "") + (Arrays.equals(dims, info.shape()) || transpose ? "" : ".view" + dims.length);
        if (weightNames.contains(name)) return name;
        DType target = options.fp16() ? DType.F16 : DType.F32;
        Supplier<ByteBuffer> bytes;
        if (!transpose && info.dtype() == target) {
            bytes = () -> src.raw(key);
        } else {
            bytes = () -> {
                float[] v = src.floats(key);
                if (transpose) v = transpose2d(v, (int) dims[1], (int) dims[0]);
                ByteBuffer b = ByteBuffer.allocate(v.length * target.bytes()).order(ByteOrder.LITTLE_ENDIAN);
                Dtypes.putFloats(v, 0, v.length, target, b);
                return b.flip();
            };
        }
        addDeferred(new Deferred(name, floatType(), dims.clone(), bytes));
        return name;
    }

    private void addDeferred(Deferred d) {
        weightNames.add(d.name());
        weights.add(d);
    }

    /** {@code v} is {@code rows x cols}; returns {@code cols x rows}. */
    static float[] transpose2d(float[] v, int rows, int cols) {
        float[] t = new float[v.length];
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            for (int c = 0; c < cols; c++) t[c * rows + r] = v[base + c];
        }
        return t;
    }

    /** A float constant in the graph's float type. */
    public String constant(long[] dims, float... values) {
        String name = g.fresh("const");
        return options.fp16() ? g.initializerFp16(name, dims, values) : g.initializer(name, dims, values);
    }

    public String scalar(float v) { return constant(new long[0], v); }

    public String ints(long... v) { return g.int64s(v); }

    // ---- elementwise ------------------------------------------------------------------------

    public String add(String a, String b) { return g.op("Add", a, b); }

    public String mul(String a, String b) { return g.op("Mul", a, b); }

    public String silu(String x) { return mul(x, g.op("Sigmoid", x)); }

    /** x * sigmoid(1.702 x): CLIP's quick GELU (1.702 from the OpenAI CLIP code). */
    public String quickGelu(String x) { return mul(x, g.op("Sigmoid", mul(x, scalar(1.702f)))); }

    /** The exact (erf) GELU, as torch's default {@code F.gelu}. */
    public String gelu(String x) {
        String erf = g.op("Erf", mul(x, scalar((float) (1 / Math.sqrt(2)))));
        return mul(mul(x, scalar(0.5f)), add(erf, scalar(1f)));
    }

    public String concat(long axis, String... xs) { return g.node("Concat", xs).attr("axis", axis).out(); }

    public String transpose(String x, long... perm) { return g.node("Transpose", x).attrInts("perm", perm).out(); }

    public String reshape(String x, long... shape) { return g.op("Reshape", x, ints(shape)); }

    // ---- layers -----------------------------------------------------------------------------

    /** {@code prefix.weight} x + {@code prefix.bias} over the last axis (1x1 convolution weights accepted). */
    public String linear(String x, String prefix) {
        String y = g.op("MatMul", x, weightTransposed(prefix + ".weight"));
        return src.has(prefix + ".bias") ? add(y, weight(prefix + ".bias")) : y;
    }

    /**
     * A 2-D convolution with symmetric zero padding {@code pad}; with {@link GraphOptions#circular()}
     * the padding wraps around instead (A1111's tiling sets {@code padding_mode='circular'} on every Conv2d).
     */
    public String conv(String x, String prefix, int stride, int pad) {
        String in = x;
        long p = pad;
        if (options.circular() && pad > 0) {
            in = wrapPad(x, pad);
            p = 0;
        }
        String w = weight(prefix + ".weight");
        var node = src.has(prefix + ".bias") ? g.node("Conv", in, w, weight(prefix + ".bias")) : g.node("Conv", in, w);
        return node.attrInts("strides", stride, stride).attrInts("pads", p, p, p, p).out();
    }

    /**
     * A convolution after explicit zero padding {@code (top, left, bottom, right)}: the VAE's downsampling
     * pads only bottom and right. Its own padding is 0, so circular mode leaves it alone, as in A1111.
     */
    public String convPadded(String x, String prefix, int stride, long top, long left, long bottom, long right) {
        String w = weight(prefix + ".weight");
        return g.node("Conv", x, w, weight(prefix + ".bias"))
                .attrInts("strides", stride, stride).attrInts("pads", top, left, bottom, right).out();
    }

    /** Circular padding of {@code p} on both spatial axes of an NCHW value, built from slices. */
    public String wrapPad(String x, int p) {
        String y = x;
        for (long axis : new long[] {2, 3}) {
            String head = g.op("Slice", y, ints(-p), ints(Long.MAX_VALUE), ints(axis));
            String tail = g.op("Slice", y, ints(0), ints(p), ints(axis));
            y = concat(axis, head, y, tail);
        }
        return y;
    }

    /**
     * GroupNorm over NCHW: a reshape to {@code [B, groups, -1]}, InstanceNormalization, the shape back,
     * then the per-channel affine from {@code prefix.weight} / {@code prefix.bias}.
     */
    public String groupNorm(String x, String prefix, int groups, float eps) {
        long channels = src.info(prefix + ".weight").dim(0);
        if (channels % groups != 0) throw new IllegalArgumentException(prefix + ": " + channels + " channels in " + groups + " groups");
        String grouped = reshape(x, 0, groups, -1);
        boolean upcast = options.fp16();
        if (upcast) grouped = cast(grouped, DataType.FLOAT);
        float[] ones = new float[groups], zeros = new float[groups];
        Arrays.fill(ones, 1f);
        String scale = g.initializer(g.fresh("gn_one"), new long[] {groups}, ones);
        String bias = g.initializer(g.fresh("gn_zero"), new long[] {groups}, zeros);
        String normed = g.node("InstanceNormalization", grouped, scale, bias).attr("epsilon", eps).out();
        if (upcast) normed = cast(normed, DataType.FLOAT16);
        String back = g.op("Reshape", normed, g.op("Shape", x));
        return add(mul(back, weight(prefix + ".weight", channels, 1, 1)), weight(prefix + ".bias", channels, 1, 1));
    }

    /** LayerNorm over the last axis with {@code prefix.weight} and {@code prefix.bias}. */
    public String layerNorm(String x, String prefix, float eps) {
        return g.node("LayerNormalization", x, weight(prefix + ".weight"), weight(prefix + ".bias"))
                .attr("axis", -1L).attr("epsilon", eps).out();
    }

    /** Nearest-neighbour 2x upsampling of NCHW (torch {@code F.interpolate(scale_factor=2, mode="nearest")}). */
    public String upsample2x(String x) {
        String scales = g.initializer(g.fresh("scales"), new long[] {4}, new float[] {1, 1, 2, 2});
        return g.node("Resize", x, "", scales).attr("mode", "nearest")
                .attr("coordinate_transformation_mode", "asymmetric").attr("nearest_mode", "floor").out();
    }

    /** {@code [B, C, H, W]} to {@code [B, H*W, C]}. */
    public String toTokens(String x, long channels) {
        return transpose(reshape(x, 0, channels, -1), 0, 2, 1);
    }

    /** {@code [B, H*W, C]} back to the shape of {@code like} ({@code [B, C, H, W]}). */
    public String toImage(String tokens, String like) {
        return g.op("Reshape", transpose(tokens, 0, 2, 1), g.op("Shape", like));
    }

    /**
     * Multi-head scaled dot-product attention: {@code q [B, N, C]}, {@code k, v [B, M, C]} to {@code [B, N, C]}.
     *
     * @param mask an additive {@code [N, M]} mask (or a broadcastable value), or null
     */
    public String attention(String q, String k, String v, int heads, long channels, String mask) {
        if (channels % heads != 0) throw new IllegalArgumentException(channels + " channels do not split into " + heads + " heads");
        long d = channels / heads;
        String qh = transpose(reshape(mul(q, scalar((float) (1 / Math.sqrt(d)))), 0, 0, heads, d), 0, 2, 1, 3);
        String kt = transpose(reshape(k, 0, 0, heads, d), 0, 2, 3, 1);
        String vh = transpose(reshape(v, 0, 0, heads, d), 0, 2, 1, 3);
        String scores = g.op("MatMul", qh, kt);
        if (mask != null) scores = add(scores, mask);
        String probs = g.node("Softmax", scores).attr("axis", -1L).out();
        return reshape(transpose(g.op("MatMul", probs, vh), 0, 2, 1, 3), 0, 0, channels);
    }
}

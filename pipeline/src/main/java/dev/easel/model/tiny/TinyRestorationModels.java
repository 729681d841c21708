package dev.easel.model.tiny;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import dev.easel.onnx.graph.GraphBuilder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Tiny stand-ins for the upscaler, face-restorer and face-detector ONNX files, with the real
 * exports' input and output names, ranks and element types and a behaviour tests can predict:
 * <ul>
 *   <li>upscalers are exact bilinear enlargements (a reflect-padded 3x3 conv and a pixel shuffle,
 *       the shape of SRVGGNet's tail), so a constant stays constant and a linear ramp stays linear;</li>
 *   <li>restorers invert colours ({@code -x} in [-1, 1]); the CodeFormer-like one returns
 *       {@code x * (2w - 1)}, so fidelity 1 gives the face back unchanged (A1111: "1 = minimum effect");</li>
 *   <li>the detector has YuNet's twelve outputs and finds every 32x32 cell of the 32-pixel grid that is
 *       almost white, reporting a 64 px box around it and five landmarks in the FFHQ layout.</li>
 * </ul>
 * Each file is a few kilobytes.
 */
public final class TinyRestorationModels {
    /** The restorers' fixed input side, as GFPGAN and CodeFormer exports declare it. */
    public static final int FACE_SIZE = 512;
    /** Side of the detector's face box, in pixels: twice its 32 px stride. */
    public static final int DETECTED_FACE_SIZE = 64;
    /** Input side of the fixed-size upscaler (SwinIR-style exports fix theirs). */
    public static final int FIXED_UPSCALER_SIZE = 64;

    /** FFHQ 5-point template on a 512 crop (facexlib face_restoration_helper.py), normalised. */
    private static final float[][] FFHQ_UNIT = {
            {192.98138f / 512, 239.94708f / 512}, {318.90277f / 512, 240.1936f / 512},
            {256.63416f / 512, 314.01935f / 512}, {201.26117f / 512, 371.41043f / 512},
            {313.08905f / 512, 371.15118f / 512}};

    private TinyRestorationModels() { }

    /**
     * Writes every tiny model into a model store: {@code upscalers/tiny-x4.onnx} (free size),
     * {@code upscalers/tiny-x4-fixed64.onnx} (64x64 only, inputs named like a SwinIR export),
     * {@code upscalers/tiny-x2-fp16.onnx} (fp16 in and out, even sizes only),
     * {@code face-restorers/gfpgan-tiny.onnx}, {@code face-restorers/codeformer-tiny.onnx} and
     * {@code face-detectors/yunet-tiny.onnx}.
     */
    public static void writeStore(Path storeDir) throws IOException {
        write(storeDir.resolve("upscalers/tiny-x4.onnx"), upscaler(4, -1, "input", "output", false));
        write(storeDir.resolve("upscalers/tiny-x4-fixed64.onnx"),
                upscaler(4, FIXED_UPSCALER_SIZE, "lq", "sr", false));
        write(storeDir.resolve("upscalers/tiny-x2-fp16.onnx"), upscaler(2, -1, "input", "output", true));
        write(storeDir.resolve("face-restorers/gfpgan-tiny.onnx"), gfpganLike());
        write(storeDir.resolve("face-restorers/codeformer-tiny.onnx"), codeformerLike("x", "w", "y", DataType.DOUBLE));
        write(storeDir.resolve("face-detectors/yunet-tiny.onnx"), yunetLike());
    }

    private static void write(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }

    /**
     * A bilinear x{@code scale} upscaler. {@code fixed > 0} fixes the input to {@code fixed x fixed};
     * {@code fp16} declares fp16 input and output and refuses odd sizes (a pixel unshuffle and
     * shuffle round trip, as RRDBNet x2 exports have).
     */
    public static byte[] upscaler(int scale, int fixed, String inputName, String outputName, boolean fp16) {
        GraphBuilder g = new GraphBuilder("tiny-upscaler-x" + scale);
        DataType io = fp16 ? DataType.FLOAT16 : DataType.FLOAT;
        Object h = fixed > 0 ? (Object) fixed : "height";
        Object w = fixed > 0 ? (Object) fixed : "width";
        Object oh = fixed > 0 ? (Object) (fixed * scale) : "out_height";
        Object ow = fixed > 0 ? (Object) (fixed * scale) : "out_width";
        String x = g.input(inputName, io, 1, 3, h, w);
        if (fp16) {
            x = g.node("Cast", x).attr("to", (long) DataType.FLOAT.getNumber()).out();
            x = g.node("SpaceToDepth", x).attr("blocksize", 2L).out();
            x = g.node("DepthToSpace", x).attr("blocksize", 2L).attr("mode", "DCR").out();
        }
        String padded = g.node("Pad", x, g.int64s(0, 0, 1, 1, 0, 0, 1, 1)).attr("mode", "reflect").out();
        int k2 = scale * scale;
        float[] weights = new float[3 * k2 * 3 * 9];
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < scale; i++) {
                float[] ty = taps(i, scale);
                for (int j = 0; j < scale; j++) {
                    float[] tx = taps(j, scale);
                    int oc = c * k2 + i * scale + j; // pixel shuffle (CRD) channel order
                    for (int ky = 0; ky < 3; ky++) {
                        for (int kx = 0; kx < 3; kx++) weights[((oc * 3 + c) * 3 + ky) * 3 + kx] = ty[ky] * tx[kx];
                    }
                }
            }
        }
        String wName = g.initializer("body.weight", new long[] {3L * k2, 3, 3, 3}, weights);
        String bName = g.initializer("body.bias", new long[] {3L * k2}, new float[3 * k2]);
        String conv = g.node("Conv", padded, wName, bName).attrInts("kernel_shape", 3, 3).out();
        String up = g.node("DepthToSpace", conv).attr("blocksize", (long) scale).attr("mode", "CRD").out();
        if (fp16) {
            g.node("Cast", up).attr("to", (long) DataType.FLOAT16.getNumber()).into(outputName);
        } else {
            g.node("Identity", up).into(outputName);
        }
        g.output(outputName, io, 1, 3, oh, ow);
        return g.toBytes();
    }

    /** Bilinear weights over the taps -1, 0, +1 for sub-pixel {@code i} of {@code scale} (pixel centres). */
    private static float[] taps(int i, int scale) {
        double d = (i + 0.5) / scale - 0.5;
        return d < 0 ? new float[] {(float) -d, (float) (1 + d), 0} : new float[] {0, (float) (1 - d), (float) d};
    }

    /** GFPGAN's signature: {@code input [1,3,512,512]} in [-1, 1] to {@code output}; inverts colours. */
    public static byte[] gfpganLike() {
        GraphBuilder g = new GraphBuilder("tiny-gfpgan");
        String x = g.input("input", DataType.FLOAT, 1, 3, FACE_SIZE, FACE_SIZE);
        g.node("Neg", x).into("output");
        g.output("output", DataType.FLOAT, 1, 3, FACE_SIZE, FACE_SIZE);
        return g.toBytes();
    }

    /**
     * CodeFormer's signature with the fidelity weight as a {@code [1]} tensor of {@code weightType}
     * (Face-Upscalers-ONNX: {@code x}, {@code w} float64 to {@code y}; facefusion: {@code input},
     * {@code weight}); returns {@code x * (2w - 1)}.
     */
    public static byte[] codeformerLike(String inputName, String weightName, String outputName, DataType weightType) {
        GraphBuilder g = new GraphBuilder("tiny-codeformer");
        String x = g.input(inputName, DataType.FLOAT, 1, 3, FACE_SIZE, FACE_SIZE);
        String w = g.input(weightName, weightType, 1);
        String wf = g.node("Cast", w).attr("to", (long) DataType.FLOAT.getNumber()).out();
        String k = g.op("Sub", g.op("Mul", wf, g.scalar(2)), g.scalar(1));
        g.node("Mul", x, k).into(outputName);
        g.output(outputName, DataType.FLOAT, 1, 3, FACE_SIZE, FACE_SIZE);
        return g.toBytes();
    }

    /**
     * YuNet's signature: {@code input [1,3,H,W]} (BGR, 0..255, H and W multiples of 32) to
     * {@code cls_8/16/32}, {@code obj_*} {@code [1,N,1]}, {@code bbox_* [1,N,4]}, {@code kps_* [1,N,10]}
     * with N = (H/s)(W/s). Only the stride-32 head fires: cls = clamp(10 * mean/255 - 9, 0, 1) over
     * each 32x32 cell, so a cell averaging above 229.5 is a face; obj is 1.
     */
    public static byte[] yunetLike() {
        return yunetLike(-1);
    }

    /** {@link #yunetLike()} with the input fixed to {@code side x side} (as the 640 x 640 2023mar export), or free for -1. */
    public static byte[] yunetLike(int side) {
        GraphBuilder g = new GraphBuilder("tiny-yunet");
        Object h = side > 0 ? (Object) side : "height";
        Object w = side > 0 ? (Object) side : "width";
        String x = g.input("input", DataType.FLOAT, 1, 3, h, w);
        String zero = g.scalar(0);
        String one = g.scalar(1);
        double half = DETECTED_FACE_SIZE / 2.0;
        for (int s : new int[] {8, 16, 32}) {
            String pooled = g.node("AveragePool", x).attrInts("kernel_shape", s, s).attrInts("strides", s, s).out();
            boolean live = s == 32;
            float clsW = live ? 10f / (3 * 255) : 0f;
            float clsB = live ? -9f : 0f;
            String cls = head(g, pooled, "cls_" + s, new float[] {clsW, clsW, clsW}, new float[] {clsB});
            cls = g.op("Clip", cls, zero, one);
            String obj = g.op("Clip", head(g, pooled, "obj_" + s, new float[3], new float[] {1}), zero, one);
            float logSize = (float) Math.log((double) DETECTED_FACE_SIZE / s);
            String bbox = head(g, pooled, "bbox_" + s, new float[12], new float[] {0.5f, 0.5f, logSize, logSize});
            float[] kpsBias = new float[10];
            for (int p = 0; p < 5; p++) {
                // landmark k = (kx + c) * s: place the template inside the 64 px box centred on the cell
                kpsBias[2 * p] = (float) (0.5 + (FFHQ_UNIT[p][0] - 0.5) * 2 * half / s);
                kpsBias[2 * p + 1] = (float) (0.5 + (FFHQ_UNIT[p][1] - 0.5) * 2 * half / s);
            }
            String kps = head(g, pooled, "kps_" + s, new float[30], kpsBias);
            rows(g, cls, 1, "cls_" + s);
            rows(g, obj, 1, "obj_" + s);
            rows(g, bbox, 4, "bbox_" + s);
            rows(g, kps, 10, "kps_" + s);
        }
        return g.toBytes();
    }

    /** A 1x1 conv from the pooled 3 channels to {@code bias.length} channels. */
    private static String head(GraphBuilder g, String pooled, String name, float[] weights, float[] bias) {
        int out = bias.length;
        String w = g.initializer(name + ".weight", new long[] {out, 3, 1, 1}, weights);
        String b = g.initializer(name + ".bias", new long[] {out}, bias);
        return g.node("Conv", pooled, w, b).attrInts("kernel_shape", 1, 1).out();
    }

    /** [1, C, h, w] to the graph output {@code name} shaped [1, h*w, C]. */
    private static void rows(GraphBuilder g, String value, int channels, String name) {
        String t = g.node("Transpose", value).attrInts("perm", 0, 2, 3, 1).out();
        g.node("Reshape", t, g.int64s(1, -1, channels)).into(name);
        g.output(name, DataType.FLOAT, 1, "n_" + name, channels);
    }
}

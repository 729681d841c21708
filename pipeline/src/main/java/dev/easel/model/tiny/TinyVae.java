package dev.easel.model.tiny;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import dev.easel.onnx.graph.GraphBuilder;

/**
 * A VAE-shaped pair with SD's x8 spatial factor. The encoder averages 8x8 blocks and maps RGB to 4
 * latent channels through a fixed random matrix E (entries ~5, so latents times 0.18215 are O(1) as
 * SD's are); the decoder maps back through E's pseudo-inverse and upsamples x8 nearest. Decoding an
 * encoded image therefore gives its 8x8 block means, plus a small random bounded term on each side,
 * so round trips are recognisable in tests while every weight still matters.
 */
final class TinyVae {

    static final int FACTOR = 8;
    /** Log-variance the encoder reports: e^(-6/2) = 0.05 standard deviation, small against the means. */
    private static final float LOG_VARIANCE = -6f;
    private static final float PERTURBATION = 0.05f;

    private TinyVae() { }

    /** E: 4x3, seeded, well conditioned. */
    static float[] encodeMatrix(long seed) {
        float[] e = new TinyWeights(seed).normal(12, 5.0 / Math.sqrt(3));
        for (int i = 0; i < 3; i++) e[i * 3 + i] += 5f; // keep the first three rows far from singular
        return e;
    }

    /** (E^T E)^-1 E^T: 3x4. */
    static float[] pseudoInverse(float[] e) {
        double[][] ete = new double[3][3];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) for (int k = 0; k < 4; k++) ete[i][j] += e[k * 3 + i] * e[k * 3 + j];
        double[][] inv = invert3(ete);
        float[] d = new float[12];
        for (int i = 0; i < 3; i++) {
            for (int k = 0; k < 4; k++) {
                double s = 0;
                for (int j = 0; j < 3; j++) s += inv[i][j] * e[k * 3 + j];
                d[i * 4 + k] = (float) s;
            }
        }
        return d;
    }

    private static double[][] invert3(double[][] m) {
        double det = m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
                + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
        double[][] r = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                int a = (j + 1) % 3, b = (j + 2) % 3, p = (i + 1) % 3, q = (i + 2) % 3;
                r[i][j] = (m[a][p] * m[b][q] - m[a][q] * m[b][p]) / det;
            }
        }
        return r;
    }

    static GraphBuilder encoder(TinyFlavor flavor, long seed) {
        TinyWeights w = new TinyWeights(seed + 1);
        DataType io = flavor.fp16Io() ? DataType.FLOAT16 : DataType.FLOAT;
        GraphBuilder g = new GraphBuilder("tiny_vae_encoder");
        g.input("sample", io, "batch", 3, "height", "width");
        String x = g.node("Cast", "sample").attr("to", (long) DataType.FLOAT.getNumber()).out();
        String pooled = g.node("AveragePool", x).attrInts("kernel_shape", FACTOR, FACTOR).attrInts("strides", FACTOR, FACTOR).out();
        String mean = g.node("Conv", pooled, g.initializer("encode", new long[] {4, 3, 1, 1}, encodeMatrix(seed))).out();
        String wobble = g.node("Conv", pooled, g.initializer("enc_w", new long[] {4, 3, 3, 3}, w.layer(4 * 27, 27)))
                .attrInts("pads", 1, 1, 1, 1).out();
        String latent = g.op("Add", mean, g.op("Mul", g.op("Tanh", wobble), g.scalar(PERTURBATION)));
        if (flavor.latentParameters()) {
            String logvar = g.op("Add", g.op("Mul", g.op("Tanh", latent), g.scalar(0.5f)), g.scalar(LOG_VARIANCE));
            String params = g.node("Concat", latent, logvar).attr("axis", 1L).out();
            TinyTextEncoder.emit(g, params, "latent_parameters", io);
            g.output("latent_parameters", io, "batch", 8, "latent_height", "latent_width");
        } else {
            TinyTextEncoder.emit(g, latent, "latent_sample", io);
            g.output("latent_sample", io, "batch", 4, "latent_height", "latent_width");
        }
        return g;
    }

    static GraphBuilder decoder(TinyFlavor flavor, long seed) {
        TinyWeights w = new TinyWeights(seed + 2);
        DataType io = flavor.fp16Io() ? DataType.FLOAT16 : DataType.FLOAT;
        GraphBuilder g = new GraphBuilder("tiny_vae_decoder");
        g.input("latent_sample", io, "batch", 4, "latent_height", "latent_width");
        String z = g.node("Cast", "latent_sample").attr("to", (long) DataType.FLOAT.getNumber()).out();
        String rgb = g.node("Conv", z, g.initializer("decode", new long[] {3, 4, 1, 1}, pseudoInverse(encodeMatrix(seed)))).out();
        String wobble = g.node("Conv", z, g.initializer("dec_w", new long[] {3, 4, 3, 3}, w.layer(3 * 36, 36)))
                .attrInts("pads", 1, 1, 1, 1).out();
        String small = g.op("Add", rgb, g.op("Mul", g.op("Tanh", wobble), g.scalar(PERTURBATION)));
        String up = g.node("Resize", small, "", g.initializer("scales", new long[] {4}, new float[] {1, 1, FACTOR, FACTOR}))
                .attr("mode", "nearest").out();
        String clipped = g.op("Clip", up, g.scalar(-1f), g.scalar(1f));
        TinyTextEncoder.emit(g, clipped, "sample", io);
        g.output("sample", io, "batch", 3, "height", "width");
        return g;
    }
}

package dev.easel.onnx.graph;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GraphBuilderTest {

    private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();

    /** y = MatMul(x, W) * 2 + b, with a symbolic batch and an fp16 weight cast up inside the graph. */
    private static GraphBuilder affine() {
        GraphBuilder g = new GraphBuilder("affine");
        String x = g.input("x", DataType.FLOAT, "batch", 3);
        String w16 = g.initializerFp16("w16", new long[] {3, 2}, new float[] {1, 0, 0, 1, 1, 1});
        String w = g.node("Cast", w16).attr("to", (long) DataType.FLOAT.getNumber()).out();
        String b = g.initializer("b", new long[] {2}, new float[] {0.5f, -0.5f});
        String y = g.op("Mul", g.op("MatMul", x, w), g.scalar(2f));
        g.node("Add", y, b).into("y");
        g.output("y", DataType.FLOAT, "batch", 2);
        return g;
    }

    @Test
    void builtGraphRunsInOnnxRuntimeWithSymbolicBatch() throws Exception {
        byte[] model = affine().metadata("kind", "test").toBytes();
        try (OrtSession s = ENV.createSession(model, new OrtSession.SessionOptions());
             OnnxTensor x = OnnxTensor.createTensor(ENV, FloatBuffer.wrap(new float[] {1, 2, 3, 4, 5, 6}), new long[] {2, 3});
             OrtSession.Result r = s.run(Map.of("x", x))) {
            float[][] y = (float[][]) r.get(0).getValue();
            // row [1,2,3] @ W = [4,5]; *2 = [8,10]; +b = [8.5, 9.5]
            assertArrayEquals(new float[] {8.5f, 9.5f}, y[0], 1e-6f);
            assertArrayEquals(new float[] {2 * 10 + 0.5f, 2 * 11 - 0.5f}, y[1], 1e-6f);
            TensorInfo in = (TensorInfo) s.getInputInfo().get("x").getInfo();
            assertEquals(-1, in.getShape()[0]);
            assertEquals(3, in.getShape()[1]);
            assertEquals("test", s.getMetadata().getCustomMetadata().get("kind"));
        }
    }

    @Test
    void convWithAttributesAndInt64ShapeConstants() throws Exception {
        GraphBuilder g = new GraphBuilder("conv");
        String x = g.input("image", DataType.FLOAT, 1, 1, "h", "w");
        String k = g.initializer("k", new long[] {1, 1, 3, 3}, new float[] {0, 0, 0, 0, 1, 0, 0, 0, 0});
        String c = g.node("Conv", x, k).attrInts("pads", 1, 1, 1, 1).attrInts("kernel_shape", 3, 3).out();
        g.node("Reshape", c, g.int64s(1, -1)).into("flat");
        g.output("flat", DataType.FLOAT, 1, "n");
        try (OrtSession s = ENV.createSession(g.toBytes(), new OrtSession.SessionOptions());
             OnnxTensor t = OnnxTensor.createTensor(ENV, FloatBuffer.wrap(new float[] {1, 2, 3, 4, 5, 6}), new long[] {1, 1, 2, 3});
             OrtSession.Result r = s.run(Map.of("image", t))) {
            float[][] out = (float[][]) r.get(0).getValue();
            assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, out[0], 1e-6f); // identity kernel
        }
    }

    @Test
    void externalDataFileIsFoundBesideTheModel(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("unet").resolve("model.onnx");
        affine().writeWithExternalData(file, "weights.pb", 8);
        assertTrue(Files.size(dir.resolve("unet/weights.pb")) > 0);
        try (OrtSession s = ENV.createSession(file.toString(), new OrtSession.SessionOptions());
             OnnxTensor x = OnnxTensor.createTensor(ENV, FloatBuffer.wrap(new float[] {1, 2, 3}), new long[] {1, 3});
             OrtSession.Result r = s.run(Map.of("x", x))) {
            assertArrayEquals(new float[] {8.5f, 9.5f}, ((float[][]) r.get(0).getValue())[0], 1e-6f);
        }
    }

    @Test
    void duplicateNamesAndWrongCountsAreRejected() {
        GraphBuilder g = new GraphBuilder("bad");
        g.input("x", DataType.FLOAT, 1);
        assertThrows(IllegalArgumentException.class, () -> g.initializer("x", new long[] {1}, new float[] {1}));
        assertThrows(IllegalArgumentException.class, () -> g.initializer("w", new long[] {2, 2}, new float[] {1}));
    }
}

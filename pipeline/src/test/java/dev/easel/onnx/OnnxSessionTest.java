package dev.easel.onnx;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import dev.easel.onnx.graph.GraphBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OnnxSessionTest {

    /** out = Cast<float>(x) * 2 + 1, with x declared as {@code type} and out declared as {@code outType}. */
    private static byte[] doubler(DataType type, DataType outType, Object... dims) {
        GraphBuilder g = new GraphBuilder("doubler");
        String x = g.input("x", type, dims);
        String f = g.node("Cast", x).attr("to", (long) DataType.FLOAT.getNumber()).out();
        String y = g.op("Add", g.op("Mul", f, g.scalar(2)), g.scalar(1));
        g.node("Cast", y).attr("to", (long) outType.getNumber()).into("out");
        g.output("out", outType, dims);
        return g.toBytes();
    }

    @Test
    void convertsEveryDeclaredTypeAtTheBoundary() {
        for (DataType t : new DataType[] {DataType.FLOAT, DataType.FLOAT16, DataType.DOUBLE, DataType.INT32, DataType.INT64}) {
            try (OnnxSession s = OnnxSession.open(doubler(t, t, "b", 3), "doubler-" + t, OrtSettings.cpu())) {
                // fp16 tops out at 65504; the integer types must carry CLIP's largest id exactly
                float big = t == DataType.FLOAT16 ? 300 : 49407;
                Tensor out = s.run(Map.of("x", new Tensor(new long[] {1, 3}, new float[] {1, 2, big}))).get("out");
                assertArrayEquals(new long[] {1, 3}, out.shape());
                assertArrayEquals(new float[] {3, 5, 2 * big + 1}, out.data(), 0, t.toString());
                assertEquals(t.name(), s.input("x").type().name());
            }
        }
    }

    @Test
    void feedsScalarsAndOneElementVectorsInterchangeably() {
        try (OnnxSession scalar = OnnxSession.open(doubler(DataType.INT64, DataType.FLOAT), "scalar", OrtSettings.cpu());
             OnnxSession vector = OnnxSession.open(doubler(DataType.FLOAT, DataType.FLOAT, 1), "vector", OrtSettings.cpu())) {
            assertEquals(0, scalar.input("x").rank());
            Tensor a = scalar.run(Map.of("x", new Tensor(new long[] {1}, new float[] {999}))).get("out");
            assertEquals(0, a.rank());
            assertEquals(1999f, a.data()[0]);
            Tensor b = vector.run(Map.of("x", new Tensor(new long[0], new float[] {4}))).get("out");
            assertArrayEquals(new float[] {9}, b.data());
        }
    }

    @Test
    void reportsNamesShapesAndBadFeedsClearly() {
        try (OnnxSession s = OnnxSession.open(doubler(DataType.FLOAT, DataType.FLOAT, "batch", 4), "m", OrtSettings.cpu())) {
            assertEquals(Set.of("x"), s.inputs().keySet());
            assertArrayEquals(new long[] {-1, 4}, s.input("x").shape());
            assertArrayEquals(new long[] {-1, 4}, s.outputs().get("out").shape());
            var wrongDim = assertThrows(IllegalArgumentException.class,
                    () -> s.run(Map.of("x", Tensor.zeros(1, 3))));
            assertTrue(wrongDim.getMessage().contains("expects shape [-1, 4]"), wrongDim.getMessage());
            var unknown = assertThrows(IllegalArgumentException.class,
                    () -> s.run(Map.of("x", Tensor.zeros(1, 4), "y", Tensor.zeros(1))));
            assertTrue(unknown.getMessage().contains("unknown input 'y', expected one of [x]"), unknown.getMessage());
            var missing = assertThrows(IllegalArgumentException.class, () -> s.run(Map.of()));
            assertTrue(missing.getMessage().contains("missing inputs [x]"), missing.getMessage());
            assertThrows(IllegalArgumentException.class, () -> s.run(Map.of("x", Tensor.zeros(1, 4)), Set.of("nope")));
        }
    }

    @Test
    void unreadableFilesFailWithTheReason(@TempDir Path dir) throws Exception {
        var missing = assertThrows(ModelLoadException.class, () -> OnnxSession.open(dir.resolve("none.onnx"), OrtSettings.cpu()));
        assertTrue(missing.getMessage().contains("not found"), missing.getMessage());
        Path garbage = Files.writeString(dir.resolve("garbage.onnx"), "this is not a protobuf");
        var bad = assertThrows(ModelLoadException.class, () -> OnnxSession.open(garbage, OrtSettings.cpu()));
        assertTrue(bad.getMessage().contains("garbage.onnx"), bad.getMessage());
    }

    /** A chain of 400 512x512 MatMuls: seconds of work, cut short between nodes by the terminate flag. */
    private static byte[] slow() {
        GraphBuilder g = new GraphBuilder("slow");
        String v = g.input("x", DataType.FLOAT, 512, 512);
        float[] w = new float[512 * 512];
        for (int i = 0; i < 512; i++) w[i * 512 + i] = 1;
        String wName = g.initializer("w", new long[] {512, 512}, w);
        for (int i = 0; i < 400; i++) v = g.op("MatMul", v, wName);
        g.node("Identity", v).into("y");
        g.output("y", DataType.FLOAT, 512, 512);
        return g.toBytes();
    }

    @Test
    void interruptAbortsTheRunInFlightAndStaysUntilCleared() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (OnnxSession s = OnnxSession.open(slow(), "slow", new OrtSettings("cpu", 1))) {
            Future<?> f = pool.submit(() -> s.run(Map.of("x", Tensor.zeros(512, 512))));
            Thread.sleep(300);
            long t0 = System.nanoTime();
            s.interrupt();
            var e = assertThrows(java.util.concurrent.ExecutionException.class, () -> f.get(20, TimeUnit.SECONDS));
            assertInstanceOf(CancellationException.class, e.getCause());
            assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5), "terminate took too long");
            assertThrows(CancellationException.class, () -> s.run(Map.of("x", Tensor.zeros(512, 512))));
            s.clearInterrupt();
            assertFalse(s.isInterrupted());
        } finally {
            pool.shutdownNow();
        }
        try (OnnxSession quick = OnnxSession.open(doubler(DataType.FLOAT, DataType.FLOAT, 1), "q", OrtSettings.cpu())) {
            quick.interrupt();
            quick.clearInterrupt();
            assertArrayEquals(new float[] {3}, quick.run(Map.of("x", new Tensor(new long[] {1}, new float[] {1}))).get("out").data());
        }
    }

    @Test
    void deviceResolutionFallsBackToCpuWithAReason() {
        assertEquals("cpu", Devices.select(OrtSettings.cpu()).label());
        Device cuda = Devices.select(new OrtSettings("cuda:1", 0));
        if (!Devices.cudaBuild()) {
            assertFalse(cuda.cuda());
            assertTrue(cuda.reason().contains("-Pcuda"), cuda.reason());
        }
        assertThrows(IllegalArgumentException.class, () -> new OrtSettings("gpu", 0));
        assertEquals(3, new OrtSettings("CUDA:3", 0).gpuId());
    }
}

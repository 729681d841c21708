package dev.easel.checkpoint.graph;

import dev.easel.checkpoint.DType;
import dev.easel.checkpoint.Detection;
import dev.easel.checkpoint.FamilyDetector;
import dev.easel.checkpoint.RandomCheckpoint;
import dev.easel.checkpoint.SafetensorsFile;
import dev.easel.checkpoint.SafetensorsWriter;
import dev.easel.checkpoint.Sd1Architecture;
import dev.easel.checkpoint.TensorInfo;
import dev.easel.onnx.OnnxSession;
import dev.easel.onnx.OrtSettings;
import dev.easel.onnx.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Random-weight checkpoints of other shapes: the structure is read from the keys, not assumed. */
class CheckpointVariantsTest {

    @TempDir
    Path dir;

    @Test
    void deeperWiderInpaintingVariantBuildsAndRuns() throws IOException {
        Sd1Architecture arch = Sd1Architecture.tiny().withUnetIn(9)
                .withUnet(64, List.of(1, 2, 3), 2, List.of(false, true, true), 2, false)
                .withClip(24, 3, 1000)
                .withVae(32, List.of(1, 2), 2);
        Path ckpt = dir.resolve("variant.safetensors");
        RandomCheckpoint.write(ckpt, arch, DType.F16, 11, null);
        try (SafetensorsFile f = SafetensorsFile.open(ckpt)) {
            Detection d = FamilyDetector.detect(f);
            assertTrue(d.loadable() && d.inpainting(), d.toString());
            UNetLayout l = UNetLayout.read(f.tensors());
            assertEquals(9, l.inChannels());
            assertEquals(64, l.modelChannels());
            assertEquals(List.of(1, 2, 3), l.channelMult());
            assertEquals(2, l.resBlocksPerLevel());
            assertEquals(List.of(false, true, true), l.attentionLevels());
            assertEquals(2, l.transformerDepth());
            assertEquals(24, l.contextDim());
            WeightSource w = new WeightSource(f);
            assertEquals(new VaeGraphs.Layout(2, 2, 3, 4, 3), VaeGraphs.layout(w));
            ModelFiles.write(UNetGraph.build(w, GraphOptions.DEFAULT, UNetGraph.SD1_HEADS), dir.resolve("unet/model.onnx"));
            ModelFiles.write(TextEncoderGraph.build(w, GraphOptions.DEFAULT, TextEncoderGraph.SD1_HEADS, false), dir.resolve("text/model.onnx"));
            ModelFiles.write(VaeGraphs.encoder(w, GraphOptions.DEFAULT), dir.resolve("enc/model.onnx"));
            ModelFiles.write(VaeGraphs.decoder(w, GraphOptions.DEFAULT), dir.resolve("dec/model.onnx"));
        }
        Tensor out = run("unet", Map.of("sample", random(11, 2, 9, 8, 12), "timestep", new Tensor(new long[] {2}, new float[] {999, 10}),
                "encoder_hidden_states", random(12, 2, 154, 24)), "out_sample");
        assertArrayEquals(new long[] {2, 4, 8, 12}, out.shape());
        float[] ids = new float[77];
        for (int i = 0; i < 77; i++) ids[i] = (i * 37) % 1000;
        try (OnnxSession s = OnnxSession.open(dir.resolve("text/model.onnx"), OrtSettings.cpu())) {
            assertEquals(List.of("last_hidden_state", "clip_skip_2", "clip_skip_3"), List.copyOf(s.outputs().keySet()));
            for (Tensor t : s.run(Map.of("input_ids", new Tensor(new long[] {1, 77}, ids))).values()) {
                assertArrayEquals(new long[] {1, 77, 24}, t.shape());
                assertFinite(t);
            }
        }
        Tensor moments = run("enc", Map.of("sample", random(13, 1, 3, 16, 24)), "latent_parameters");
        assertArrayEquals(new long[] {1, 8, 8, 12}, moments.shape());
        Tensor image = run("dec", Map.of("latent_sample", random(14, 1, 4, 8, 12)), "sample");
        assertArrayEquals(new long[] {1, 3, 16, 24}, image.shape());
    }

    /** A 1x1-convolution projection and the same weights as a linear projection give the same UNet. */
    @Test
    void linearAndConvolutionProjectionsAgree() throws IOException {
        Sd1Architecture arch = Sd1Architecture.tiny().withUnet(32, List.of(1, 1), 1, List.of(true, false), 1, false);
        Path conv = dir.resolve("conv.safetensors"), linear = dir.resolve("linear.safetensors");
        RandomCheckpoint.write(conv, arch, DType.F32, 5, null);
        List<SafetensorsWriter.Entry> entries = new ArrayList<>();
        try (SafetensorsFile f = SafetensorsFile.open(conv)) {
            for (TensorInfo t : f.tensors().values()) {
                boolean proj = t.name().endsWith("proj_in.weight") || t.name().endsWith("proj_out.weight");
                long[] shape = proj ? new long[] {t.dim(0), t.dim(1)} : t.shape();
                entries.add(new SafetensorsWriter.Entry(t.name(), t.dtype(), shape, () -> f.raw(t.name())));
            }
            SafetensorsWriter.write(linear, entries, Map.of(), null);
        }
        Tensor[] outs = new Tensor[2];
        Path[] files = {conv, linear};
        for (int i = 0; i < 2; i++) {
            try (SafetensorsFile f = SafetensorsFile.open(files[i])) {
                UNetLayout l = UNetLayout.read(f.tensors());
                assertEquals(i == 1, l.linearProjection());
                assertEquals(List.of(true, false), l.attentionLevels());
                ModelFiles.write(UNetGraph.build(new WeightSource(f), GraphOptions.DEFAULT, 8), dir.resolve("u" + i + "/model.onnx"));
            }
            outs[i] = run("u" + i, Map.of("sample", random(1, 1, 4, 8, 8), "timestep", new Tensor(new long[] {1}, new float[] {500}),
                    "encoder_hidden_states", random(2, 1, 77, 48)), "out_sample");
        }
        assertFinite(outs[0]);
        assertTrue(Reference.relativeError(outs[0], outs[1]) < 1e-6);
    }

    private Tensor run(String sub, Map<String, Tensor> feeds, String output) {
        try (OnnxSession s = OnnxSession.open(dir.resolve(sub + "/model.onnx"), OrtSettings.cpu())) {
            Tensor t = s.run(feeds).get(output);
            assertFinite(t);
            return t;
        }
    }

    private static void assertFinite(Tensor t) {
        double max = 0;
        for (float v : t.data()) {
            assertTrue(Float.isFinite(v), "non-finite output");
            max = Math.max(max, Math.abs(v));
        }
        assertTrue(max > 0, "output is all zeros");
    }

    private static Tensor random(long seed, long... shape) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        long n = 1;
        for (long d : shape) n *= d;
        float[] v = new float[(int) n];
        for (int i = 0; i < v.length; i++) v[i] = (float) (2 * r.nextDouble() - 1);
        return new Tensor(shape, v);
    }
}

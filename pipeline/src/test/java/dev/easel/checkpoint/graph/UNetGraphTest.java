package dev.easel.checkpoint.graph;

import dev.easel.checkpoint.SafetensorsFile;
import dev.easel.onnx.OnnxSession;
import dev.easel.onnx.OrtSettings;
import dev.easel.onnx.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class UNetGraphTest {

    @TempDir
    Path dir;

    @Test
    void layoutIsReadFromTheKeys() throws IOException {
        try (SafetensorsFile f = SafetensorsFile.open(Reference.tinyFp32())) {
            UNetLayout l = UNetLayout.read(f.tensors());
            assertEquals(4, l.inChannels());
            assertEquals(32, l.modelChannels());
            assertEquals(List.of(1, 2), l.channelMult());
            assertEquals(1, l.resBlocksPerLevel());
            assertEquals(List.of(true, true), l.attentionLevels());
            assertEquals(1, l.transformerDepth());
            assertFalse(l.linearProjection());
            assertEquals(48, l.contextDim());
        }
    }

    @Test
    void matchesTheReference() throws IOException {
        check(Reference.tinyFp32(), Reference.FP32_TOLERANCE);
    }

    @Test
    void fp16CheckpointMatchesWithinHalfPrecision() throws IOException {
        check(Reference.tinyFp16(), Reference.FP16_TOLERANCE);
    }

    private void check(Path checkpoint, double tolerance) throws IOException {
        Path model = dir.resolve("unet/model.onnx");
        try (SafetensorsFile f = SafetensorsFile.open(checkpoint)) {
            ModelFiles.write(UNetGraph.build(new WeightSource(f), GraphOptions.DEFAULT, UNetGraph.SD1_HEADS), model);
        }
        try (OnnxSession s = OnnxSession.open(model, OrtSettings.cpu())) {
            Map<String, Tensor> out = s.run(Map.of(
                    "sample", Reference.tensor("unet.sample"),
                    "timestep", Reference.tensor("unet.timestep"),
                    "encoder_hidden_states", Reference.tensor("unet.encoder_hidden_states")));
            Reference.assertClose(Reference.tensor("unet.out_sample"), out.get("out_sample"), tolerance, "out_sample");
        }
    }
}

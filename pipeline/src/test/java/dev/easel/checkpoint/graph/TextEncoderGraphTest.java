package dev.easel.checkpoint.graph;

import dev.easel.checkpoint.SafetensorsFile;
import dev.easel.onnx.OnnxSession;
import dev.easel.onnx.OrtSettings;
import dev.easel.onnx.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TextEncoderGraphTest {

    @TempDir
    Path dir;

    @Test
    void matchesTheReferenceIncludingClipSkip2() throws IOException {
        check(Reference.tinyFp32(), Reference.FP32_TOLERANCE);
    }

    @Test
    void fp16CheckpointMatchesWithinHalfPrecision() throws IOException {
        check(Reference.tinyFp16(), Reference.FP16_TOLERANCE);
    }

    /** Old checkpoints name CLIP keys without the {@code text_model.} level; they read the same. */
    @Test
    void oldClipKeyLayoutReadsTheSame() throws IOException {
        Path old = dir.resolve("old.safetensors");
        try (SafetensorsFile f = SafetensorsFile.open(Reference.tinyFp32())) {
            java.util.List<dev.easel.checkpoint.SafetensorsWriter.Entry> entries = new java.util.ArrayList<>();
            for (var t : f.tensors().values()) {
                String name = t.name().replace("cond_stage_model.transformer.text_model.", "cond_stage_model.transformer.");
                entries.add(new dev.easel.checkpoint.SafetensorsWriter.Entry(name, t.dtype(), t.shape(), () -> f.raw(t.name())));
            }
            dev.easel.checkpoint.SafetensorsWriter.write(old, entries, Map.of(), null);
        }
        check(old, Reference.FP32_TOLERANCE);
    }

    private void check(Path checkpoint, double tolerance) throws IOException {
        Path model = dir.resolve("text_encoder/model.onnx");
        try (SafetensorsFile f = SafetensorsFile.open(checkpoint)) {
            WeightSource w = new WeightSource(f);
            assertEquals(new TextEncoderGraph.Layout(49408, 48, 77, 2), TextEncoderGraph.layout(w));
            ModelFiles.write(TextEncoderGraph.build(w, GraphOptions.DEFAULT, TextEncoderGraph.SD1_HEADS, false), model);
        }
        Tensor ids = Reference.tensor("text.input_ids");
        try (OnnxSession s = OnnxSession.open(model, OrtSettings.cpu())) {
            Map<String, Tensor> out = s.run(Map.of("input_ids", ids));
            Reference.assertClose(Reference.tensor("text.last_hidden_state"), out.get("last_hidden_state"), tolerance, "last_hidden_state");
            Reference.assertClose(Reference.tensor("text.penultimate_normed"), out.get("clip_skip_2"), tolerance, "penultimate");
        }
    }
}

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

class VaeGraphsTest {

    @TempDir
    Path dir;

    @Test
    void layoutIsReadFromTheKeys() throws IOException {
        try (SafetensorsFile f = SafetensorsFile.open(Reference.tinyFp32())) {
            assertEquals(new VaeGraphs.Layout(4, 1, 2, 4, 3), VaeGraphs.layout(new WeightSource(f)));
        }
    }

    @Test
    void encoderAndDecoderMatchTheReference() throws IOException {
        check(Reference.tinyFp32(), Reference.FP32_TOLERANCE);
    }

    @Test
    void fp16CheckpointMatchesWithinHalfPrecision() throws IOException {
        check(Reference.tinyFp16(), Reference.FP16_TOLERANCE);
    }

    private void check(Path checkpoint, double tolerance) throws IOException {
        Path enc = dir.resolve("vae_encoder/model.onnx"), dec = dir.resolve("vae_decoder/model.onnx");
        try (SafetensorsFile f = SafetensorsFile.open(checkpoint)) {
            WeightSource w = new WeightSource(f);
            ModelFiles.write(VaeGraphs.encoder(w, GraphOptions.DEFAULT), enc);
            ModelFiles.write(VaeGraphs.decoder(w, GraphOptions.DEFAULT), dec);
        }
        try (OnnxSession s = OnnxSession.open(enc, OrtSettings.cpu())) {
            Tensor moments = s.run(Map.of("sample", Reference.tensor("vae.image"))).get("latent_parameters");
            Reference.assertClose(Reference.tensor("vae.moments"), moments, tolerance, "latent_parameters");
        }
        try (OnnxSession s = OnnxSession.open(dec, OrtSettings.cpu())) {
            Tensor image = s.run(Map.of("latent_sample", Reference.tensor("vae.latent"))).get("sample");
            Reference.assertClose(Reference.tensor("vae.decoded"), image, tolerance, "decoded");
        }
    }
}

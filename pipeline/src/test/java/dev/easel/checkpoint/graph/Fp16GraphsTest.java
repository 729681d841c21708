package dev.easel.checkpoint.graph;

import dev.easel.checkpoint.SafetensorsFile;
import dev.easel.onnx.ElementType;
import dev.easel.onnx.OnnxSession;
import dev.easel.onnx.OrtSettings;
import dev.easel.onnx.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The fp16 graphs built for CUDA (fp16 weights and arithmetic, fp32 inputs and outputs), checked
 * here on the CPU provider, which runs fp16 nodes it has no kernel for through inserted casts.
 */
class Fp16GraphsTest {

    @TempDir
    Path dir;

    @Test
    void fp16GraphsMatchTheReferenceWithinHalfPrecision() throws IOException {
        GraphOptions half = new GraphOptions(true, false);
        try (SafetensorsFile f = SafetensorsFile.open(Reference.tinyFp32())) {
            WeightSource w = new WeightSource(f);
            ModelFiles.write(TextEncoderGraph.build(w, half, TextEncoderGraph.SD1_HEADS, true), dir.resolve("text/model.onnx"));
            ModelFiles.write(UNetGraph.build(w, half, UNetGraph.SD1_HEADS), dir.resolve("unet/model.onnx"));
            ModelFiles.write(VaeGraphs.encoder(w, half), dir.resolve("enc/model.onnx"));
            ModelFiles.write(VaeGraphs.decoder(w, half), dir.resolve("dec/model.onnx"));
        }
        try (OnnxSession s = open("text")) {
            assertEquals(ElementType.FLOAT, s.outputs().get("last_hidden_state").type(), "fp32 at the boundary");
            Map<String, Tensor> out = s.run(Map.of("input_ids", Reference.tensor("text.input_ids"),
                    "extra_embeddings", new Tensor(new long[] {1, 48}, new float[48])));
            Reference.assertClose(Reference.tensor("text.last_hidden_state"), out.get("last_hidden_state"), Reference.FP16_TOLERANCE, "fp16 text");
            Reference.assertClose(Reference.tensor("text.penultimate_normed"), out.get("clip_skip_2"), Reference.FP16_TOLERANCE, "fp16 clip skip 2");
        }
        try (OnnxSession s = open("unet")) {
            Tensor out = s.run(Map.of("sample", Reference.tensor("unet.sample"), "timestep", Reference.tensor("unet.timestep"),
                    "encoder_hidden_states", Reference.tensor("unet.encoder_hidden_states"))).get("out_sample");
            Reference.assertClose(Reference.tensor("unet.out_sample"), out, Reference.FP16_TOLERANCE, "fp16 unet");
        }
        try (OnnxSession s = open("enc")) {
            Reference.assertClose(Reference.tensor("vae.moments"), s.run(Map.of("sample", Reference.tensor("vae.image")))
                    .get("latent_parameters"), Reference.FP16_TOLERANCE, "fp16 vae encoder");
        }
        try (OnnxSession s = open("dec")) {
            Reference.assertClose(Reference.tensor("vae.decoded"), s.run(Map.of("latent_sample", Reference.tensor("vae.latent")))
                    .get("sample"), Reference.FP16_TOLERANCE, "fp16 vae decoder");
        }
    }

    private OnnxSession open(String sub) {
        return OnnxSession.open(dir.resolve(sub + "/model.onnx"), OrtSettings.cpu());
    }
}

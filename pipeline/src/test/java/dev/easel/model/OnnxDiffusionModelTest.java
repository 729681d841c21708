package dev.easel.model;

import dev.easel.model.tiny.TinyModels;
import dev.easel.model.tiny.TinyTokenizer;
import dev.easel.onnx.ModelLoadException;
import dev.easel.onnx.OrtSettings;
import dev.easel.onnx.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CancellationException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OnnxDiffusionModelTest {

    @TempDir
    static Path store;

    @BeforeAll
    static void write() throws Exception {
        TinyModels.writeStore(store, null);
    }

    private static OnnxDiffusionModel open(String set) {
        return OnnxDiffusionModel.open(store.resolve("stable-diffusion").resolve(set), OrtSettings.cpu());
    }

    private static int[] prompt(int batch) {
        int[] ids = new int[batch * 77];
        Arrays.fill(ids, TinyTokenizer.END_OF_TEXT);
        for (int b = 0; b < batch; b++) {
            ids[b * 77] = TinyTokenizer.START_OF_TEXT;
            ids[b * 77 + 1] = 320 + b;
            ids[b * 77 + 2] = 7000;
        }
        return ids;
    }

    private static Tensor noise(long seed, long... shape) {
        Tensor t = Tensor.zeros(shape);
        Random r = new Random(seed);
        for (int i = 0; i < t.data().length; i++) t.data()[i] = (float) r.nextGaussian();
        return t;
    }

    @Test
    void readsChannelsHiddenSizeAndPaths() {
        try (OnnxDiffusionModel sd = open(TinyModels.SD); OnnxDiffusionModel inpaint = open(TinyModels.SD_INPAINTING)) {
            assertEquals(TinyModels.SD, sd.name());
            assertEquals(4, sd.unetInChannels());
            assertEquals(9, inpaint.unetInChannels());
            assertEquals(768, sd.hiddenSize());
            assertTrue(Files.isRegularFile(sd.tokenizerDir().resolve("vocab.json")));
            assertNotNull(sd.schedulerConfig());
        }
    }

    /** Every set has the same weights; only the export conventions differ, so the numbers must agree. */
    @Test
    void allExportConventionsGiveTheSameNumbers() {
        Tensor sample = noise(1, 2, 4, 8, 8);
        float[] timesteps = {999, 500}; // differing steps force the scalar-timestep export to run per entry
        Tensor images = noise(2, 1, 3, 32, 32);
        try (OnnxDiffusionModel ref = open(TinyModels.SD)) {
            Tensor text = ref.encodeText(prompt(2), 2, 1);
            Tensor eps = ref.unet(sample, timesteps, text);
            Tensor moments = ref.encodeMoments(images);
            Tensor decoded = ref.decode(sample);
            assertArrayEquals(new long[] {2, 77, 768}, text.shape());
            assertArrayEquals(new long[] {2, 4, 8, 8}, eps.shape());
            assertArrayEquals(new long[] {1, 8, 4, 4}, moments.shape());
            assertEquals(-30f, moments.data()[moments.data().length - 1]);
            assertArrayEquals(new long[] {2, 3, 64, 64}, decoded.shape());
            for (String set : new String[] {TinyModels.SD_OPTIMUM, TinyModels.SD_FP16}) {
                float tol = set.equals(TinyModels.SD_FP16) ? 0.02f : 1e-5f;
                try (OnnxDiffusionModel m = open(set)) {
                    Tensor t2 = m.encodeText(prompt(2), 2, 1);
                    assertArrayEquals(text.data(), t2.data(), tol, set + " text");
                    assertArrayEquals(eps.data(), m.unet(sample, timesteps, text).data(), tol, set + " unet");
                    assertArrayEquals(decoded.data(), m.decode(sample).data(), tol, set + " decode");
                    Tensor mo = m.encodeMoments(images);
                    assertArrayEquals(new long[] {1, 8, 4, 4}, mo.shape());
                    assertArrayEquals(Arrays.copyOf(moments.data(), 64), Arrays.copyOf(mo.data(), 64), tol * 10, set + " means");
                }
            }
        }
    }

    @Test
    void clipSkipUsesTheNormedPenultimateLayerOrSaysItCannot() {
        try (OnnxDiffusionModel sd = open(TinyModels.SD)) {
            Tensor one = sd.encodeText(prompt(1), 1, 1);
            Tensor two = sd.encodeText(prompt(1), 1, 2);
            assertArrayEquals(one.shape(), two.shape());
            assertTrue(!Arrays.equals(one.data(), two.data()));
            var e = assertThrows(UnsupportedOperationException.class, () -> sd.encodeText(prompt(1), 1, 3));
            assertTrue(e.getMessage().contains("clip skip 3"), e.getMessage());
        }
    }

    /** Euler over SD 1.5's 25-step schedule: latents must stay O(1) for the tiny UNet to be usable in tests. */
    @Test
    void samplingStaysNumericallyTame() {
        double[] alphasCumprod = new double[1000];
        double acc = 1;
        for (int i = 0; i < 1000; i++) {
            double beta = Math.pow(Math.sqrt(0.00085) + i * (Math.sqrt(0.012) - Math.sqrt(0.00085)) / 999, 2);
            acc *= 1 - beta;
            alphasCumprod[i] = acc;
        }
        int steps = 25;
        try (OnnxDiffusionModel sd = open(TinyModels.SD)) {
            Tensor text = sd.encodeText(prompt(1), 1, 1);
            Tensor x = noise(7, 1, 4, 8, 8);
            double sigma0 = sigma(alphasCumprod, 999);
            for (int i = 0; i < x.data().length; i++) x.data()[i] *= (float) sigma0;
            for (int s = 0; s < steps; s++) {
                int t = (int) Math.round(999.0 * (steps - 1 - s) / (steps - 1));
                double sig = sigma(alphasCumprod, t);
                double next = s == steps - 1 ? 0 : sigma(alphasCumprod, (int) Math.round(999.0 * (steps - 2 - s) / (steps - 1)));
                Tensor in = Tensor.zeros(x.shape());
                for (int i = 0; i < in.data().length; i++) in.data()[i] = (float) (x.data()[i] / Math.sqrt(sig * sig + 1));
                float[] eps = sd.unet(in, new float[] {t}, text).data();
                for (int i = 0; i < eps.length; i++) x.data()[i] += (float) (eps[i] * (next - sig));
            }
            for (float v : x.data()) assertTrue(Math.abs(v) < 5 && Float.isFinite(v), "latent " + v);
            Tensor image = sd.decode(x);
            for (float v : image.data()) assertTrue(v >= -1 && v <= 1);
        }
    }

    private static double sigma(double[] ac, int t) {
        return Math.sqrt((1 - ac[t]) / ac[t]);
    }

    @Test
    void interruptCancelsUntilCleared() {
        try (OnnxDiffusionModel sd = open(TinyModels.SD)) {
            sd.interrupt();
            assertThrows(CancellationException.class, () -> sd.encodeText(prompt(1), 1, 1));
            assertThrows(CancellationException.class, () -> sd.decode(Tensor.zeros(1, 4, 2, 2)));
            sd.clearInterrupt();
            assertArrayEquals(new long[] {1, 3, 16, 16}, sd.decode(Tensor.zeros(1, 4, 2, 2)).shape());
        }
    }

    @Test
    void incompleteOrBrokenFoldersFailWithTheReason(@TempDir Path tmp) throws Exception {
        var missing = assertThrows(ModelLoadException.class, () -> OnnxDiffusionModel.open(tmp.resolve("none"), OrtSettings.cpu()));
        assertTrue(missing.getMessage().contains("not found"));
        Path broken = tmp.resolve("broken");
        TinyModels.writeSdSet(broken, dev.easel.model.tiny.TinyFlavor.diffusers(), null);
        Files.delete(broken.resolve("unet/model.onnx"));
        var incomplete = assertThrows(ModelLoadException.class, () -> OnnxDiffusionModel.open(broken, OrtSettings.cpu()));
        assertTrue(incomplete.getMessage().contains("unet/model.onnx is missing"), incomplete.getMessage());
        Files.writeString(broken.resolve("unet/model.onnx"), "not onnx");
        var unreadable = assertThrows(ModelLoadException.class, () -> OnnxDiffusionModel.open(broken, OrtSettings.cpu()));
        assertTrue(unreadable.getMessage().contains("unet"), unreadable.getMessage());
    }
}

package dev.easel.upscale;

import dev.easel.model.tiny.TinyRestorationModels;
import dev.easel.onnx.OnnxSession;
import dev.easel.onnx.OrtSettings;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The output is assembled in 8 bits, never as a full-size float image: a 1024 -> 4096 upscale (a
 * quarter of the 2048 -> 8192 claim in each dimension's square) must finish in a 200 MiB heap, where
 * a 4096 x 4096 RGB float image alone needs 192 MiB beside its 48 MiB 8-bit result.
 */
class SmallHeapUpscaleTest {
    static final int SIDE = 1024;
    static final String HEAP = "-Xmx200m";

    /** Runs in the forked JVM: upscales a ramp and prints the size and a few checked samples. */
    public static void main(String[] args) {
        Raster src = Raster.allocate(SIDE, SIDE, 3, Raster.Depth.U8);
        byte[] b = src.bytes();
        for (int i = 0; i < b.length; i++) b[i] = (byte) ((i / 3) % SIDE / 4);
        byte[] model = TinyRestorationModels.upscaler(4, -1, "input", "output", false);
        try (OnnxSession s = OnnxSession.open(model, "tiny-x4", OrtSettings.cpu())) {
            Raster out = new TiledUpscaler(new OnnxTileModel(s), TileSettings.DEFAULTS).upscale(src, Monitor.NONE);
            // the ramp climbs one 8-bit level every 4 input pixels, so every 16 output pixels
            int x = 2000;
            int expected = Math.round(((x + 0.5f) / 4 - 0.5f) / 4);
            System.out.println("size " + out.width() + "x" + out.height() + " sample " + (out.bytes()[(1000 * out.width() + x) * 3] & 0xff)
                    + " expected " + expected);
        }
    }

    @Test
    void upscalesIntoAHeapTooSmallForAFloatResult() throws IOException, InterruptedException {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process p = new ProcessBuilder(List.of(java, HEAP, "-cp", System.getProperty("java.class.path"),
                SmallHeapUpscaleTest.class.getName())).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the forked upscale did not finish");
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.contains("size 4096x4096"), output);
        String[] words = output.substring(output.indexOf("sample ")).trim().split("\\s+");
        assertEquals(Integer.parseInt(words[3]), Integer.parseInt(words[1]), 1, output);
    }
}

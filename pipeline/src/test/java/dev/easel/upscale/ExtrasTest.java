package dev.easel.upscale;

import dev.easel.faces.FaceRestorerInfo;
import dev.easel.faces.FaceRestorers;
import dev.easel.model.tiny.TinyRestorationModels;
import dev.easel.onnx.OrtSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExtrasTest {
    @TempDir
    static Path store;
    static Upscalers upscalers;
    static FaceRestorers restorers;
    static Extras extras;

    @BeforeAll
    static void writeStore() throws IOException {
        TinyRestorationModels.writeStore(store);
        Files.copy(store.resolve("upscalers/tiny-x4.onnx"), store.resolve("upscalers/RealESRGAN_x4plus.onnx"));
        upscalers = new Upscalers(store, OrtSettings.cpu(), TileSettings.DEFAULTS);
        restorers = new FaceRestorers(store, OrtSettings.cpu());
        extras = new Extras(upscalers, restorers);
    }

    @AfterAll
    static void close() {
        upscalers.close();
        restorers.close();
    }

    static Raster face(int w, int h, Raster.Depth depth) {
        Raster r = Raster.allocate(w, h, 3, depth);
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) for (int c = 0; c < 3; c++) r.set(x, y, c, 0.3f + 0.002f * x);
        if (w >= 128 && h >= 128) {
            for (int y = 64; y < 96; y++) for (int x = 64; x < 96; x++) for (int c = 0; c < 3; c++) r.set(x, y, c, 1f);
        }
        return r;
    }

    @Test
    void listsUpscalersUnderA1111Names() {
        List<UpscalerInfo> list = upscalers.list();
        assertEquals(List.of("None", "Lanczos", "Nearest", "R-ESRGAN 4x+", "tiny-x2-fp16", "tiny-x4-fixed64", "tiny-x4"),
                list.stream().map(UpscalerInfo::name).toList());
        assertEquals(2, list.get(4).scale());
        assertEquals(4, list.get(3).scale());
        assertEquals("RealESRGAN_x4plus", list.get(3).modelName());
        assertSame(upscalers.get("R-ESRGAN 4x+"), upscalers.get("realesrgan_x4plus"));
        var e = assertThrows(IllegalArgumentException.class, () -> upscalers.get("ESRGAN_4x"));
        assertTrue(e.getMessage().contains("R-ESRGAN 4x+") && e.getMessage().contains("ESRGAN_4x"), e.getMessage());
    }

    @Test
    void listsFaceRestorersAsA1111Does() {
        assertEquals(List.of("CodeFormer", "GFPGAN"), restorers.list().stream().map(FaceRestorerInfo::name).toList());
        var e = assertThrows(IllegalArgumentException.class, () -> restorers.get("GPEN"));
        assertTrue(e.getMessage().contains("CodeFormer"), e.getMessage());
    }

    @Test
    void upscaleByWithAModel() {
        ExtrasResult r = extras.run(ExtrasRequest.DEFAULTS.withUpscale("R-ESRGAN 4x+", 2), face(64, 40, Raster.Depth.U8), Monitor.NONE);
        assertEquals(128, r.image().width());
        assertEquals(80, r.image().height());
        assertEquals("Postprocess upscale by: 2.0, Postprocess upscaler: R-ESRGAN 4x+", r.info());
    }

    @Test
    void upscaleToWithCropAndASecondUpscaler() {
        ExtrasRequest req = new ExtrasRequest(1, 2, 300, 200, true, "Lanczos", "Nearest", 0.5, 0, 0, 0, false);
        ExtrasResult r = extras.run(req, face(64, 64, Raster.Depth.U8), Monitor.NONE);
        assertEquals(300, r.image().width());
        assertEquals(200, r.image().height());
        assertEquals("Postprocess upscale to: 300x200, Postprocess crop to: 300x200, Postprocess upscaler: Lanczos, "
                + "Postprocess upscaler 2: Nearest", r.info());
        // 64 * 4.6875 = 300 is rounded down to 296 by A1111, then pasted centred: 2 black columns each side
        assertEquals(0f, r.image().get(1, 100, 0));
        assertTrue(r.image().get(2, 100, 0) > 0.2f);
    }

    @Test
    void restoresFacesAfterUpscalingAndReportsTheCount() {
        ExtrasRequest req = ExtrasRequest.DEFAULTS.withFaces(1.0, 0.5, 1.0);
        ExtrasResult r = extras.run(req, face(192, 160, Raster.Depth.U16), Monitor.NONE);
        assertEquals(Raster.Depth.U16, r.image().depth());
        // GFPGAN runs first and its tiny stand-in inverts the white face to black, which CodeFormer's
        // detector then no longer finds: the order is A1111's (GFPGAN 2000, CodeFormer 3000)
        assertEquals("GFPGAN visibility: 1.0, GFPGAN: 1 face, CodeFormer visibility: 0.5, CodeFormer weight: 1.0, "
                + "CodeFormer: 0 faces", r.info());
        assertEquals(0f, r.image().get(80, 80, 0), 0.03f);
        ExtrasResult cf = extras.run(ExtrasRequest.DEFAULTS.withFaces(0, 1.0, 0.0), face(192, 160, Raster.Depth.U8), Monitor.NONE);
        assertEquals("CodeFormer visibility: 1.0, CodeFormer weight: 0.0, CodeFormer: 1 face", cf.info());
    }

    @Test
    void noFaceComesBackUnchanged() {
        Raster plain = Raster.allocate(128, 96, 3, Raster.Depth.U8);
        ExtrasResult r = extras.run(ExtrasRequest.DEFAULTS.withFaces(0, 1.0, 0.5), plain, Monitor.NONE);
        assertTrue(r.info().contains("CodeFormer: 0 faces"), r.info());
        assertTrue(r.image().sameAs(plain));
    }

    @Test
    void badFieldsAreNamed() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new ExtrasRequest(0, 2, 512, 512, true, "None", "None", 0, 1.5, 0, 0, false));
        assertTrue(e.getMessage().contains("gfpgan_visibility"));
        var e2 = assertThrows(IllegalArgumentException.class, () -> ExtrasRequest.DEFAULTS.withUpscale("Lanczos", 0));
        assertTrue(e2.getMessage().contains("upscaling_resize"));
        var e3 = assertThrows(IllegalArgumentException.class,
                () -> extras.run(ExtrasRequest.DEFAULTS.withUpscale("SwinIR 4x", 2), face(64, 64, Raster.Depth.U8), Monitor.NONE));
        assertTrue(e3.getMessage().contains("could not find upscaler named 'SwinIR 4x'"));
    }

    @Test
    void aPartialDownloadIsReportedWithWhatToDo(@TempDir Path other) throws IOException {
        Files.createDirectories(other.resolve("upscalers"));
        Files.write(other.resolve("upscalers/RealESRGAN_x4plus.onnx.part"), new byte[10]);
        try (Upscalers u = new Upscalers(other, OrtSettings.cpu(), TileSettings.DEFAULTS)) {
            assertEquals(List.of("None", "Lanczos", "Nearest"), u.names());
            var e = assertThrows(IllegalArgumentException.class, () -> u.get("RealESRGAN_x4plus"));
            assertTrue(e.getMessage().contains("download incomplete"), e.getMessage());
        }
    }

    @Test
    void withoutADetectorFaceRestorationSaysWhatToInstall(@TempDir Path other) throws IOException {
        TinyRestorationModels.writeStore(other);
        Files.delete(other.resolve("face-detectors/yunet-tiny.onnx"));
        try (FaceRestorers r = new FaceRestorers(other, OrtSettings.cpu())) {
            var e = assertThrows(IllegalArgumentException.class, () -> r.get("GFPGAN"));
            assertTrue(e.getMessage().contains("yunet"), e.getMessage());
        }
    }

    @Test
    void sixteenBitPngRoundTripThroughTheCodec() {
        Raster r = face(40, 30, Raster.Depth.U16);
        Raster back = RasterCodec.decode(RasterCodec.encodePng(r, Map.of()));
        assertTrue(back.sameAs(r));
        Raster r8 = face(40, 30, Raster.Depth.U8);
        byte[] png = RasterCodec.encodePng(r8, Map.of("parameters", "x"));
        assertTrue(RasterCodec.decode(png).sameAs(r8));
        assertEquals("x", dev.easel.image.Png.readTexts(png).get("parameters"));
        assertFalse(RasterCodec.decode(png).hasAlpha());
    }
}

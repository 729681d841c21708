package dev.easel.imagej;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.scijava.Context;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.module.ModuleService;

import dev.easel.imagej.bridge.BridgeClient;
import dev.easel.imagej.bridge.BridgeSettings;
import dev.easel.imagej.bridge.JobListener;
import dev.easel.imagej.bridge.JobStatus;
import dev.easel.imagej.command.EaselCommand;
import dev.easel.imagej.bridge.BridgeUnavailableException;
import dev.easel.imagej.command.BridgeStatusCommand;
import dev.easel.imagej.command.GenerateCommand;
import dev.easel.imagej.command.InpaintSelectionCommand;
import dev.easel.imagej.command.OutpaintCommand;
import dev.easel.imagej.command.RefineCommand;
import dev.easel.imagej.command.RestoreFacesCommand;
import dev.easel.imagej.command.SettingsCommand;
import dev.easel.imagej.command.UpscaleCommand;
import ij.IJ;
import ij.ImagePlus;
import ij.Undo;
import ij.WindowManager;
import ij.gui.OvalRoi;
import ij.gui.Roi;
import ij.measure.Calibration;
import ij.process.ByteProcessor;
import ij.process.ImageProcessor;
import dev.easel.imagej.image.Masks;
import dev.easel.generate.GenerationRequest;

/**
 * Every command through a real SciJava {@link CommandService} on real ImageJ 1 images, against the real
 * bridge server whose engine inverts every pixel it gets: the strictest case for what must not change.
 */
class CommandsTest {

    private static Context context;
    private static CommandService commands;
    private TestBridge bridge;

    @BeforeAll
    static void startContext() {
        context = new Context(CommandService.class);
        commands = context.service(CommandService.class);
    }

    @AfterAll
    static void stopContext() {
        context.dispose();
    }

    @BeforeEach
    void startBridge() throws Exception {
        if (bridge != null) {
            bridge.close();
        }
        bridge = TestBridge.start();
        run(SettingsCommand.class, "url", bridge.url(), "user", "", "password", "", "connect_timeout", 5,
                "request_timeout", 30, "job_timeout", 60);
    }

    static CommandModule run(Class<? extends org.scijava.command.Command> type, Object... inputs) throws Exception {
        return commands.run(type, false, inputs).get();
    }

    private static ImagePlus ramp(String type, int w, int h) {
        ImagePlus imp = IJ.createImage("sample", type + " ramp", w, h, 1);
        Calibration cal = imp.getCalibration();
        cal.pixelWidth = 0.5;
        cal.pixelHeight = 0.5;
        cal.setUnit("mm");
        return imp;
    }

    @Test
    void settingsAreSavedForEveryCommand() {
        assertEquals(bridge.url(), BridgeSettings.load().url());
        assertEquals(60, BridgeSettings.load().jobTimeoutS());
    }

    @Test
    void inpaintChangesNoPixelOutsideTheBlurredMaskOfAnOval() throws Exception {
        ImagePlus imp = ramp("RGB", 96, 64);
        Roi oval = new OvalRoi(20, 10, 40, 30);
        imp.setRoi(oval);
        CommandModule m = run(InpaintSelectionCommand.class, "imp", imp, "prompt", "a red apple", "steps", 3,
                "mask_blur", 4, "resolution", 64);
        ImagePlus out = (ImagePlus) m.getOutput("result");
        assertFalse(m.isCanceled(), m.getCancelReason());
        assertEquals(96, out.getWidth());
        assertEquals(64, out.getHeight());
        assertEquals(ImagePlus.COLOR_RGB, out.getType());
        float[] weight = Masks.blurred(Masks.fromRoi(oval, 96, 64), 4);
        int outside = 0;
        int changedInside = 0;
        for (int i = 0; i < weight.length; i++) {
            int before = imp.getProcessor().get(i);
            int after = out.getProcessor().get(i);
            if (weight[i] == 0) {
                outside++;
                assertEquals(before, after, "pixel " + i + " lies outside the blurred mask");
            } else if (before != after) {
                changedInside++;
            }
        }
        assertTrue(outside > 3000 && changedInside > 900, outside + " outside, " + changedInside + " changed");
        assertTrue(((String) out.getProperty("Info")).startsWith("a red apple\nSteps: 3"));
        GenerationRequest r = bridge.engine.requests.get(0);
        assertEquals(GenerationRequest.Mode.INPAINT, r.mode);
        assertEquals(1, r.inpaintingFill);
        assertEquals(32, r.inpaintFullResPadding);
        assertTrue(r.inpaintFullRes);
        assertEquals(4, r.maskBlurX);
        ByteProcessor expected = Masks.fromRoi(oval, 96, 64);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 96; x++) {
                assertEquals(expected.get(x, y) / 255f, r.mask.get(x, y, 0), "mask at " + x + "," + y);
            }
        }
    }

    @Test
    void sixteenBitInGivesSixteenBitOutWithItsCalibrationAndExactPixelsOutside() throws Exception {
        ImagePlus imp = ramp("16-bit", 80, 48);
        imp.setDisplayRange(1000, 60000); // 231 units per 8-bit step: the ramp has detail finer than that
        imp.setRoi(new Roi(10, 10, 16, 16));
        ImagePlus out = (ImagePlus) run(InpaintSelectionCommand.class, "imp", imp, "prompt", "x", "steps", 2,
                "mask_blur", 0, "resolution", 64).getOutput("result");
        assertEquals(16, out.getBitDepth());
        assertEquals("mm", out.getCalibration().getUnit());
        assertEquals(0.5, out.getCalibration().pixelWidth);
        assertEquals(imp.getDisplayRangeMax(), out.getDisplayRangeMax());
        ImageProcessor a = imp.getProcessor();
        ImageProcessor b = out.getProcessor();
        assertEquals(a.get(5, 5), b.get(5, 5));
        assertEquals(a.get(79, 47), b.get(79, 47));
        assertNotEquals(a.get(15, 15), b.get(15, 15));
        assertEquals(a.get(26, 26), b.get(26, 26)); // just outside the rectangle, no blur
    }

    @Test
    void inPlaceInpaintOnAStackSliceCanBeUndone() throws Exception {
        ImagePlus imp = IJ.createImage("stack", "8-bit ramp", 64, 64, 3);
        imp.setSlice(2);
        imp.setRoi(new Roi(0, 0, 8, 8));
        byte[] slice2 = ((byte[]) imp.getStack().getPixels(2)).clone();
        CommandModule m = run(InpaintSelectionCommand.class, "imp", imp, "prompt", "x", "steps", 2,
                "resolution", 64, "in_place", true);
        assertNull(m.getOutput("result"));
        assertNotEquals(slice2[0], ((byte[]) imp.getStack().getPixels(2))[0]);
        assertEquals(slice2[63 * 64 + 63], ((byte[]) imp.getStack().getPixels(2))[63 * 64 + 63]);
        WindowManager.setTempCurrentImage(imp);
        Undo.undo(); // Edit > Undo
        WindowManager.setTempCurrentImage(null);
        assertEquals(slice2[0], ((byte[]) imp.getStack().getPixels(2))[0]);
    }

    @Test
    void cancellingACommandStopsItsJobOnTheBridge() throws Exception {
        bridge.engine.stepMillis = 20;
        ImagePlus imp = ramp("RGB", 64, 64);
        CommandModule module = new CommandModule(commands.getCommand(RefineCommand.class));
        EaselCommand command = (EaselCommand) module.getCommand();
        List<String> ids = new CopyOnWriteArrayList<>();
        command.addJobListener(new JobListener() {
            @Override
            public void submitted(String jobId) {
                ids.add(jobId);
            }

            @Override
            public void progress(JobStatus status) {
                if (status.step() >= 2) {
                    command.cancel("the user pressed Cancel");
                }
            }
        });
        context.service(ModuleService.class).run(module, false, "imp", imp, "prompt", "x", "steps", 100,
                "rounds", 4).get();
        assertTrue(module.isCanceled());
        assertEquals("Cancelled: the Easel job was stopped on the bridge.", module.getCancelReason());
        assertNull(module.getOutput("result"));
        assertEquals(1, ids.size());
        assertEquals(JobStatus.CANCELLED, new BridgeClient(BridgeSettings.load()).status(ids.get(0)).state());
        long until = System.currentTimeMillis() + 5000;
        while (!bridge.engine.interrupted && System.currentTimeMillis() < until) {
            Thread.sleep(10);
        }
        assertTrue(bridge.engine.interrupted, "the engine saw the interrupt");
    }

    @Test
    void inpaintWithoutASelectionSaysWhatToDo() throws Exception {
        ImagePlus imp = ramp("8-bit", 32, 32);
        CommandModule m = run(InpaintSelectionCommand.class, "imp", imp, "prompt", "x");
        assertTrue(m.isCanceled());
        assertTrue(m.getCancelReason().startsWith("Inpaint Selection needs an area selection"));
        assertTrue(bridge.engine.requests.isEmpty());
    }

    @Test
    void generateMakesAStackOfLabelledImages() throws Exception {
        CommandModule m = run(GenerateCommand.class, "prompt", "a lighthouse at dusk", "width", 64,
                "height", 72, "steps", 2, "images", 3);
        assertFalse(m.isCanceled(), m.getCancelReason());
        ImagePlus out = (ImagePlus) m.getOutput("result");
        assertEquals(3, out.getStackSize());
        assertEquals(64, out.getWidth());
        assertEquals(72, out.getHeight());
        assertEquals(ImagePlus.COLOR_RGB, out.getType());
        assertTrue(out.getStack().getSliceLabel(2).startsWith("seed 1001: a lighthouse at dusk\na lighthouse"),
                out.getStack().getSliceLabel(2));
    }

    @Test
    void refineKeepsEveryRoundAndVariantAsALabelledSliceOfTheOriginalType() throws Exception {
        ImagePlus imp = ramp("32-bit", 90, 70);
        ImagePlus out = (ImagePlus) run(RefineCommand.class, "imp", imp, "prompt", "sharper", "steps", 2,
                "rounds", 3, "variants", 2, "strength", 0.4, "strength_change", 0.5).getOutput("result");
        assertEquals(6, out.getStackSize());
        assertEquals(32, out.getBitDepth());
        assertEquals(90, out.getWidth()); // sent as 88 x 72, brought back to the image's size
        assertEquals(70, out.getHeight());
        assertEquals("round 2/3, variant 1/2, strength 0.200, seed 1000", out.getStack().getShortSliceLabel(3, 60));
        GenerationRequest r = bridge.engine.requests.get(0);
        assertEquals(GenerationRequest.Mode.LOOPBACK, r.mode);
        assertEquals(88, r.width);
        assertEquals(72, r.height);
        assertEquals(2, r.batchSize);
        assertEquals(3, r.loopbackRounds);
        assertEquals(0.5, r.loopbackStrengthChange);
    }

    @Test
    void outpaintGrowsTheCanvasOnTheChosenSides() throws Exception {
        ImagePlus imp = ramp("8-bit", 40, 30);
        ImagePlus out = (ImagePlus) run(OutpaintCommand.class, "imp", imp, "prompt", "more sky", "pixels", 16,
                "left", true, "right", false, "up", true, "down", false, "steps", 2).getOutput("result");
        assertEquals(56, out.getWidth());
        assertEquals(46, out.getHeight()); // the bridge painted 56 x 48; the extra rows are cropped
        assertEquals(8, out.getBitDepth());
        assertEquals(255 - imp.getProcessor().get(5, 5), out.getProcessor().get(16 + 5, 16 + 5));
        assertEquals(128, out.getProcessor().get(3, 3)); // the new area, as the engine painted it
        assertEquals(16, out.getCalibration().xOrigin, 1e-9); // old pixels keep their coordinates
    }

    @Test
    void upscaleUsesTheBridgesFirstModelAndShrinksThePixelSize() throws Exception {
        ImagePlus imp = ramp("16-bit", 20, 10);
        ImagePlus out = (ImagePlus) run(UpscaleCommand.class, "imp", imp, "factor", 4.0).getOutput("result");
        assertEquals(80, out.getWidth());
        assertEquals(40, out.getHeight());
        assertEquals(16, out.getBitDepth());
        assertEquals(0.125, out.getCalibration().pixelWidth, 1e-12);
        assertEquals("inverter-x4", bridge.engine.extras.get(0).upscaler1());
    }

    @Test
    void inPlaceUpscaleReplacesTheImageAndCanBeUndone() throws Exception {
        ImagePlus imp = ramp("RGB", 20, 10);
        run(UpscaleCommand.class, "imp", imp, "factor", 2.0, "model", "inverter-x4", "in_place", true);
        assertEquals(40, imp.getWidth());
        WindowManager.setTempCurrentImage(imp);
        Undo.undo(); // Edit > Undo
        WindowManager.setTempCurrentImage(null);
        assertEquals(20, imp.getWidth());
    }

    @Test
    void restoreFacesKeepsTheImagesSizeAndType() throws Exception {
        ImagePlus imp = ramp("8-bit", 24, 24);
        ImagePlus out = (ImagePlus) run(RestoreFacesCommand.class, "imp", imp, "model", "GFPGAN", "strength", 0.8)
                .getOutput("result");
        assertEquals(24, out.getWidth());
        assertEquals(8, out.getBitDepth());
        assertEquals(0.8, bridge.engine.extras.get(0).gfpganVisibility());
        assertEquals(0.0, bridge.engine.extras.get(0).codeformerVisibility());
    }

    @Test
    void bridgeStatusReportsWhatHealthSays() throws Exception {
        String status = (String) run(BridgeStatusCommand.class).getOutput("status");
        assertTrue(status.contains("status: ok\nversion: dev\ndevice: cpu\nmodel: inverter [0123456789]\n"), status);
        assertTrue(status.endsWith("installed models:\n  stable-diffusion: inverter\n"
                + "  upscaler: inverter-x4 (not ready: weights missing)\n"
                + "downloadable models in the catalog: 0\n"
                + "missing face-restorer: no face restorer installed (download: codeformer)\n"), status);
    }

    @Test
    void aStoppedBridgeGivesTheClearMessageNotAStackTrace() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port;
        run(SettingsCommand.class, "url", url, "user", "", "password", "", "connect_timeout", 2,
                "request_timeout", 5, "job_timeout", 5);
        ImagePlus imp = ramp("8-bit", 32, 32);
        imp.setRoi(new Roi(1, 1, 4, 4));
        CommandModule m = run(InpaintSelectionCommand.class, "imp", imp, "prompt", "x");
        assertTrue(m.isCanceled());
        assertEquals(BridgeUnavailableException.messageFor(url), m.getCancelReason());
        assertSame(null, m.getOutput("result"));
    }
}

package dev.easel.imagej;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;


import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scijava.Context;
import org.scijava.command.Command;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;

import dev.easel.imagej.bridge.BridgeSettings;
import dev.easel.imagej.command.BridgeStatusCommand;
import dev.easel.imagej.command.GenerateCommand;
import dev.easel.imagej.command.InpaintSelectionCommand;
import dev.easel.imagej.command.OutpaintCommand;
import dev.easel.imagej.command.RefineCommand;
import dev.easel.imagej.command.RestoreFacesCommand;
import dev.easel.imagej.image.Masks;
import dev.easel.imagej.command.UpscaleCommand;
import ij.IJ;
import ij.ImagePlus;
import ij.gui.OvalRoi;
import ij.gui.Roi;

/** The commands against the real bridge over the real pipeline: ONNX Runtime on the tiny model store. */
class TinyModelsBridgeTest {

    private static TinyBridge bridge;
    private static Context context;
    private static CommandService commands;
    private static BridgeSettings settings;

    @BeforeAll
    static void start() throws Exception {
        bridge = TinyBridge.start();
        settings = BridgeSettings.defaults().withUrl(bridge.url()).withPollInterval(20);
        context = new Context(CommandService.class);
        commands = context.service(CommandService.class);
    }

    @AfterAll
    static void stop() {
        context.dispose();
        bridge.close();
    }

    /** Runs {@code type} against this class's bridge (not the saved settings) and returns the finished module. */
    private static CommandModule run(Class<? extends Command> type, Object... inputs) throws Exception {
        CommandModule module = new CommandModule(commands.getCommand(type));
        ((dev.easel.imagej.command.EaselCommand) module.getCommand()).setSettings(settings);
        context.service(org.scijava.module.ModuleService.class).run(module, false, inputs).get();
        assertFalse(module.isCanceled(), module.getCancelReason());
        return module;
    }

    @Test
    void bridgeStatusListsTheTinyStore() throws Exception {
        String status = (String) run(BridgeStatusCommand.class).getOutput("status");
        assertTrue(status.contains("status: ok\n"), status);
        assertTrue(status.contains("device: cpu"), status);
        assertTrue(status.contains("  stable_diffusion: tiny-sd, tiny-sd-fp16, tiny-sd-inpainting"), status);
        assertTrue(status.contains("  upscaler: tiny-x2-fp16, tiny-x4-fixed64, tiny-x4\n"), status);
    }

    @Test
    void upscaleRunsTheTinyUpscalerOnRgbAndSixteenBit() throws Exception {
        ImagePlus rgb = IJ.createImage("rgb", "RGB ramp", 24, 16, 1);
        ImagePlus up = (ImagePlus) run(UpscaleCommand.class, "imp", rgb, "factor", 2.0).getOutput("result");
        assertEquals(48, up.getWidth());
        assertEquals(32, up.getHeight());
        assertEquals(ImagePlus.COLOR_RGB, up.getType());

        // 15 x 4 = 60 rows, which A1111's upscaler would round down to 56: the command gives back 60.
        ImagePlus grey = IJ.createImage("grey", "16-bit ramp", 20, 15, 1);
        grey.getCalibration().pixelWidth = 2;
        ImagePlus up16 = (ImagePlus) run(UpscaleCommand.class, "imp", grey, "factor", 4.0).getOutput("result");
        assertEquals(80, up16.getWidth());
        assertEquals(60, up16.getHeight());
        assertEquals(16, up16.getBitDepth());
        assertEquals(0.5, up16.getCalibration().pixelWidth, 1e-12);
    }

    @Test
    void generateMakesRgbImagesOfTheAskedSize() throws Exception {
        ImagePlus out = (ImagePlus) run(GenerateCommand.class, "prompt", "a lighthouse", "width", 64, "height", 64,
                "steps", 2, "seed", 42L, "images", 2).getOutput("result");
        assertEquals(2, out.getStackSize());
        assertEquals(64, out.getWidth());
        assertEquals(ImagePlus.COLOR_RGB, out.getType());
        assertTrue(String.valueOf(out.getProperty("Info")).contains("Seed: 42"), String.valueOf(out.getProperty("Info")));
        assertTrue(out.getStack().getSliceLabel(2).startsWith("seed 43: a lighthouse"), out.getStack().getSliceLabel(2));
    }

    @Test
    void inpaintingASixteenBitImageChangesNothingOutsideTheBlurredMask() throws Exception {
        ImagePlus imp = IJ.createImage("scan", "16-bit ramp", 80, 64, 1);
        Roi oval = new OvalRoi(20, 12, 30, 24);
        imp.setRoi(oval);
        ImagePlus out = (ImagePlus) run(InpaintSelectionCommand.class, "imp", imp, "prompt", "a red apple",
                "steps", 2, "seed", 1L, "mask_blur", 4, "resolution", 64).getOutput("result");
        assertEquals(16, out.getBitDepth());
        assertEquals(80, out.getWidth());
        assertEquals(64, out.getHeight());
        float[] weight = Masks.blurred(Masks.fromRoi(oval, 80, 64), 4);
        int changed = 0;
        for (int i = 0; i < weight.length; i++) {
            int before = imp.getProcessor().get(i);
            int after = out.getProcessor().get(i);
            if (weight[i] == 0) {
                assertEquals(before, after, "pixel " + i + " lies outside the blurred mask");
            } else if (before != after) {
                changed++;
            }
        }
        assertTrue(changed > 100, changed + " pixels changed inside the mask");
    }

    @Test
    void refineKeepsEveryRoundAndVariant() throws Exception {
        ImagePlus imp = IJ.createImage("sketch", "RGB ramp", 64, 64, 1);
        ImagePlus out = (ImagePlus) run(RefineCommand.class, "imp", imp, "prompt", "ink", "steps", 2,
                "rounds", 2, "variants", 2, "strength", 0.5, "strength_change", 0.8, "seed", 5L).getOutput("result");
        assertEquals(4, out.getStackSize());
        assertEquals(64, out.getWidth());
        assertEquals("round 2/2, variant 2/2, strength 0.400, seed 7", out.getStack().getShortSliceLabel(4, 80));
    }

    @Test
    void outpaintGrowsTheCanvas() throws Exception {
        ImagePlus imp = IJ.createImage("view", "8-bit ramp", 64, 48, 1);
        ImagePlus out = (ImagePlus) run(OutpaintCommand.class, "imp", imp, "prompt", "sky", "pixels", 20,
                "right", true, "down", true, "steps", 2).getOutput("result");
        assertEquals(84, out.getWidth());
        assertEquals(68, out.getHeight());
        assertEquals(8, out.getBitDepth());
    }

    @Test
    void restoreFacesKeepsTheSizeAndTypeWithEitherModel() throws Exception {
        ImagePlus imp = IJ.createImage("portrait", "8-bit ramp", 64, 48, 1);
        for (String model : new String[] {"CodeFormer", "GFPGAN"}) {
            ImagePlus out = (ImagePlus) run(RestoreFacesCommand.class, "imp", imp, "model", model, "strength", 1.0)
                    .getOutput("result");
            assertEquals(64, out.getWidth());
            assertEquals(48, out.getHeight());
            assertEquals(8, out.getBitDepth());
        }
    }
}

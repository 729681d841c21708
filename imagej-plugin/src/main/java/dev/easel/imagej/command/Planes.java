package dev.easel.imagej.command;

import dev.easel.imagej.bridge.BridgeException;
import ij.ImagePlus;
import ij.Undo;
import ij.measure.Calibration;
import ij.process.ImageProcessor;

/** The plane a command works on, and putting a result back into it with ImageJ's Undo. */
final class Planes {

    private Planes() { }

    /** The current plane (slice, channel, frame) of {@code imp}. */
    static ImageProcessor current(ImagePlus imp) throws BridgeException {
        if (imp == null || imp.getProcessor() == null) {
            throw new BridgeException("There is no image: open one (or click on it) and run the command again.");
        }
        return imp.getProcessor();
    }

    /** "title - what", with the slice number for stacks. */
    static String title(ImagePlus imp, String what) {
        String base = imp.getShortTitle();
        return imp.getStackSize() > 1 ? base + "-" + imp.getCurrentSlice() + " - " + what : base + " - " + what;
    }

    /** Overwrites the current plane with {@code result} (same size and type); Edit > Undo restores it. */
    static void replaceSameSize(ImagePlus imp, ImageProcessor result) {
        ImageProcessor ip = imp.getProcessor();
        ip.snapshot();
        Undo.setup(Undo.FILTER, imp);
        Object dst = ip.getPixels();
        System.arraycopy(result.getPixels(), 0, dst, 0, ip.getPixelCount());
        imp.updateAndDraw();
        imp.changes = true;
    }

    /** Replaces a single-plane image by {@code result} of another size; Edit > Undo restores it. */
    static void replaceResized(ImagePlus imp, ImageProcessor result, Calibration cal) throws BridgeException {
        if (imp.getStackSize() > 1) {
            throw new BridgeException("'in place' changes the image size, which a stack cannot do for one slice: "
                    + "run the command without 'in place' to get a new image.");
        }
        Undo.setup(Undo.TRANSFORM, imp);
        imp.setProcessor(result);
        imp.setCalibration(cal);
        imp.changes = true;
    }
}

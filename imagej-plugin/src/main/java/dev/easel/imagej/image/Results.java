package dev.easel.imagej.image;

import java.util.List;

import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import ij.process.ImageProcessor;

/** New ImageJ images from model results, carrying the parameters that made them. */
public final class Results {

    /** ImageJ shows a slice label up to its first line break; the rest travels with the slice. */
    private static final String LABEL_BREAK = "\n";

    private Results() { }

    /**
     * One image (one plane) or a stack (several), titled {@code title}. Each slice label is its short label
     * followed by its infotext; the image's Info property is the first infotext. The calibration is copied
     * from {@code source} (if any) with the pixel size divided by {@code scale}.
     */
    public static ImagePlus image(String title, List<ImageProcessor> planes, List<String> shortLabels,
                                  List<String> infotexts, ImagePlus source, double scale) {
        ImagePlus out;
        if (planes.size() == 1) {
            out = new ImagePlus(title, planes.get(0));
        } else {
            ImageProcessor first = planes.get(0);
            ImageStack stack = new ImageStack(first.getWidth(), first.getHeight());
            for (int i = 0; i < planes.size(); i++) {
                stack.addSlice(sliceLabel(shortLabels.get(i), infotexts.get(i)), planes.get(i));
            }
            out = new ImagePlus(title, stack);
        }
        String info = infotexts.isEmpty() ? "" : infotexts.get(0);
        if (!info.isEmpty()) {
            out.setProperty("Info", info);
        }
        if (planes.size() == 1 && !shortLabels.isEmpty()) {
            out.setProperty("Label", sliceLabel(shortLabels.get(0), info));
        }
        if (source != null) {
            out.setCalibration(scaled(source.getCalibration(), scale));
        }
        return out;
    }

    public static String sliceLabel(String shortLabel, String infotext) {
        return infotext == null || infotext.isEmpty() ? shortLabel : shortLabel + LABEL_BREAK + infotext;
    }

    /** {@code cal} for an image {@code scale} times larger: same units and value calibration, smaller pixels. */
    public static Calibration scaled(Calibration cal, double scale) {
        Calibration out = cal.copy();
        if (scale != 1.0) {
            out.pixelWidth = cal.pixelWidth / scale;
            out.pixelHeight = cal.pixelHeight / scale;
            out.xOrigin = cal.xOrigin * scale;
            out.yOrigin = cal.yOrigin * scale;
        }
        return out;
    }
}

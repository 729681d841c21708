package dev.easel.imagej.image;

import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;

/**
 * Maps one ImageJ plane to the 8-bit RGB a Stable Diffusion model sees, and a model's RGB back to the
 * plane's own type. RGB passes through; 8-bit grey is repeated in the three channels (raw values, the LUT
 * is not applied); 16- and 32-bit grey are scaled linearly from the display range (what the user sees) to
 * 0..255 and back. RGB becomes grey as the unweighted mean of the channels, ImageJ's default.
 */
public final class RgbMapping {

    private final ImageProcessor like;
    private final double min;
    private final double max;

    /** A mapping for planes of {@code like}'s type and display range. */
    public RgbMapping(ImageProcessor like) {
        this.like = like;
        double lo = like.getMin();
        double hi = like.getMax();
        if (!(hi > lo)) {
            hi = lo + 1;
        }
        this.min = lo;
        this.max = hi;
    }

    /** Original units per 8-bit step: 1 for RGB and 8-bit. */
    public double unitsPerStep() {
        return isScaled() ? (max - min) / 255.0 : 1.0;
    }

    private boolean isScaled() {
        return like instanceof ShortProcessor || like instanceof FloatProcessor;
    }

    public ColorProcessor toRgb(ImageProcessor ip) {
        if (ip instanceof ColorProcessor) {
            return (ColorProcessor) ip.duplicate();
        }
        int n = ip.getWidth() * ip.getHeight();
        int[] rgb = new int[n];
        for (int i = 0; i < n; i++) {
            int g = grey8(ip, i);
            rgb[i] = (g << 16) | (g << 8) | g;
        }
        return new ColorProcessor(ip.getWidth(), ip.getHeight(), rgb);
    }

    private int grey8(ImageProcessor ip, int i) {
        if (ip instanceof ByteProcessor) {
            return ip.get(i);
        }
        double v = ip.getf(i);
        long g = Math.round((v - min) * 255.0 / (max - min));
        return (int) Math.max(0, Math.min(255, g));
    }

    /** The model's RGB as a new plane of the original type, with the original display range. */
    public ImageProcessor fromRgb(ColorProcessor rgb) {
        int w = rgb.getWidth();
        int h = rgb.getHeight();
        if (like instanceof ColorProcessor) {
            return rgb.duplicate();
        }
        ImageProcessor out = newPlane(w, h);
        int[] px = (int[]) rgb.getPixels();
        for (int i = 0; i < px.length; i++) {
            out.setf(i, (float) fromGrey8(mean(px[i])));
        }
        out.setMinAndMax(like.getMin(), like.getMax());
        return out;
    }

    private double fromGrey8(double g) {
        return isScaled() ? min + g * (max - min) / 255.0 : Math.round(g);
    }

    /**
     * Puts what the model changed back into {@code original}'s units, keeping every pixel where
     * {@code weight} is 0 bit for bit: {@code out = original + (result - sent)} in 8-bit steps, scaled to the
     * original units. For RGB and 8-bit this is the model's result; for 16- and 32-bit it keeps the detail
     * finer than 8 bits wherever the model left the picture alone.
     *
     * @param weight per-pixel weights in [0, 1], or null for "everywhere"
     */
    public ImageProcessor applyChange(ImageProcessor original, ColorProcessor sent, ColorProcessor result,
                                      float[] weight) {
        int n = original.getWidth() * original.getHeight();
        ImageProcessor out = original.duplicate();
        int[] s = (int[]) sent.getPixels();
        int[] r = (int[]) result.getPixels();
        if (original instanceof ColorProcessor) {
            int[] o = (int[]) out.getPixels();
            for (int i = 0; i < n; i++) {
                if (weight == null || weight[i] > 0) {
                    o[i] = r[i];
                }
            }
            return out;
        }
        double scale = unitsPerStep();
        double lo = original instanceof FloatProcessor ? -Double.MAX_VALUE : 0;
        double hi = original instanceof ByteProcessor ? 255 : original instanceof ShortProcessor ? 65535
                : Double.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            if (weight != null && weight[i] <= 0) {
                continue;
            }
            double delta = (mean(r[i]) - mean(s[i])) * scale;
            double v = original.getf(i) + delta;
            if (!(original instanceof FloatProcessor)) {
                v = Math.round(v);
            }
            out.setf(i, (float) Math.max(lo, Math.min(hi, v)));
        }
        return out;
    }

    private ImageProcessor newPlane(int w, int h) {
        ImageProcessor plane = like instanceof ByteProcessor ? new ByteProcessor(w, h)
                : like instanceof ShortProcessor ? new ShortProcessor(w, h) : new FloatProcessor(w, h);
        if (like.getColorModel() != null) {
            plane.setColorModel(like.getColorModel());
        }
        return plane;
    }

    private static double mean(int rgb) {
        return (((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff)) / 3.0;
    }
}

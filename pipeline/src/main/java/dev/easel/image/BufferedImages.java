package dev.easel.image;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;

/** Conversions between AWT images and {@link FloatImage}s, keeping 16-bit precision where the source has it. */
public final class BufferedImages {

    private BufferedImages() { }

    /**
     * The pixels of {@code img} as a float image: 1 channel for grey, 2 for grey+alpha, 3 for RGB,
     * 4 for RGBA. Component images (PNG's grey/RGB at 8 or 16 bits, JPEG) keep their raw sample
     * values scaled to [0, 1]; palette and packed images go through sRGB ARGB.
     */
    public static FloatImage toFloat(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        ColorModel cm = img.getColorModel();
        Raster raster = img.getRaster();
        if (cm instanceof ComponentColorModel && !cm.isAlphaPremultiplied()
                && raster.getNumBands() == cm.getNumComponents() && raster.getNumBands() <= 4) {
            int bands = raster.getNumBands();
            int n = w * h;
            float[] out = new float[n * bands];
            int[] samples = new int[n];
            for (int b = 0; b < bands; b++) {
                int bits = raster.getSampleModel().getSampleSize(b);
                float max = (float) ((1L << bits) - 1);
                raster.getSamples(0, 0, w, h, b, samples);
                int o = b * n;
                for (int i = 0; i < n; i++) out[o + i] = samples[i] / max;
            }
            return new FloatImage(w, h, bands, out);
        }
        boolean alpha = cm.hasAlpha();
        int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
        return fromArgb(argb, w, h, alpha);
    }

    static FloatImage fromArgb(int[] argb, int w, int h, boolean alpha) {
        int n = w * h;
        int ch = alpha ? 4 : 3;
        float[] out = new float[n * ch];
        for (int i = 0; i < n; i++) {
            int p = argb[i];
            out[i] = ((p >> 16) & 0xFF) / 255f;
            out[n + i] = ((p >> 8) & 0xFF) / 255f;
            out[2 * n + i] = (p & 0xFF) / 255f;
            if (alpha) out[3 * n + i] = (p >>> 24) / 255f;
        }
        return new FloatImage(w, h, ch, out);
    }

    /** An 8-bit AWT image of {@code img}: grey (1 channel), RGB (3) or ARGB (2 or 4: grey+alpha becomes ARGB). */
    public static BufferedImage fromFloat(FloatImage img) {
        int w = img.width();
        int h = img.height();
        int n = w * h;
        float[] d = img.data();
        if (img.channels() == 1) {
            BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
            byte[] px = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
            for (int i = 0; i < n; i++) px[i] = (byte) Pixels.toByte(d[i]);
            return out;
        }
        boolean alpha = img.channels() == 2 || img.channels() == 4;
        BufferedImage out = new BufferedImage(w, h, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        WritableRaster r = out.getRaster();
        int[] px = ((DataBufferInt) r.getDataBuffer()).getData();
        boolean grey = img.channels() == 2;
        int a0 = (img.channels() - 1) * n;
        for (int i = 0; i < n; i++) {
            int rr = Pixels.toByte(d[i]);
            int gg = grey ? rr : Pixels.toByte(d[n + i]);
            int bb = grey ? rr : Pixels.toByte(d[2 * n + i]);
            int aa = alpha ? Pixels.toByte(d[a0 + i]) : 255;
            px[i] = (aa << 24) | (rr << 16) | (gg << 8) | bb;
        }
        return out;
    }
}

package dev.easel.upscale;

import dev.easel.image.FloatImage;

import java.awt.Point;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferUShort;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.WritableRaster;

/** Conversions between {@link Raster} and the pipeline's {@link FloatImage} and AWT's {@link BufferedImage}. */
public final class Rasters {
    private Rasters() { }

    /** A raster of the image's samples at {@code depth} (float rasters keep values exactly, range [0, 1]). */
    public static Raster fromFloatImage(FloatImage image, Raster.Depth depth) {
        int w = image.width();
        int h = image.height();
        int c = image.channels();
        if (c > 4) throw new IllegalArgumentException("at most 4 channels can be stored in a raster, got " + c);
        Raster out = Raster.allocate(w, h, c, depth);
        float[] data = image.data();
        for (int ch = 0; ch < c; ch++) {
            int plane = ch * w * h;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    out.set(x, y, ch, data[plane + y * w + x]);
                }
            }
        }
        return out;
    }

    /** The raster's normalised samples as a planar float image (floats are mapped from their range). */
    public static FloatImage toFloatImage(Raster raster) {
        int w = raster.width();
        int h = raster.height();
        int c = raster.channels();
        FloatImage out = FloatImage.zeros(w, h, c);
        float[] data = out.data();
        for (int ch = 0; ch < c; ch++) {
            int plane = ch * w * h;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    data[plane + y * w + x] = raster.get(x, y, ch);
                }
            }
        }
        return out;
    }

    /**
     * The samples of an AWT image: 16-bit component images (what {@code ImageIO} gives for 16-bit
     * PNG and TIFF) become 16-bit rasters, everything else 8-bit grey, grey+alpha, RGB or RGBA.
     */
    public static Raster fromBufferedImage(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        WritableRaster src = image.getRaster();
        boolean component = image.getColorModel() instanceof ComponentColorModel;
        int bands = src.getNumBands();
        if (component && bands <= 4 && src.getTransferType() == DataBuffer.TYPE_USHORT) {
            Raster out = Raster.allocate(w, h, bands, Raster.Depth.U16);
            int[] row = new int[w * bands];
            short[] dst = out.shorts();
            for (int y = 0; y < h; y++) {
                src.getPixels(0, y, w, 1, row);
                for (int i = 0; i < row.length; i++) dst[y * w * bands + i] = (short) row[i];
            }
            return out;
        }
        if (component && bands <= 4 && src.getTransferType() == DataBuffer.TYPE_BYTE) {
            Raster out = Raster.allocate(w, h, bands, Raster.Depth.U8);
            int[] row = new int[w * bands];
            byte[] dst = out.bytes();
            for (int y = 0; y < h; y++) {
                src.getPixels(0, y, w, 1, row);
                for (int i = 0; i < row.length; i++) dst[y * w * bands + i] = (byte) row[i];
            }
            return out;
        }
        boolean alpha = image.getColorModel().hasAlpha();
        int c = alpha ? 4 : 3;
        Raster out = Raster.allocate(w, h, c, Raster.Depth.U8);
        byte[] dst = out.bytes();
        int[] argb = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, argb, 0, w);
            for (int x = 0; x < w; x++) {
                int p = argb[x];
                int i = (y * w + x) * c;
                dst[i] = (byte) (p >>> 16);
                dst[i + 1] = (byte) (p >>> 8);
                dst[i + 2] = (byte) p;
                if (alpha) dst[i + 3] = (byte) (p >>> 24);
            }
        }
        return out;
    }

    /**
     * An AWT image over the raster's samples: 8- and 16-bit rasters are wrapped without copying
     * (writes show in both); float rasters are converted to 16 bits.
     */
    public static BufferedImage toBufferedImage(Raster raster) {
        Raster r = raster.depth() == Raster.Depth.F32 ? convert(raster, Raster.Depth.U16) : raster;
        int w = r.width();
        int h = r.height();
        int c = r.channels();
        boolean alpha = r.hasAlpha();
        ColorSpace cs = ColorSpace.getInstance(c >= 3 ? ColorSpace.CS_sRGB : ColorSpace.CS_GRAY);
        int type = r.depth() == Raster.Depth.U8 ? DataBuffer.TYPE_BYTE : DataBuffer.TYPE_USHORT;
        ComponentColorModel cm = new ComponentColorModel(cs, alpha, false,
                alpha ? Transparency.TRANSLUCENT : Transparency.OPAQUE, type);
        int[] offsets = new int[c];
        for (int i = 0; i < c; i++) offsets[i] = i;
        DataBuffer buffer = type == DataBuffer.TYPE_BYTE
                ? new DataBufferByte(r.bytes(), r.bytes().length)
                : new DataBufferUShort(r.shorts(), r.shorts().length);
        PixelInterleavedSampleModel sm = new PixelInterleavedSampleModel(type, w, h, c, w * c, offsets);
        WritableRaster wr = java.awt.image.Raster.createWritableRaster(sm, buffer, new Point(0, 0));
        return new BufferedImage(cm, wr, false, null);
    }

    /** The same samples at another depth (rounded; float targets get the range [0, 1]). */
    public static Raster convert(Raster raster, Raster.Depth depth) {
        Raster out = Raster.allocate(raster.width(), raster.height(), raster.channels(), depth);
        for (int y = 0; y < raster.height(); y++) {
            for (int x = 0; x < raster.width(); x++) {
                for (int c = 0; c < raster.channels(); c++) out.set(x, y, c, raster.get(x, y, c));
            }
        }
        return out;
    }
}

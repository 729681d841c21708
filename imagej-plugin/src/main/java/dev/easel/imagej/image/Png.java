package dev.easel.imagej.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;

import javax.imageio.ImageIO;

import ij.process.ByteProcessor;
import ij.process.ColorProcessor;

/** PNG bytes and base64 for the bridge, through the JDK's ImageIO. */
public final class Png {

    private Png() { }

    /** An RGB image as PNG, then base64 (no data-URI prefix), as the jobs API takes it. */
    public static String base64(ColorProcessor rgb) {
        BufferedImage image = new BufferedImage(rgb.getWidth(), rgb.getHeight(), BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, rgb.getWidth(), rgb.getHeight(), (int[]) rgb.getPixels(), 0, rgb.getWidth());
        return Base64.getEncoder().encodeToString(encode(image));
    }

    /** A grey mask (255 = repaint) as an 8-bit grey PNG, then base64. */
    public static String base64(ByteProcessor mask) {
        BufferedImage image = new BufferedImage(mask.getWidth(), mask.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        byte[] dst = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        System.arraycopy((byte[]) mask.getPixels(), 0, dst, 0, dst.length);
        return Base64.getEncoder().encodeToString(encode(image));
    }

    /** Decodes a PNG (any colour type) to RGB; alpha is dropped. */
    public static ColorProcessor decode(byte[] png) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        if (image == null) {
            throw new IOException("not a PNG image ImageIO can read");
        }
        int w = image.getWidth();
        int h = image.getHeight();
        int[] pixels = image.getRGB(0, 0, w, h, null, 0, w);
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] &= 0xffffff;
        }
        return new ColorProcessor(w, h, pixels);
    }

    private static byte[] encode(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException("PNG encoding into memory failed", e);
        }
        return out.toByteArray();
    }
}

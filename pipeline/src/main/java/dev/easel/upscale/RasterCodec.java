package dev.easel.upscale;

import dev.easel.image.Png;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Reading and writing {@link Raster}s as image files without a float copy: 16-bit PNGs and TIFFs stay
 * 16-bit (what ImageJ sends), 8-bit PNGs are written by {@link Png} with their text chunks.
 */
public final class RasterCodec {
    private RasterCodec() { }

    /**
     * Decodes a PNG (or any format ImageIO reads).
     *
     * @throws IllegalArgumentException when the bytes are not an image
     */
    public static Raster decode(byte[] bytes) {
        try {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(bytes));
            if (img == null) throw new IllegalArgumentException("not an image this server can read (send PNG)");
            return Rasters.fromBufferedImage(img);
        } catch (IOException e) {
            throw new IllegalArgumentException("the image could not be decoded: " + e.getMessage(), e);
        }
    }

    /**
     * Encodes a PNG: 8-bit rasters with {@code texts} as text chunks, 16-bit (and float, as 16-bit)
     * rasters through ImageIO (without text chunks).
     */
    public static byte[] encodePng(Raster r, Map<String, String> texts) {
        if (r.depth() == Raster.Depth.U8) {
            int w = r.width();
            int h = r.height();
            int c = r.channels();
            int plane = w * h;
            byte[] planes = new byte[r.bytes().length];
            byte[] src = r.bytes();
            for (int i = 0; i < plane; i++) {
                for (int ch = 0; ch < c; ch++) planes[ch * plane + i] = src[i * c + ch];
            }
            return Png.encode8(planes, w, h, c, texts == null ? Map.of() : texts, Png.FAST);
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(Rasters.toBufferedImage(r), "png", out)) throw new IOException("no PNG writer");
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

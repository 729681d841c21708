package dev.easel.image;

import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PngTest {

    @Test
    void rgbRoundTripsExactlyAndImageIoAgrees() throws Exception {
        FloatImage img = PilVectorsTest.pattern(64, 48, 3);
        byte[] png = Png.encode(img, Map.of());
        DecodedImage d = ImageCodec.decode(png);
        assertEquals("png", d.format());
        assertArrayEquals(Pixels.toBytes(img), Pixels.toBytes(d.image()));
        BufferedImage awt = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(0xFF000000 | ((37 * 5 + 91 * 7 + 5 * 7 * 7) % 256) << 16, awt.getRGB(5, 7) & 0xFFFF0000);
    }

    @Test
    void alphaAndGreyRoundTrip() {
        for (int ch : new int[] {1, 2, 4}) {
            FloatImage img = PilVectorsTest.pattern(17, 9, ch);
            DecodedImage d = ImageCodec.decode(Png.encode(img, null));
            FloatImage back = ch == 2 ? d.image() : d.image();
            if (ch == 2) {
                // grey+alpha decodes as 2 channels
                assertEquals(2, back.channels());
            }
            assertArrayEquals(Pixels.toBytes(img), Pixels.toBytes(back), "channels " + ch);
        }
    }

    @Test
    void textChunksAreTextForLatin1AndItxtOtherwiseBeforeIdat() {
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put("parameters", "café, Steps: 20");
        texts.put("comment", "猫の写真\nSteps: 20");
        byte[] png = Png.encode(PilVectorsTest.pattern(8, 8, 3), texts);
        String raw = new String(png, StandardCharsets.ISO_8859_1);
        int text = raw.indexOf("tEXtparameters");
        int itxt = raw.indexOf("iTXtcomment");
        int idat = raw.indexOf("IDAT");
        assertTrue(text > 0 && itxt > text && idat > itxt, "tEXt then iTXt then IDAT");
        assertEquals(texts, Png.readTexts(png));
        assertEquals("café, Steps: 20", ImageCodec.readParameters(png));
    }

    @Test
    void readsCompressedTextWrittenByImageIo() throws Exception {
        BufferedImage bi = BufferedImages.fromFloat(PilVectorsTest.pattern(8, 8, 3));
        var writer = ImageIO.getImageWritersByFormatName("png").next();
        var type = javax.imageio.ImageTypeSpecifier.createFromRenderedImage(bi);
        var meta = writer.getDefaultImageMetadata(type, null);
        var root = new javax.imageio.metadata.IIOMetadataNode("javax_imageio_png_1.0");
        var ztxt = new javax.imageio.metadata.IIOMetadataNode("zTXt");
        var entry = new javax.imageio.metadata.IIOMetadataNode("zTXtEntry");
        entry.setAttribute("keyword", "parameters");
        entry.setAttribute("text", "a cat\nSteps: 5, Sampler: Euler, Seed: 1");
        entry.setAttribute("compressionMethod", "deflate");
        ztxt.appendChild(entry);
        root.appendChild(ztxt);
        meta.mergeTree("javax_imageio_png_1.0", root);
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (var ios = ImageIO.createImageOutputStream(bos)) {
            writer.setOutput(ios);
            writer.write(new javax.imageio.IIOImage(bi, null, meta));
        }
        writer.dispose();
        assertEquals("a cat\nSteps: 5, Sampler: Euler, Seed: 1", Png.readTexts(bos.toByteArray()).get("parameters"));
    }

    @Test
    void decodesSixteenBitGreyAndPalette() throws Exception {
        BufferedImage grey16 = new BufferedImage(5, 3, BufferedImage.TYPE_USHORT_GRAY);
        grey16.getRaster().setSample(2, 1, 0, 40000);
        FloatImage g = ImageCodec.decode(awtPng(grey16)).image();
        assertEquals(1, g.channels());
        assertEquals(40000 / 65535f, g.get(2, 1, 0), 1e-7);

        byte[] r = {0, (byte) 255}, gg = {0, 0}, b = {0, 0}, a = {0, (byte) 255};
        BufferedImage pal = new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_INDEXED, new IndexColorModel(1, 2, r, gg, b, a));
        pal.getRaster().setSample(1, 2, 0, 1);
        FloatImage p = ImageCodec.decode(awtPng(pal)).image();
        assertEquals(4, p.channels());
        assertEquals(1f, p.get(1, 2, 0));
        assertEquals(1f, p.get(1, 2, 3));
        assertEquals(0f, p.get(0, 0, 3));
    }

    @Test
    void rejectsGarbageWithAClearMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImageCodec.decode("hello".getBytes(StandardCharsets.US_ASCII)));
        assertNotNull(e.getMessage());
        assertTrue(e.getMessage().contains("PNG or JPEG"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Png.readTexts(new byte[] {1, 2, 3}));
    }

    @Test
    void truncatedTextChunkIsIgnoredNotFatal() {
        byte[] png = Png.encode(PilVectorsTest.pattern(8, 8, 3), Map.of("parameters", "x"));
        byte[] cut = java.util.Arrays.copyOf(png, 40);
        assertTrue(Png.readTexts(cut).isEmpty() || Png.readTexts(cut).size() == 1);
    }

    static byte[] awtPng(BufferedImage img) throws Exception {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        ImageIO.write(img, "png", bos);
        return bos.toByteArray();
    }
}

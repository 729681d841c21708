package dev.easel.image;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class JpegTest {

    @Test
    void userCommentRoundTripsIncludingNonLatinText() {
        String info = "一只猫, (masterpiece:1.2)\nNegative prompt: blurry\nSteps: 20, Sampler: Euler a, Seed: 1";
        byte[] jpg = Jpeg.encode(PilVectorsTest.pattern(32, 24, 3), 0.9f, info);
        DecodedImage d = ImageCodec.decode(jpg);
        assertEquals("jpeg", d.format());
        assertEquals(32, d.image().width());
        assertEquals(3, d.image().channels());
        assertEquals(info, d.texts().get("parameters"));
        assertEquals(info, ImageCodec.readParameters(jpg));
    }

    @Test
    void plainJpegHasNoComment() {
        assertNull(Jpeg.readUserComment(Jpeg.encode(PilVectorsTest.pattern(8, 8, 3), 0.8f, null)));
    }

    @Test
    void readsLittleEndianExifWithUtf16LeComment() {
        String info = "a dog\nSteps: 5, Sampler: Euler, Seed: 3";
        byte[] text = info.getBytes(StandardCharsets.UTF_16LE);
        ByteBuffer t = ByteBuffer.allocate(8 + 18 + 18 + 8 + text.length).order(ByteOrder.LITTLE_ENDIAN);
        t.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
        t.putShort((short) 1).putShort((short) 0x8769).putShort((short) 4).putInt(1).putInt(26).putInt(0);
        t.putShort((short) 1).putShort((short) 0x9286).putShort((short) 7).putInt(8 + text.length).putInt(44).putInt(0);
        t.put("UNICODE\0".getBytes(StandardCharsets.US_ASCII)).put(text);
        byte[] tiff = t.array();
        byte[] plain = Jpeg.encode(PilVectorsTest.pattern(8, 8, 3), 0.8f, null);
        int len = tiff.length + 8;
        byte[] jpg = new byte[plain.length + len + 2];
        jpg[0] = (byte) 0xFF;
        jpg[1] = (byte) 0xD8;
        jpg[2] = (byte) 0xFF;
        jpg[3] = (byte) 0xE1;
        jpg[4] = (byte) (len >> 8);
        jpg[5] = (byte) len;
        System.arraycopy("Exif\0\0".getBytes(StandardCharsets.US_ASCII), 0, jpg, 6, 6);
        System.arraycopy(tiff, 0, jpg, 12, tiff.length);
        System.arraycopy(plain, 2, jpg, 12 + tiff.length, plain.length - 2);
        assertEquals(info, Jpeg.readUserComment(jpg));
    }
}

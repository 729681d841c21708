package dev.easel.imagej.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import ij.gui.OvalRoi;
import ij.gui.Roi;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;

class ImageMappingTest {

    @Test
    void aRectangleAndAnOvalBecomeWhiteMasksOfTheImagesSize() {
        ByteProcessor rect = Masks.fromRoi(new Roi(10, 5, 20, 8), 64, 32);
        assertEquals(64, rect.getWidth());
        assertEquals(20 * 8, Masks.count(rect));
        assertEquals(255, rect.get(10, 5));
        assertEquals(0, rect.get(30, 5));
        ByteProcessor oval = Masks.fromRoi(new OvalRoi(0, 0, 32, 32), 64, 32);
        assertEquals(0, oval.get(0, 0));
        assertEquals(255, oval.get(16, 16));
    }

    @Test
    void theBlurUsesA1111sKernelAndStaysZeroBeyondIt() {
        assertEquals(21, Masks.kernelSize(4)); // 2 * int(2.5 * 4 + 0.5) + 1
        assertEquals(1, Masks.kernelSize(0));
        ByteProcessor mask = Masks.fromRoi(new Roi(30, 30, 10, 10), 100, 100);
        float[] w = Masks.blurred(mask, 4);
        int r = Masks.kernelSize(4) / 2;
        assertEquals(0f, w[30 * 100 + (30 - r - 1)]);
        assertTrue(w[30 * 100 + (30 - r)] > 0);
        assertTrue(w[35 * 100 + 35] > 0.5f && w[35 * 100 + 35] < 1f); // a 10 px box under sigma 4
        double sum = 0;
        for (float v : w) {
            sum += v;
        }
        assertEquals(100, sum, 1e-3); // a normalised blur keeps the mask's mass away from the edges
    }

    @Test
    void reflect101MirrorsWithoutRepeatingTheEdge() {
        assertEquals(1, Masks.reflect101(-1, 5));
        assertEquals(3, Masks.reflect101(5, 5));
        assertEquals(0, Masks.reflect101(0, 5));
    }

    @Test
    void sixteenBitMapsThroughTheDisplayRangeAndBack() {
        ShortProcessor sp = new ShortProcessor(4, 1);
        sp.set(0, 0, 1000);
        sp.set(1, 0, 2000);
        sp.set(2, 0, 3000);
        sp.set(3, 0, 500);
        sp.setMinAndMax(1000, 3000);
        RgbMapping m = new RgbMapping(sp);
        ColorProcessor rgb = m.toRgb(sp);
        assertEquals(0, rgb.get(0, 0) & 0xff);
        assertEquals(128, rgb.get(1, 0) & 0xff);
        assertEquals(255, rgb.get(2, 0) & 0xff);
        assertEquals(0, rgb.get(3, 0) & 0xff); // clipped below the range
        ImageProcessor back = m.fromRgb(rgb);
        assertTrue(back instanceof ShortProcessor);
        assertEquals(3000, back.get(2, 0));
        assertEquals(2004, back.get(1, 0), 1); // 128/255 of the range
        assertEquals(1000, back.getMin());
        assertEquals(3000, back.getMax());
    }

    @Test
    void applyChangeKeepsUnweightedPixelsBitForBit() {
        FloatProcessor fp = new FloatProcessor(3, 1, new float[] {0.123456f, 0.5f, 0.987654f});
        fp.setMinAndMax(0, 1);
        RgbMapping m = new RgbMapping(fp);
        ColorProcessor sent = m.toRgb(fp);
        ColorProcessor changed = (ColorProcessor) sent.duplicate();
        changed.invert();
        ImageProcessor out = m.applyChange(fp, sent, changed, new float[] {0f, 1f, 0f});
        assertEquals(0.123456f, out.getf(0));
        assertEquals(0.987654f, out.getf(2));
        assertNotEquals(0.5f, out.getf(1));
        assertTrue(out instanceof FloatProcessor);
    }

    @Test
    void eightBitAndRgbTakeTheModelsValues() {
        ByteProcessor bp = new ByteProcessor(2, 1, new byte[] {10, (byte) 200});
        RgbMapping m = new RgbMapping(bp);
        ColorProcessor sent = m.toRgb(bp);
        assertEquals((10 << 16) | (10 << 8) | 10, sent.get(0, 0) & 0xffffff);
        ColorProcessor result = new ColorProcessor(2, 1, new int[] {0x102030, 0xffffff});
        ImageProcessor out = m.applyChange(bp, sent, result, null);
        assertEquals(0x20, out.get(0, 0)); // mean of 0x10, 0x20, 0x30
        assertEquals(255, out.get(1, 0));
        assertEquals(0x20, m.fromRgb(result).get(0, 0));
    }
}

package dev.easel.checkpoint;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HalfsTest {

    @Test
    void knownHalfValues() {
        assertEquals(0x3c00, Halfs.floatToHalf(1f) & 0xffff);
        assertEquals(0xc000, Halfs.floatToHalf(-2f) & 0xffff);
        assertEquals(0x7bff, Halfs.floatToHalf(65504f) & 0xffff);
        assertEquals(0x7c00, Halfs.floatToHalf(65520f) & 0xffff, "65520 rounds up to infinity");
        assertEquals(0x7bff, Halfs.floatToHalf(65519f) & 0xffff);
        assertEquals(0x0001, Halfs.floatToHalf(0x1p-24f) & 0xffff, "smallest subnormal");
        assertEquals(0x0000, Halfs.floatToHalf(0x1p-25f) & 0xffff, "tie to even rounds down to zero");
        assertEquals(0x0002, Halfs.floatToHalf(0x1.4p-23f) & 0xffff, "2.5 subnormal units tie to even");
        assertEquals(0x2e66, Halfs.floatToHalf(0.1f) & 0xffff);
        assertEquals(0x3c00, Halfs.floatToHalf(1f + 0x1p-11f) & 0xffff, "tie rounds to even mantissa");
        assertEquals(0x3c02, Halfs.floatToHalf(1f + 3 * 0x1p-11f) & 0xffff, "tie rounds up to even mantissa");
        assertTrue(Float.isNaN(Halfs.halfToFloat(Halfs.floatToHalf(Float.NaN))));
    }

    @Test
    void everyHalfRoundTrips() {
        for (int h = 0; h < 0x10000; h++) {
            float f = Halfs.halfToFloat((short) h);
            if (Float.isNaN(f)) continue;
            assertEquals(h, Halfs.floatToHalf(f) & 0xffff, "half 0x" + Integer.toHexString(h));
        }
    }

    @Test
    void bfloat16() {
        assertEquals(1f, Halfs.bf16ToFloat(Halfs.floatToBf16(1f)));
        assertEquals(0x3f80, Halfs.floatToBf16(1f + 0x1p-8f) & 0xffff, "tie to even");
        assertEquals(0x3f82, Halfs.floatToBf16(1f + 3 * 0x1p-8f) & 0xffff);
        assertEquals(-3.140625f, Halfs.bf16ToFloat(Halfs.floatToBf16(-3.14159f)));
    }
}

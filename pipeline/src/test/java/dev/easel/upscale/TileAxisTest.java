package dev.easel.upscale;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TileAxisTest {

    @Test
    void weightsSumToOneEverywhereAndTilesKeepTheirContext() {
        int[][] cases = {{2048, 192, 16, 8}, {1000, 192, 16, 8}, {193, 192, 16, 8}, {300, 64, 16, 8},
                {517, 96, 10, 0}, {100, 40, 16, 30}, {64, 8, 16, 8}, {5000, 512, 32, 32}};
        for (int[] c : cases) {
            TileAxis a = TileAxis.layout(c[0], c[1], c[2], c[3]);
            assertEquals(0, a.start(0));
            assertEquals(c[0] - a.window(), a.start(a.count() - 1), "last window ends at the border: " + a);
            for (int q = 0; q < c[0] * 4; q++) {
                double u = (q + 0.5) / 4;
                double sum = 0;
                for (int i = 0; i < a.count(); i++) {
                    double w = a.weight(i, u);
                    assertTrue(w >= 0 && w <= 1);
                    if (w > 0) {
                        assertTrue(u >= a.usedFrom(i) && u < a.usedTo(i), "weight outside the used span " + a);
                        if (i > 0) assertTrue(u - a.start(i) >= a.pad(), "context before " + u + " in " + a);
                        if (i < a.count() - 1) assertTrue(a.start(i) + a.window() - u >= a.pad(), "context after " + u + " in " + a);
                    }
                    sum += w;
                }
                assertEquals(1.0, sum, 1e-9, "weights at " + u + " in " + a);
            }
        }
    }

    @Test
    void oneTileWhenTheWindowCoversTheImage() {
        TileAxis a = TileAxis.layout(100, 128, 16, 8);
        assertEquals(1, a.count());
        assertEquals(128, a.window());
        assertEquals(1.0, a.weight(0, 99.5));
    }

    @Test
    void bandIsSmoothAndSymmetric() {
        TileAxis a = TileAxis.layout(300, 200, 16, 32);
        assertEquals(2, a.count());
        double cut = (a.usedFrom(1) + a.usedTo(0)) / 2;
        assertEquals(0.5, a.weight(1, cut), 1e-12);
        assertEquals(a.weight(0, cut - 5), a.weight(1, cut + 5), 1e-12);
        assertEquals(32, a.usedTo(0) - a.usedFrom(1), 1e-12);
    }

    @Test
    void mirrorReflectsWithoutRepeatingTheEdge() {
        assertEquals(1, TileAxis.mirror(-1, 5));
        assertEquals(3, TileAxis.mirror(5, 5));
        assertEquals(0, TileAxis.mirror(8, 5));
        assertEquals(1, TileAxis.mirror(9, 5));
        assertEquals(0, TileAxis.mirror(7, 1));
    }
}

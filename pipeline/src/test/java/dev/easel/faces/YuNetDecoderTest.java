package dev.easel.faces;

import dev.easel.onnx.Tensor;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class YuNetDecoderTest {

    private static Map<String, Tensor> empty(int w, int h) {
        Map<String, Tensor> out = new HashMap<>();
        for (int s : new int[] {8, 16, 32}) {
            int n = (w / s) * (h / s);
            out.put("cls_" + s, Tensor.zeros(1, n, 1));
            out.put("obj_" + s, Tensor.zeros(1, n, 1));
            out.put("bbox_" + s, Tensor.zeros(1, n, 4));
            out.put("kps_" + s, Tensor.zeros(1, n, 10));
        }
        return out;
    }

    private static void put(Map<String, Tensor> out, int stride, int cols, int r, int c, float cls, float obj,
                            float[] box, float[] kps) {
        int i = r * cols + c;
        out.get("cls_" + stride).data()[i] = cls;
        out.get("obj_" + stride).data()[i] = obj;
        System.arraycopy(box, 0, out.get("bbox_" + stride).data(), 4 * i, 4);
        System.arraycopy(kps, 0, out.get("kps_" + stride).data(), 10 * i, 10);
    }

    @Test
    void decodesCellsAsOpenCvDoes() {
        Map<String, Tensor> out = empty(128, 64);
        float[] kps = {0.1f, 0.2f, 0.9f, 0.2f, 0.5f, 0.5f, 0.2f, 0.8f, 0.8f, 0.8f};
        put(out, 16, 8, 2, 5, 0.81f, 1.0f, new float[] {0.25f, 0.75f, (float) Math.log(2), 0f}, kps);
        List<Face> faces = YuNetDecoder.decode(out, 128, 64, 0.6);
        assertEquals(1, faces.size());
        Face f = faces.get(0);
        assertEquals(0.9, f.score(), 1e-6); // sqrt(0.81 * 1)
        double cx = (5 + 0.25) * 16;
        double cy = (2 + 0.75) * 16;
        assertEquals(cx - 16, f.x(), 1e-4);
        assertEquals(cy - 8, f.y(), 1e-4);
        assertEquals(32, f.width(), 1e-4);
        assertEquals(16, f.height(), 1e-4);
        assertEquals((0.1 + 5) * 16, f.landmarks()[0], 1e-4);
        assertEquals((0.8 + 2) * 16, f.landmarks()[9], 1e-4);
    }

    @Test
    void thresholdAndSuppression() {
        Map<String, Tensor> out = empty(64, 64);
        float[] kps = new float[10];
        float[] box = {0.5f, 0.5f, (float) Math.log(4), (float) Math.log(4)};
        put(out, 8, 8, 3, 3, 1f, 1f, box, kps);
        put(out, 8, 8, 3, 4, 0.9f, 0.9f, box, kps);   // overlaps the first: suppressed
        put(out, 8, 8, 7, 7, 0.5f, 0.5f, box, kps);   // score 0.5: below the threshold
        List<Face> faces = YuNetDecoder.nms(YuNetDecoder.decode(out, 64, 64, 0.6), 0.3, 5000);
        assertEquals(1, faces.size());
        assertEquals(1.0, faces.get(0).score(), 1e-9);
    }

    @Test
    void missingOrMisshapenOutputsAreNamed() {
        Map<String, Tensor> out = empty(64, 64);
        out.remove("kps_16");
        var e = assertThrows(IllegalArgumentException.class, () -> YuNetDecoder.decode(out, 64, 64, 0.6));
        assertTrue(e.getMessage().contains("kps_16"), e.getMessage());
        Map<String, Tensor> wrong = empty(64, 64);
        wrong.put("cls_32", Tensor.zeros(1, 7, 1));
        var e2 = assertThrows(IllegalArgumentException.class, () -> YuNetDecoder.decode(wrong, 64, 64, 0.6));
        assertTrue(e2.getMessage().contains("cls_32"), e2.getMessage());
    }
}

package dev.easel.faces;

import dev.easel.onnx.Tensor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Turns YuNet's raw outputs into faces, as OpenCV's {@code FaceDetectorYN} does
 * ({@code modules/objdetect/src/face_detect.cpp}): for each stride s in 8, 16, 32 and each cell
 * (row r, column c) of the {@code (W/s) x (H/s)} grid, score = sqrt(clamp01(cls) * clamp01(obj)),
 * centre = ((c + dx) s, (r + dy) s), size = (exp(dw) s, exp(dh) s), landmark k = ((kx + c) s, (ky + r) s);
 * then greedy non-maximum suppression.
 */
public final class YuNetDecoder {
    /** YuNet's strides, matching its output names {@code cls_8} ... {@code kps_32}. */
    static final int[] STRIDES = {8, 16, 32};
    /** opencv_zoo's YuNet wrapper defaults (models/face_detection_yunet/yunet.py). */
    public static final double SCORE_THRESHOLD = 0.6;
    public static final double NMS_THRESHOLD = 0.3;
    public static final int TOP_K = 5000;

    private YuNetDecoder() { }

    /** The output names a YuNet export has. */
    public static List<String> outputNames() {
        List<String> names = new ArrayList<>();
        for (String kind : new String[] {"cls", "obj", "bbox", "kps"}) {
            for (int s : STRIDES) names.add(kind + "_" + s);
        }
        return names;
    }

    /**
     * Faces above {@code scoreThreshold} in the coordinates of a {@code width x height} detector input
     * (both multiples of 32), before suppression.
     */
    public static List<Face> decode(Map<String, Tensor> outputs, int width, int height, double scoreThreshold) {
        List<Face> faces = new ArrayList<>();
        for (int s : STRIDES) {
            int cols = width / s;
            int rows = height / s;
            int n = cols * rows;
            float[] cls = values(outputs, "cls_" + s, n, 1);
            float[] obj = values(outputs, "obj_" + s, n, 1);
            float[] bbox = values(outputs, "bbox_" + s, n, 4);
            float[] kps = values(outputs, "kps_" + s, n, 10);
            for (int i = 0; i < n; i++) {
                double score = Math.sqrt(clamp01(cls[i]) * clamp01(obj[i]));
                if (score < scoreThreshold) continue;
                int r = i / cols;
                int c = i % cols;
                double cx = (c + bbox[4 * i]) * s;
                double cy = (r + bbox[4 * i + 1]) * s;
                double w = Math.exp(bbox[4 * i + 2]) * s;
                double h = Math.exp(bbox[4 * i + 3]) * s;
                double[] l = new double[10];
                for (int k = 0; k < 5; k++) {
                    l[2 * k] = (kps[10 * i + 2 * k] + c) * s;
                    l[2 * k + 1] = (kps[10 * i + 2 * k + 1] + r) * s;
                }
                faces.add(new Face(cx - w / 2, cy - h / 2, w, h, score, l));
            }
        }
        return faces;
    }

    /** Greedy suppression: keeps the best face, drops every other overlapping it above {@code iouThreshold}. */
    public static List<Face> nms(List<Face> faces, double iouThreshold, int topK) {
        List<Face> sorted = new ArrayList<>(faces);
        sorted.sort(Comparator.comparingDouble(Face::score).reversed());
        if (sorted.size() > topK) sorted = new ArrayList<>(sorted.subList(0, topK));
        List<Face> kept = new ArrayList<>();
        for (Face f : sorted) {
            boolean overlaps = false;
            for (Face k : kept) {
                if (k.iou(f) > iouThreshold) {
                    overlaps = true;
                    break;
                }
            }
            if (!overlaps) kept.add(f);
        }
        return kept;
    }

    private static float[] values(Map<String, Tensor> outputs, String name, int rows, int perRow) {
        Tensor t = outputs.get(name);
        if (t == null) {
            throw new IllegalArgumentException("the face detector has no output '" + name + "'; a YuNet export has "
                    + outputNames());
        }
        if (t.data().length != rows * perRow) {
            throw new IllegalArgumentException("face detector output '" + name + "' holds " + t.data().length
                    + " values, expected " + rows + " x " + perRow + " for this input size");
        }
        return t.data();
    }

    private static double clamp01(float v) {
        return v < 0 ? 0 : (v > 1 ? 1 : v);
    }
}

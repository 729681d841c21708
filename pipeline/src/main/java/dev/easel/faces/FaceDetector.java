package dev.easel.faces;

import dev.easel.onnx.IoInfo;
import dev.easel.onnx.OnnxSession;
import dev.easel.onnx.OrtSettings;
import dev.easel.onnx.Tensor;
import dev.easel.upscale.PixelAccess;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A YuNet face detector ONNX. The image is fed as OpenCV feeds it (BGR, 0..255): a model with a
 * fixed input (the 2023mar export is 640 x 640) gets the image letterboxed into it, top-left, zero
 * fill; a model with free H and W gets the image zero-padded to multiples of 32, shrunk first when
 * its longer side exceeds {@link #MAX_FREE_SIDE}. Faces come back in image coordinates, suppressed.
 */
public final class FaceDetector implements AutoCloseable {
    /** YuNet's coarsest stride: a free-size input must be a multiple of it. */
    static final int STRIDE = 32;
    /** Free-size models see at most this side; facefusion runs YuNet at 640 x 640. */
    public static final int MAX_FREE_SIDE = 640;

    private final OnnxSession session;
    private final String input;
    private final int fixedWidth;
    private final int fixedHeight;
    private final double scoreThreshold;

    public FaceDetector(OnnxSession session, double scoreThreshold) {
        this.session = session;
        this.scoreThreshold = scoreThreshold;
        Set<String> missing = new HashSet<>(YuNetDecoder.outputNames());
        missing.removeAll(session.outputs().keySet());
        if (!missing.isEmpty() || session.inputs().size() != 1) {
            throw new IllegalArgumentException(session.name() + " is not a YuNet face detector: it needs one image input "
                    + "and the outputs " + YuNetDecoder.outputNames() + " (missing " + missing + ")");
        }
        IoInfo in = session.inputs().values().iterator().next();
        if (in.rank() != 4) throw new IllegalArgumentException(session.name() + ": the detector input must be [1, 3, H, W], got " + in);
        this.input = in.name();
        this.fixedWidth = (int) in.dim(3);
        this.fixedHeight = (int) in.dim(2);
    }

    public static FaceDetector open(Path file, OrtSettings settings) {
        OnnxSession s = OnnxSession.open(file, settings);
        try {
            return new FaceDetector(s, YuNetDecoder.SCORE_THRESHOLD);
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
    }

    public OnnxSession session() { return session; }

    /** Every face in the image, best first, overlapping detections suppressed. */
    public List<Face> detect(PixelAccess image) {
        int w = image.width();
        int h = image.height();
        double scale;
        int inW;
        int inH;
        if (fixedWidth > 0 && fixedHeight > 0) {
            scale = Math.min((double) fixedWidth / w, (double) fixedHeight / h);
            inW = fixedWidth;
            inH = fixedHeight;
        } else {
            scale = Math.min(1.0, (double) MAX_FREE_SIDE / Math.max(w, h));
            inW = roundUp((int) Math.ceil(w * scale), STRIDE);
            inH = roundUp((int) Math.ceil(h * scale), STRIDE);
        }
        int contentW = Math.min(inW, (int) Math.round(w * scale));
        int contentH = Math.min(inH, (int) Math.round(h * scale));
        float[] data = new float[3 * inW * inH];
        int plane = inW * inH;
        float[] rgb = new float[3];
        for (int y = 0; y < contentH; y++) {
            for (int x = 0; x < contentW; x++) {
                Sampling.resized(image, x, y, scale, rgb);
                int i = y * inW + x;
                data[i] = rgb[2] * 255f; // OpenCV feeds BGR
                data[plane + i] = rgb[1] * 255f;
                data[2 * plane + i] = rgb[0] * 255f;
            }
        }
        Map<String, Tensor> out = session.run(Map.of(input, new Tensor(new long[] {1, 3, inH, inW}, data)),
                Set.copyOf(YuNetDecoder.outputNames()));
        List<Face> faces = YuNetDecoder.nms(YuNetDecoder.decode(out, inW, inH, scoreThreshold),
                YuNetDecoder.NMS_THRESHOLD, YuNetDecoder.TOP_K);
        List<Face> result = new ArrayList<>(faces.size());
        for (Face f : faces) result.add(scale == 1.0 ? f : f.unscaled(scale));
        return result;
    }

    private static int roundUp(int v, int m) {
        return Math.max(m, (v + m - 1) / m * m);
    }

    @Override
    public void close() {
        session.close();
    }
}

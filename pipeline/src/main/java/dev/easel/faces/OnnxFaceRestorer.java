package dev.easel.faces;

import dev.easel.onnx.ElementType;
import dev.easel.onnx.IoInfo;
import dev.easel.onnx.OnnxSession;
import dev.easel.onnx.OrtSettings;
import dev.easel.onnx.Tensor;
import dev.easel.upscale.Monitor;
import dev.easel.upscale.PixelAccess;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

/**
 * GFPGAN, CodeFormer and look-alike ONNX restorers (GPEN, RestoreFormer) with a YuNet detector.
 * The image input is the model's rank-4 input (its fixed side sets the crop size, 512 for the common
 * exports); any other input is the fidelity weight, fed as a {@code [1]} tensor of whatever element
 * type the model declares (float64 in facefusion's and Face-Upscalers-ONNX's CodeFormer).
 */
public final class OnnxFaceRestorer implements FaceRestorer {
    private static final Logger LOG = Logger.getLogger(OnnxFaceRestorer.class.getName());
    /** facexlib's {@code get_face_landmarks_5(eye_dist_threshold=5)}, as A1111 calls it: smaller faces are skipped. */
    public static final double MIN_EYE_DISTANCE = 5;

    private final String name;
    private final OnnxSession restorer;
    private final FaceDetector detector;
    private final String imageInput;
    private final String weightInput;
    private final String output;
    private final int size;

    /** Takes ownership of both sessions. */
    public OnnxFaceRestorer(String name, OnnxSession restorer, FaceDetector detector) {
        this.name = name;
        this.restorer = restorer;
        this.detector = detector;
        IoInfo image = null;
        IoInfo weight = null;
        for (IoInfo in : restorer.inputs().values()) {
            if (in.rank() == 4 && image == null) image = in;
            else if (in.rank() <= 1 && weight == null && isNumber(in.type())) weight = in;
            else throw new IllegalArgumentException(restorer.name() + ": unexpected input " + in
                    + "; a face restorer takes an image [1, 3, S, S] and optionally a weight [1]");
        }
        if (image == null) {
            throw new IllegalArgumentException(restorer.name() + " is not a face restorer: no [1, 3, S, S] input among "
                    + restorer.inputs().values());
        }
        IoInfo out = restorer.outputs().values().stream().filter(o -> o.rank() == 4).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(restorer.name() + " has no [1, 3, S, S] output"));
        this.imageInput = image.name();
        this.weightInput = weight == null ? null : weight.name();
        this.output = out.name();
        long side = image.dim(3) > 0 ? image.dim(3) : image.dim(2);
        this.size = side > 0 ? (int) side : FfhqTemplate.SIZE;
    }

    /** Opens a restorer file and a detector file. */
    public static OnnxFaceRestorer open(String name, Path restorerFile, Path detectorFile, OrtSettings settings) {
        OnnxSession r = OnnxSession.open(restorerFile, settings);
        try {
            FaceDetector d = FaceDetector.open(detectorFile, settings);
            try {
                return new OnnxFaceRestorer(name, r, d);
            } catch (RuntimeException e) {
                d.close();
                throw e;
            }
        } catch (RuntimeException e) {
            r.close();
            throw e;
        }
    }

    private static boolean isNumber(ElementType t) {
        return t == ElementType.FLOAT || t == ElementType.DOUBLE || t == ElementType.FLOAT16;
    }

    @Override
    public String name() { return name; }

    @Override
    public boolean takesWeight() { return weightInput != null; }

    /** The crop side the model works at. */
    public int cropSize() { return size; }

    @Override
    public List<Face> restoreInPlace(PixelAccess image, double visibility, double weight, Monitor monitor) {
        if (!(visibility >= 0 && visibility <= 1)) throw new IllegalArgumentException("visibility must be 0..1, got " + visibility);
        if (!(weight >= 0 && weight <= 1)) throw new IllegalArgumentException("CodeFormer weight must be 0..1, got " + weight);
        restorer.clearInterrupt();
        detector.session().clearInterrupt();
        monitor.checkCancelled();
        List<Face> found = new ArrayList<>();
        for (Face f : detector.detect(image)) {
            if (f.eyeDistance() >= MIN_EYE_DISTANCE) found.add(f);
        }
        // facexlib crops every face from the untouched image before pasting any back
        List<Similarity> transforms = new ArrayList<>();
        List<float[]> crops = new ArrayList<>();
        for (Face f : found) {
            Similarity t = FaceWarp.alignment(f, size);
            transforms.add(t);
            crops.add(FaceWarp.crop(image, t, size));
        }
        for (int i = 0; i < found.size(); i++) {
            monitor.checkCancelled();
            float[] restored = run(crops.get(i), weight);
            if (visibility > 0) FacePaste.paste(image, restored, transforms.get(i), size, visibility);
            monitor.onTiles(i + 1, found.size());
        }
        LOG.fine(() -> name + ": restored " + found.size() + " faces");
        return found;
    }

    private float[] run(float[] crop, double weight) {
        Map<String, Tensor> feeds = new HashMap<>();
        feeds.put(imageInput, new Tensor(new long[] {1, 3, size, size}, crop));
        if (weightInput != null) feeds.put(weightInput, new Tensor(new long[] {1}, new float[] {(float) weight}));
        Tensor out = restorer.run(feeds, Set.of(output)).get(output);
        if (out.data().length != 3 * size * size) {
            throw new IllegalStateException(restorer.name() + " returned " + java.util.Arrays.toString(out.shape())
                    + " for a " + size + " crop; expected [1, 3, " + size + ", " + size + "]");
        }
        return out.data();
    }

    @Override
    public void interrupt() {
        restorer.interrupt();
        detector.session().interrupt();
    }

    @Override
    public void close() {
        try {
            restorer.close();
        } finally {
            detector.close();
        }
    }
}

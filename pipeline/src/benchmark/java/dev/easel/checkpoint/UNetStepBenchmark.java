package dev.easel.checkpoint;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.easel.onnx.OrtSettings;
import dev.easel.onnx.Tensor;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One CFG step (UNet, batch 2) at 512x512 on CPU with a full-size SD 1.5-shaped random checkpoint:
 * through Easel ({@link CheckpointDiffusionModel#unet}, the pipeline's path, with its conversions)
 * and through a bare ONNX Runtime session on the same graph. The two run one after
 * the other (both at once would need about 15 GB). Usage: {@code UNetStepBenchmark STORE_DIR [runs]}; the store gets the 2.1 GB checkpoint
 * and its 3.4 GB cached graphs on first use.
 */
public final class UNetStepBenchmark {

    public static void main(String[] args) throws Exception {
        Path store = Path.of(args.length > 0 ? args[0] : "target/full-size-store");
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path checkpoint = FullSizeCheckpoint.write(store, System.out);
        long t0 = System.nanoTime();
        CheckpointCache cache = new CheckpointCache(store.resolve(".cache"));
        Path folder = cache.folder(checkpoint, false, (s, d, t) -> System.out.println("building " + s + " (" + d + "/" + t + ")"));
        System.out.printf("graphs ready in %.0f s: %s%n", (System.nanoTime() - t0) / 1e9, folder);

        long[] sampleShape = {2, 4, 64, 64}, ehsShape = {2, 77, 768};
        Tensor sample = random(1, sampleShape), ehs = random(2, ehsShape);
        float[] t = {500f, 500f};

        // One phase at a time: two full-size UNet sessions at once need about 15 GB.
        double[] easel = new double[runs], bare = new double[runs];
        float[] easelOut;
        try (CheckpointDiffusionModel model = CheckpointDiffusionModel.open(checkpoint, cache, OrtSettings.cpu(), false, null)) {
            System.out.println("easel: warm-up");
            model.unet(sample, t, ehs);
            Tensor out = null;
            for (int i = 0; i < runs; i++) {
                long a = System.nanoTime();
                out = model.unet(sample, t, ehs);
                easel[i] = (System.nanoTime() - a) / 1e9;
                System.out.printf("easel run %d: %.2f s%n", i + 1, easel[i]);
            }
            easelOut = out.data();
        }
        try (OrtEnvironment env = OrtEnvironment.getEnvironment();
             OrtSession.SessionOptions options = new OrtSession.SessionOptions();
             OrtSession session = env.createSession(folder.resolve("unet/model.onnx").toString(), options);
             OnnxTensor s = OnnxTensor.createTensor(env, FloatBuffer.wrap(sample.data()), sampleShape);
             OnnxTensor ts = OnnxTensor.createTensor(env, FloatBuffer.wrap(t), new long[] {2});
             OnnxTensor e = OnnxTensor.createTensor(env, FloatBuffer.wrap(ehs.data()), ehsShape)) {
            Map<String, OnnxTensor> feeds = Map.of("sample", s, "timestep", ts, "encoder_hidden_states", e);
            System.out.println("bare ORT: warm-up");
            try (OrtSession.Result r = session.run(feeds)) { r.get(0); }
            for (int i = 0; i < runs; i++) {
                long b = System.nanoTime();
                try (OrtSession.Result r = session.run(feeds)) {
                    float[] bareOut = ((OnnxTensor) r.get(0)).getFloatBuffer().array();
                    bare[i] = (System.nanoTime() - b) / 1e9;
                    if (i == 0 && !Arrays.equals(easelOut, bareOut)) System.out.println("note: the two paths' outputs differ");
                }
                System.out.printf("bare ORT run %d: %.2f s%n", i + 1, bare[i]);
            }
        }
        double me = median(easel), mb = median(bare);
        System.out.printf("one CFG step (batch 2, 512x512, CPU, %d cores): easel median %.2f s, bare ORT median %.2f s, easel/bare %.3f%n",
                Runtime.getRuntime().availableProcessors(), me, mb, me / mb);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static Tensor random(long seed, long[] shape) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = 1;
        for (long d : shape) n *= (int) d;
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) (2 * r.nextDouble() - 1);
        return new Tensor(shape, v);
    }
}

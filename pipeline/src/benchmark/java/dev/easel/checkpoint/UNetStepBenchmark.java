package dev.easel.checkpoint;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.easel.onnx.OrtSettings;
import dev.easel.onnx.Tensor;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One CFG step (UNet, batch 2) at 512x512 on CPU with a full-size SD 1.5-shaped random checkpoint:
 * through Easel ({@link CheckpointDiffusionModel#unet}, the pipeline's path with its conversions) and
 * through a bare ONNX Runtime session on the same graph file. Two full-size sessions at once need
 * about 15 GB, so the paths take turns: each round opens one, warms it up, times it, closes it, then
 * the other, in alternating order, so a shared machine's drifting load falls on both.
 * Usage: {@code UNetStepBenchmark STORE_DIR [rounds] [runsPerRound]}; the store gets the 2.1 GB
 * checkpoint and its 3.4 GB cached graphs on first use.
 */
public final class UNetStepBenchmark {

    static final long[] SAMPLE = {2, 4, 64, 64}, CONTEXT = {2, 77, 768};

    public static void main(String[] args) throws Exception {
        Path store = Path.of(args.length > 0 ? args[0] : "target/full-size-store");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        Path checkpoint = FullSizeCheckpoint.write(store, System.out);
        long t0 = System.nanoTime();
        CheckpointCache cache = new CheckpointCache(store.resolve(".cache"));
        Path folder = cache.folder(checkpoint, false, (s, d, t) -> System.out.println("building " + s + " (" + d + "/" + t + ")"));
        System.out.printf("graphs ready in %.0f s: %s%n", (System.nanoTime() - t0) / 1e9, folder);

        Tensor sample = random(1, SAMPLE), ehs = random(2, CONTEXT);
        float[] t = {500f, 500f};
        List<Double> easel = new ArrayList<>(), bare = new ArrayList<>();
        float[][] outs = new float[2][];
        for (int round = 1; round <= rounds; round++) {
            // Odd rounds run Easel first, even rounds bare ORT first, so a load that drifts during the
            // benchmark does not always favour the same path.
            for (int k = 0; k < 2; k++) {
                boolean easelTurn = (k == 0) == (round % 2 == 1);
                if (easelTurn) outs[0] = timeEasel(checkpoint, cache, sample, t, ehs, runs, round, easel);
                else outs[1] = timeBare(folder, sample, t, ehs, runs, round, bare);
            }
        }
        float[] easelOut = outs[0], bareOut = outs[1];
        System.out.println("outputs identical: " + Arrays.equals(easelOut, bareOut));
        double me = median(easel), mb = median(bare);
        System.out.printf("one CFG step (UNet batch 2, 512x512, CPU, %d cores): easel median %.2f s, bare ORT median %.2f s,"
                + " easel/bare %.3f%n", Runtime.getRuntime().availableProcessors(), me, mb, me / mb);
    }

    private static float[] timeEasel(Path checkpoint, CheckpointCache cache, Tensor sample, float[] t, Tensor ehs,
                                     int runs, int round, List<Double> times) throws java.io.IOException {
        float[] out = null;
        try (CheckpointDiffusionModel model = CheckpointDiffusionModel.open(checkpoint, cache, OrtSettings.cpu(), false, null)) {
            model.unet(sample, t, ehs); // warm-up
            for (int i = 0; i < runs; i++) {
                long a = System.nanoTime();
                out = model.unet(sample, t, ehs).data();
                times.add(report("easel", round, (System.nanoTime() - a) / 1e9));
            }
        }
        return out;
    }

    private static float[] timeBare(Path folder, Tensor sample, float[] t, Tensor ehs, int runs, int round, List<Double> times)
            throws ai.onnxruntime.OrtException {
        float[] out = null;
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
             OrtSession session = env.createSession(folder.resolve("unet/model.onnx").toString(), options);
             OnnxTensor s = OnnxTensor.createTensor(env, FloatBuffer.wrap(sample.data()), SAMPLE);
             OnnxTensor ts = OnnxTensor.createTensor(env, FloatBuffer.wrap(t), new long[] {2});
             OnnxTensor e = OnnxTensor.createTensor(env, FloatBuffer.wrap(ehs.data()), CONTEXT)) {
            Map<String, OnnxTensor> feeds = Map.of("sample", s, "timestep", ts, "encoder_hidden_states", e);
            try (OrtSession.Result r = session.run(feeds)) { r.get(0); } // warm-up
            for (int i = 0; i < runs; i++) {
                long b = System.nanoTime();
                try (OrtSession.Result r = session.run(feeds)) {
                    out = ((OnnxTensor) r.get(0)).getFloatBuffer().array();
                    times.add(report("bare ORT", round, (System.nanoTime() - b) / 1e9));
                }
            }
        }
        return out;
    }

    private static double report(String what, int round, double seconds) {
        System.out.printf("round %d %s: %.2f s%n", round, what, seconds);
        return seconds;
    }

    private static double median(List<Double> v) {
        double[] s = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
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

package dev.easel.generate;

import dev.easel.image.Png;
import dev.easel.model.OnnxDiffusionModel;
import dev.easel.model.tiny.TinyModels;
import dev.easel.onnx.OrtSettings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * The pipeline's own time per image: a whole txt2img (and img2img) run on the tiny models minus the
 * time spent inside the model calls (measured by {@link TimedModel}), at 512x512 and 1024x1024,
 * 20 steps, Euler a, CFG 7. PNG encoding with the infotext is timed separately. The overhead is given as
 * the generating thread's CPU time outside model calls (robust on a shared, busy machine), as the whole
 * process's CPU time outside model calls (which also counts work the pipeline hands to other threads:
 * noise drawn ahead, parallel draws, GC; ONNX Runtime runs on one thread, the caller's, so the model's
 * share is exactly the calling thread's CPU inside model calls), and as wall time.
 *
 * <p>Run: {@code mvn -q -pl pipeline -am test-compile}, then
 * {@code java -cp pipeline/target/test-classes:pipeline/target/classes:<test classpath> dev.easel.generate.GenerationOverheadBenchmark [runs]}.
 */
public final class GenerationOverheadBenchmark {

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int[] sizes = args.length > 1 ? Arrays.stream(args[1].split(",")).mapToInt(Integer::parseInt).toArray() : new int[] {512, 1024};
        Path store = Files.createTempDirectory("easel-bench-store-");
        try {
            TinyModels.writeStore(store, null);
            try (OnnxDiffusionModel onnx = OnnxDiffusionModel.open(store.resolve("stable-diffusion").resolve(TinyModels.SD), new OrtSettings("cpu", 1))) {
                TimedModel model = new TimedModel(onnx);
                Generator gen = new Generator(model);
                for (int size : sizes) {
                    measure(gen, model, request(size, GenerationRequest.Mode.TXT2IMG), runs);
                    measure(gen, model, request(size, GenerationRequest.Mode.IMG2IMG), runs);
                }
            }
        } finally {
            TilingModels.deleteQuietly(store);
        }
    }

    static GenerationRequest request(int size, GenerationRequest.Mode mode) {
        GenerationRequest r = new GenerationRequest();
        r.mode = mode;
        r.prompt = "a watercolor painting of a lighthouse at dusk, (soft light:1.2), detailed";
        r.negativePrompt = "blurry, lowres";
        r.seed = 42;
        r.steps = 20;
        r.sampler = "Euler a";
        r.width = size;
        r.height = size;
        r.previewEvery = 0;
        if (mode == GenerationRequest.Mode.IMG2IMG) {
            r.initImages = java.util.List.of(dev.easel.image.PngBenchmark.picture(size, size, 0.02));
            r.denoisingStrength = 0.5;
        }
        return r;
    }

    static void measure(Generator gen, TimedModel model, GenerationRequest r, int runs) {
        for (int i = 0; i < 3; i++) gen.generate(r, null, null); // warm-up
        double[] overhead = new double[runs];
        double[] total = new double[runs];
        double[] png = new double[runs];
        double[] cpu = new double[runs];
        double[] processCpu = new double[runs];
        for (int i = 0; i < runs; i++) {
            model.reset();
            long p0 = processCpuNow();
            long c0 = TimedModel.cpuNow();
            long t0 = System.nanoTime();
            GenerationResult res = gen.generate(r, null, null);
            long t1 = System.nanoTime();
            cpu[i] = (TimedModel.cpuNow() - c0 - model.modelCpuNanos) / 1e6;
            processCpu[i] = (processCpuNow() - p0 - model.modelCpuNanos) / 1e6;
            Png.encode(res.images().get(0), Map.of("parameters", res.infotexts().get(0)));
            long t2 = System.nanoTime();
            total[i] = (t1 - t0) / 1e6;
            overhead[i] = (t1 - t0 - model.modelNanos) / 1e6;
            png[i] = (t2 - t1) / 1e6;
        }
        System.out.printf("%s %dx%d, %d steps: overhead CPU median %.1f ms (min %.1f), all threads %.1f ms (min %.1f); wall median %.1f ms (min %.1f); "
                        + "whole run wall median %.1f ms; PNG encode median %.1f ms%n",
                r.mode, r.width, r.height, r.steps, median(cpu), Arrays.stream(cpu).min().orElse(0),
                median(processCpu), Arrays.stream(processCpu).min().orElse(0), median(overhead),
                Arrays.stream(overhead).min().orElse(0), median(total), median(png));
    }

    /** CPU time of every thread of this JVM (pipeline, pools, GC, and ONNX Runtime's native calls). */
    static long processCpuNow() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}

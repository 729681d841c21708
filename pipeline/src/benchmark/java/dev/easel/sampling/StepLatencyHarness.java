package dev.easel.sampling;

import dev.easel.noise.ImageRng;
import dev.easel.noise.NoiseSettings;
import dev.easel.noise.NoiseSource;
import dev.easel.onnx.Tensor;

import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;

/**
 * What a step adds to the model call when the model call takes time, as a GPU UNet call does (the CPU
 * is free meanwhile): the same {@code [2, 4, 64, 64]} run as {@link SamplingStepBenchmark}, but the stub
 * UNet waits {@code MODEL_MS} before answering, so noise drawn ahead and Brownian queries computed ahead
 * can overlap it as they do in a real run. Prints, per sampler, the wall time per step outside the model
 * calls (median and minimum over the runs).
 * Run: {@code mvn -q -pl pipeline -am test-compile}, then {@code mvn -q -pl pipeline exec:java
 * -Dexec.classpathScope=test -Dexec.mainClass=dev.easel.sampling.StepLatencyHarness [-Dexec.args="MODEL_MS RUNS"]}.
 */
public final class StepLatencyHarness {
    private static final int STEPS = 10;
    private static final int WARMUP_RUNS = 30;

    private StepLatencyHarness() { }

    public static void main(String[] args) {
        long modelMs = args.length > 0 ? Long.parseLong(args[0]) : 30;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Random r = new Random(1);
        float[] x = new float[2 * 4 * 64 * 64];
        for (int k = 0; k < x.length; k++) x[k] = (float) r.nextGaussian();
        Tensor latent = new Tensor(new long[] {2, 4, 64, 64}, x);
        float[] eps = new float[4 * 4 * 64 * 64];
        for (int k = 0; k < eps.length; k++) eps[k] = (float) r.nextGaussian();
        Tensor unetOut = new Tensor(new long[] {4, 4, 64, 64}, eps);
        long[] inModel = {0};
        long[] parkNanos = {0};
        UnetFunction slow = (sample, t, c) -> {
            long t0 = System.nanoTime();
            if (parkNanos[0] > 0) LockSupport.parkNanos(parkNanos[0]);
            inModel[0] += System.nanoTime() - t0;
            return unetOut;
        };
        Tensor cond = new Tensor(new long[] {77, 768}, new float[77 * 768]);
        NoiseSchedule sd1 = NoiseSchedule.sd1();
        long[] seeds = {1234, 1235};
        for (String name : new String[] {"Euler a", "DPM++ 2M", "DPM++ SDE", "DPM++ 2M SDE"}) {
            double[] sigmas = Samplers.resolve(name, null).effectiveSchedule().sigmas(STEPS, sd1, ScheduleOptions.DEFAULT);
            double[] perStep = new double[runs];
            for (int run = -WARMUP_RUNS; run < runs; run++) {
                parkNanos[0] = run < 0 ? 0 : modelMs * 1_000_000; // warm up the compiled code without waiting
                CfgDenoiser cfg = new CfgDenoiser(slow, sd1, Conditioning.fixed(cond, cond), 7.0);
                ImageRng rng = new ImageRng(4, 64, 64, seeds, null, NoiseSettings.DEFAULT);
                rng.next();
                SamplingContext ctx = new SamplingContext().noise(rng).brownianSeeds(seeds, NoiseSource.GPU);
                inModel[0] = 0;
                long t0 = System.nanoTime();
                Samplers.byName(name).create().sample(cfg, latent, sigmas, ctx);
                long outside = System.nanoTime() - t0 - inModel[0];
                if (run >= 0) perStep[run] = outside / 1e3 / STEPS;
            }
            double[] s = perStep.clone();
            Arrays.sort(s);
            System.out.printf("%-13s model call %d ms: outside the model %.0f us per step (median), %.0f us (min)%n",
                    name, modelMs, s[s.length / 2], s[0]);
        }
    }
}

package dev.easel.sampling;

import dev.easel.noise.ImageRng;
import dev.easel.noise.NoiseSettings;
import dev.easel.noise.NoiseSource;
import dev.easel.onnx.Tensor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The per-step work outside the UNet call on a {@code [2, 4, 64, 64]} latent (a 512x512 batch of 2):
 * the sampler update, the CFG layout and combine, and the noise draw. The UNet is a stub returning a
 * fixed output, so what is timed is everything a real step adds to the model call.
 * Sample mode: on a shared machine the p0.50 and minimum are the figures to read.
 * Run: {@code mvn -q -pl pipeline -am test-compile}, then {@code mvn -q -pl pipeline exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.easel.sampling.SamplingStepBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(0)
public class SamplingStepBenchmark {
    private static final int STEPS = 10;
    /** SD 1.x: 77 tokens of width 768. */
    private static final int TOKENS = 77;
    private static final int HIDDEN = 768;

    @Param({"Euler a", "DPM++ 2M", "DPM++ SDE", "DPM++ 2M SDE"})
    public String sampler;

    private Tensor latent;
    private double[] sigmas;
    private CfgDenoiser cfg;
    private long[] seeds;
    private ImageRng rng;

    @Setup
    public void setup() {
        Random r = new Random(1);
        float[] x = new float[2 * 4 * 64 * 64];
        for (int k = 0; k < x.length; k++) x[k] = (float) r.nextGaussian();
        latent = new Tensor(new long[] {2, 4, 64, 64}, x);
        NoiseSchedule sd1 = NoiseSchedule.sd1();
        sigmas = Samplers.resolve(sampler, null).effectiveSchedule().sigmas(STEPS, sd1, ScheduleOptions.DEFAULT);
        float[] eps = new float[4 * 4 * 64 * 64];
        for (int k = 0; k < eps.length; k++) eps[k] = (float) r.nextGaussian();
        Tensor unetOut = new Tensor(new long[] {4, 4, 64, 64}, eps);
        UnetFunction stub = (sample, t, c) -> unetOut;
        Tensor cond = new Tensor(new long[] {TOKENS, HIDDEN}, new float[TOKENS * HIDDEN]);
        Tensor uncond = new Tensor(new long[] {TOKENS, HIDDEN}, new float[TOKENS * HIDDEN]);
        cfg = new CfgDenoiser(stub, sd1, Conditioning.fixed(cond, uncond), 7.0);
        seeds = new long[] {1234, 1235};
        rng = new ImageRng(4, 64, 64, seeds, null, NoiseSettings.DEFAULT);
        rng.next();
    }

    /** A whole 10-step run with CFG and noise, per step (no UNet). */
    @Benchmark
    @OperationsPerInvocation(STEPS)
    public Tensor stepWithCfgAndNoise() {
        SamplingContext ctx = new SamplingContext().noise(rng).brownianSeeds(seeds, NoiseSource.GPU);
        return Samplers.byName(sampler).create().sample(cfg, latent, sigmas, ctx).latent();
    }

    /** Runs this benchmark and {@link StepPartsBenchmark}. */
    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder()
                .include(SamplingStepBenchmark.class.getName() + ".*")
                .include(StepPartsBenchmark.class.getName() + ".*")
                .build()).run();
    }
}

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
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The parts of a step on a {@code [2, 4, 64, 64]} latent: the CFG denoiser around a stub UNet, one
 * ancestral noise draw from each source (with prefetch off, so the draw itself is timed), and one
 * Euler update. Run through {@link SamplingStepBenchmark#main}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(0)
public class StepPartsBenchmark {
    private Tensor latent;
    private float[] denoised;
    private CfgDenoiser cfg;
    private ImageRng nv;
    private ImageRng cpu;

    @Setup
    public void setup() {
        Random r = new Random(1);
        float[] x = new float[2 * 4 * 64 * 64];
        for (int k = 0; k < x.length; k++) x[k] = (float) r.nextGaussian();
        latent = new Tensor(new long[] {2, 4, 64, 64}, x);
        denoised = x.clone();
        float[] eps = new float[4 * 4 * 64 * 64];
        for (int k = 0; k < eps.length; k++) eps[k] = (float) r.nextGaussian();
        Tensor unetOut = new Tensor(new long[] {4, 4, 64, 64}, eps);
        Tensor cond = new Tensor(new long[] {77, 768}, new float[77 * 768]);
        cfg = new CfgDenoiser((s, t, c) -> unetOut, NoiseSchedule.sd1(), Conditioning.fixed(cond, cond), 7.0);
        nv = new ImageRng(4, 64, 64, new long[] {1, 2}, null, NoiseSettings.of(NoiseSource.NV)).prefetch(false);
        cpu = new ImageRng(4, 64, 64, new long[] {1, 2}, null, NoiseSettings.of(NoiseSource.CPU)).prefetch(false);
        nv.next();
        cpu.next();
    }

    @Benchmark
    public Tensor cfgDenoise() {
        return cfg.denoise(latent, 3.0);
    }

    @Benchmark
    public Tensor noiseDrawNv() {
        return nv.next();
    }

    @Benchmark
    public Tensor noiseDrawCpu() {
        return cpu.next();
    }

    @Benchmark
    public float[] eulerUpdate() {
        float[] x = latent.data().clone();
        KSampler.eulerUpdate(x, denoised, 3.0, -0.5);
        return x;
    }
}

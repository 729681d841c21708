package dev.easel.upscale;

import dev.easel.model.tiny.TinyRestorationModels;
import dev.easel.onnx.OnnxSession;
import dev.easel.onnx.OrtSettings;
import dev.easel.onnx.Tensor;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The 2048 -> 8192 upscale in a small heap: splits the wall time into the model calls (ONNX Runtime,
 * tensor copies included) and the tiler's own work (reading tiles, blending, writing the 8-bit
 * output), and samples the heap to report its peak. The model is the tiny bilinear x4 upscaler, so
 * the model share is far below a real ESRGAN's; the tiler's cost is what is measured here.
 *
 * <p>Run in a JVM with the heap the claim is about:
 * <pre>
 * mvn -q -pl pipeline -am test-compile exec:exec -Dexec.classpathScope=test -Dexec.executable=java \
 *   -Dexec.args="-Xmx2g -cp %classpath dev.easel.upscale.UpscaleBenchmark 2048 192 8"
 * </pre>
 * Arguments: input side (2048), tile (192), overlap (8).
 */
public final class UpscaleBenchmark {

    private UpscaleBenchmark() { }

    public static void main(String[] args) throws Exception {
        int side = args.length > 0 ? Integer.parseInt(args[0]) : 2048;
        int tile = args.length > 1 ? Integer.parseInt(args[1]) : TileSettings.DEFAULT_TILE;
        int overlap = args.length > 2 ? Integer.parseInt(args[2]) : TileSettings.DEFAULT_OVERLAP;
        HeapSampler heap = new HeapSampler();
        heap.start();
        byte[] model = TinyRestorationModels.upscaler(4, -1, "input", "output", false);
        try (OnnxSession session = OnnxSession.open(model, "tiny-x4", OrtSettings.cpu())) {
            OnnxTileModel onnx = new OnnxTileModel(session);
            Timed timed = new Timed(onnx);
            TiledUpscaler warm = new TiledUpscaler(timed, TileSettings.of(tile, overlap));
            warm.upscale(image(256), Monitor.NONE);

            Raster src = image(side);
            timed.nanos.set(0);
            timed.calls.set(0);
            timed.cpu.set(0);
            heap.reset();
            int[] tiles = {0};
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long cpu0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            Raster out = new TiledUpscaler(timed, TileSettings.of(tile, overlap))
                    .upscale(src, Monitor.of(() -> false, (d, t) -> tiles[0] = t));
            long total = System.nanoTime() - t0;
            long tilerCpu = threads.getCurrentThreadCpuTime() - cpu0 - timed.cpu.get();
            heap.halt();
            double modelS = timed.nanos.get() / 1e9;
            double totalS = total / 1e9;
            System.out.printf(Locale.ROOT, "input %dx%d -> output %dx%d (%s), tile %d overlap %d pad %d, %d tiles%n",
                    side, side, out.width(), out.height(), out.depth(), tile, overlap, TileSettings.DEFAULT_PAD, tiles[0]);
            System.out.printf(Locale.ROOT, "total %.2f s: model calls %.2f s (%d calls), tiler %.2f s (%.1f ns per output pixel)%n",
                    totalS, modelS, timed.calls.get(), totalS - modelS,
                    (total - timed.nanos.get()) / ((double) out.width() * out.height()));
            System.out.printf(Locale.ROOT, "tiler CPU time on its thread (outside model calls): %.2f s (%.1f ns per output pixel)%n",
                    tilerCpu / 1e9, tilerCpu / ((double) out.width() * out.height()));
            System.out.printf(Locale.ROOT, "heap: max %d MiB, peak used %d MiB (sampled every 5 ms), output raster %d MiB%n",
                    Runtime.getRuntime().maxMemory() >> 20, heap.peak() >> 20, (long) out.bytes().length >> 20);
        }
    }

    static Raster image(int side) {
        Raster r = Raster.allocate(side, side, 3, Raster.Depth.U8);
        byte[] b = r.bytes();
        long seed = 42;
        for (int i = 0; i < b.length; i++) {
            seed = seed * 6364136223846793005L + 1442695040888963407L;
            int px = i / 3;
            int x = px % side;
            int y = px / side;
            b[i] = (byte) ((x + y + (int) (seed >>> 60)) & 0xff);
        }
        return r;
    }

    /** Times every model call. */
    private static final class Timed implements TileModel {
        final TileModel inner;
        final AtomicLong nanos = new AtomicLong();
        final AtomicLong calls = new AtomicLong();
        final AtomicLong cpu = new AtomicLong();
        private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

        Timed(TileModel inner) { this.inner = inner; }

        @Override public int inputChannels() { return inner.inputChannels(); }
        @Override public int fixedWidth() { return inner.fixedWidth(); }
        @Override public int fixedHeight() { return inner.fixedHeight(); }

        @Override
        public Tensor run(Tensor tile) {
            long t = System.nanoTime();
            long c = threads.getCurrentThreadCpuTime();
            try {
                return inner.run(tile);
            } finally {
                cpu.addAndGet(threads.getCurrentThreadCpuTime() - c);
                nanos.addAndGet(System.nanoTime() - t);
                calls.incrementAndGet();
            }
        }
    }

    /** Polls used heap (committed minus free) from a daemon thread. */
    private static final class HeapSampler extends Thread {
        private final MemoryMXBean bean = ManagementFactory.getMemoryMXBean();
        private volatile boolean running = true;
        private final AtomicLong peak = new AtomicLong();

        HeapSampler() {
            setDaemon(true);
        }

        @Override
        public void run() {
            while (running) {
                peak.accumulateAndGet(bean.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void reset() { peak.set(0); }

        long peak() { return peak.get(); }

        void halt() { running = false; }
    }
}

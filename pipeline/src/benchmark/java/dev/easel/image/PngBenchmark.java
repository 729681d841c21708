package dev.easel.image;

import java.util.Map;
import java.util.Random;

/**
 * Times PNG encoding and decoding of a 512x512 RGB image shaped like a generated picture (smooth
 * colour fields plus fine noise). Run: {@code mvn -q -pl pipeline -am test-compile exec:java
 * -Dexec.classpathScope=test -Dexec.mainClass=dev.easel.image.PngBenchmark}.
 */
public final class PngBenchmark {

    public static void main(String[] args) {
        int size = args.length > 0 ? Integer.parseInt(args[0]) : 512;
        run(picture(size, size, 0.04), size, "noisy");
        run(picture(size, size, 0.0), size, "smooth");
    }

    static void run(FloatImage img, int size, String kind) {
        System.out.println(kind + ":");
        Map<String, String> texts = Map.of("parameters", "a cat\nSteps: 20, Sampler: Euler a, Seed: 1, Size: 512x512");
        for (int level : new int[] {Png.FAST, 1, 6}) {
            byte[] planes = Pixels.toBytes(img);
            byte[] out = null;
            for (int i = 0; i < 20; i++) out = Png.encode8(planes, size, size, 3, texts, level);
            long best = Long.MAX_VALUE;
            for (int i = 0; i < 50; i++) {
                long t0 = System.nanoTime();
                out = Png.encode8(planes, size, size, 3, texts, level);
                best = Math.min(best, System.nanoTime() - t0);
            }
            System.out.printf("encode %dx%d RGB level %d: best %.2f ms, %d bytes%n", size, size, level, best / 1e6, out.length);
        }
        byte[] png = Png.encode(img, texts);
        for (int i = 0; i < 10; i++) ImageCodec.decode(png);
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 20; i++) {
            long t0 = System.nanoTime();
            ImageCodec.decode(png);
            best = Math.min(best, System.nanoTime() - t0);
        }
        System.out.printf("decode %dx%d RGB: best %.2f ms%n", size, size, best / 1e6);
    }

    public static FloatImage picture(int w, int h, double noise) {
        Random r = new Random(1);
        FloatImage img = FloatImage.zeros(w, h, 3);
        for (int c = 0; c < 3; c++)
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++) {
                    double v = 0.5 + 0.3 * Math.sin(x * 0.013 * (c + 1) + y * 0.007) * Math.cos(y * 0.011 - c)
                            + noise * r.nextGaussian();
                    img.set(x, y, c, (float) Math.max(0, Math.min(1, v)));
                }
        return img;
    }
}

package dev.easel.bridge.bench;

import dev.easel.bridge.BridgeConfig;
import dev.easel.bridge.BridgeServer;
import dev.easel.image.FloatImage;
import dev.easel.image.Png;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The bridge's own cost for one img2img round trip, model calls excluded: an engine that returns
 * its input, so what is timed is JSON parsing, base64, PNG decoding of the upload, PNG encoding of
 * the answer (with its infotext), the queue hand-off and HTTP on loopback.
 *
 * <p>Reports the server's time per request ({@code X-Process-Time}, from the request arriving to
 * the answer's JSON being ready), the CPU time the server's threads spent on it (request threads
 * and the worker; unlike wall time it does not grow when other processes share the cores), and the
 * full round trip seen by the client (plus sending and receiving the bytes). The image is a smooth gradient with 8-bit noise of +-6 levels, compressing
 * about as well as a generated picture.
 *
 * <pre>mvn -q -pl bridge-server -am test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.easel.bridge.bench.ServerCostBenchmark [-Dexec.args="512 2048"]</pre>
 */
public final class ServerCostBenchmark {
    private static final int WARMUP = 8;
    private static final int RUNS = 20;

    private ServerCostBenchmark() { }

    public static void main(String[] args) throws Exception {
        int[] sizes = args.length == 0 ? new int[]{512, 2048} : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        BridgeConfig config = new BridgeConfig("127.0.0.1", 0, Path.of("unused"), "cpu", List.of(), List.of(),
                512L << 20, 4096L * 4096, 0);
        try (BridgeServer server = BridgeServer.start(config, new EchoEngine())) {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            URI uri = URI.create("http://127.0.0.1:" + server.port() + "/sdapi/v1/img2img");
            for (int size : sizes) {
                byte[] png = Png.encode(photoLike(size), Map.of());
                String body = "{\"prompt\":\"a benchmark\",\"seed\":1,\"steps\":20,\"width\":" + Math.min(size, 4096)
                        + ",\"height\":" + Math.min(size, 4096) + ",\"denoising_strength\":0.5,\"init_images\":[\"data:image/png;base64,"
                        + Base64.getEncoder().encodeToString(png) + "\"]}";
                HttpRequest req = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                double[] serverMs = new double[RUNS];
                double[] roundTrip = new double[RUNS];
                double[] cpuMs = new double[RUNS];
                for (int i = -WARMUP; i < RUNS; i++) {
                    long c0 = serverCpuNanos();
                    long t0 = System.nanoTime();
                    HttpResponse<String> r = client.send(req, HttpResponse.BodyHandlers.ofString());
                    long t1 = System.nanoTime();
                    long c1 = serverCpuNanos();
                    if (r.statusCode() != 200) throw new IllegalStateException(r.statusCode() + " " + r.body());
                    if (i >= 0) {
                        roundTrip[i] = (t1 - t0) / 1e6;
                        cpuMs[i] = (c1 - c0) / 1e6;
                        serverMs[i] = Double.parseDouble(r.headers().firstValue("X-Process-Time").orElseThrow()) * 1000;
                    }
                }
                System.out.printf("img2img %dx%d (PNG upload %d KiB, request %d KiB): server CPU median %.1f ms (p90 %.1f), "
                                + "server wall median %.1f ms (p90 %.1f), round trip median %.1f ms (p90 %.1f)%n",
                        size, size, png.length / 1024, body.length() / 1024, median(cpuMs), p90(cpuMs),
                        median(serverMs), p90(serverMs), median(roundTrip), p90(roundTrip));
            }
        }
    }

    /** CPU time of the server's threads: Jetty's request pool and the job worker. */
    static long serverCpuNanos() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (ThreadInfo t : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (t == null) continue;
            String n = t.getThreadName();
            if (n.startsWith("JettyServerThreadPool") || n.startsWith("qtp") || n.equals("easel-worker")) {
                long c = mx.getThreadCpuTime(t.getThreadId());
                if (c > 0) total += c;
            }
        }
        return total;
    }

    static FloatImage photoLike(int size) {
        Random rnd = new Random(7);
        FloatImage img = FloatImage.zeros(size, size, 3);
        float[] d = img.data();
        int plane = size * size;
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    float base = c == 0 ? (float) x / size : c == 1 ? (float) y / size : 0.5f * (x + y) / size;
                    d[c * plane + y * size + x] = Math.max(0, Math.min(1, base + (rnd.nextInt(13) - 6) / 255f));
                }
            }
        }
        return img;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static double p90(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[(int) Math.ceil(s.length * 0.9) - 1];
    }
}

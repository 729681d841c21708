package dev.easel.bridge.cli;

import dev.easel.model.tiny.TinyModels;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Cold start of the packaged bridge: from launching {@code java -jar easel-bridge.jar} to the first
 * {@code GET /easel/v1/health} that answers 200 with {@code "status":"ok"}, over the tiny store.
 * Run after {@code mvn -B -q -DskipTests package} (which also compiles this class):
 * {@code java -cp bridge-server/target/easel-bridge.jar:bridge-server/target/test-classes
 * dev.easel.bridge.cli.ColdStartBenchmark 5 bridge-server/target/easel-bridge.jar}
 * (arguments: number of runs, path of the jar).
 */
public final class ColdStartBenchmark {

    private static final Duration GIVE_UP = Duration.ofSeconds(120);
    private static final long POLL_MILLIS = 10;

    private ColdStartBenchmark() { }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path jar = Path.of(args.length > 1 ? args[1] : locateJar());
        if (!Files.isRegularFile(jar)) throw new IllegalStateException(jar + " not found: run mvn -B -q -DskipTests package first");
        Path store = Files.createTempDirectory("easel-cold-start");
        TinyModels.writeStore(store, null);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();
        List<Double> seconds = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            seconds.add(once(jar, store, http));
            System.out.printf(Locale.ROOT, "run %d: %.3f s%n", i + 1, seconds.get(i));
        }
        Collections.sort(seconds);
        System.out.printf(Locale.ROOT, "cold start over %d runs: median %.3f s, min %.3f s, max %.3f s (%d cores)%n",
                runs, seconds.get(runs / 2), seconds.get(0), seconds.get(runs - 1), Runtime.getRuntime().availableProcessors());
    }

    private static String locateJar() {
        Path here = Path.of("target/easel-bridge.jar");
        return Files.isRegularFile(here) ? here.toString() : "bridge-server/target/easel-bridge.jar";
    }

    private static double once(Path jar, Path store, HttpClient http) throws Exception {
        int port = freePort();
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "--models", store.toString(), "--port", Integer.toString(port), "--device", "cpu")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/easel/v1/health"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        long t0 = System.nanoTime();
        Process p = pb.start();
        try {
            while (System.nanoTime() - t0 < GIVE_UP.toNanos()) {
                if (!p.isAlive()) throw new IllegalStateException("the bridge exited with " + p.exitValue());
                try {
                    HttpResponse<String> r = http.send(health, HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200 && r.body().contains("\"ok\"")) return (System.nanoTime() - t0) / 1e9;
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(POLL_MILLIS);
            }
            throw new IllegalStateException("no healthy answer within " + GIVE_UP);
        } finally {
            p.destroy(); // SIGTERM: the shutdown hook closes the server
            p.waitFor();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}

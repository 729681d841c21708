package dev.easel.imagej;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for the bridge's jobs API on a real loopback port, for the client's protocol edge cases
 * (auth, failures, timeouts) and for a worst-case model that changes every pixel. Each poll advances a
 * running job by one step; the job is done after {@code steps} polls.
 */
public final class FakeBridge implements AutoCloseable {

    public static final ObjectMapper JSON = new ObjectMapper();

    public final List<JsonNode> submitted = new CopyOnWriteArrayList<>();
    final List<String> deleted = new CopyOnWriteArrayList<>();
    private final Map<String, int[]> progress = new ConcurrentHashMap<>();
    private final Map<String, String> states = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final HttpServer server;
    volatile String requiredAuth;
    volatile String failWith;
    volatile int stepsOverride;
    volatile Function<JsonNode, List<BufferedImage>> model = FakeBridge::invertEverything;

    public FakeBridge() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange ex) throws IOException {
        try {
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            if (requiredAuth != null && !("Basic " + Base64.getEncoder().encodeToString(
                    requiredAuth.getBytes(StandardCharsets.UTF_8))).equals(auth)) {
                send(ex, 401, Map.of("error", "unauthorized", "detail", "credentials needed"));
                return;
            }
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            if (path.equals("/easel/v1/health")) {
                send(ex, 200, Map.of("status", "ok", "version", "fake", "device", "cpu", "queue_length", 0,
                        "models", Map.of("stable-diffusion", List.of("fake-sd")), "missing", List.of()));
            } else if (path.equals("/sdapi/v1/upscalers")) {
                send(ex, 200, List.of(Map.of("name", "None"), Map.of("name", "Lanczos"), Map.of("name", "fake-x4")));
            } else if (path.equals("/easel/v1/jobs") && method.equals("POST")) {
                JsonNode body = JSON.readTree(ex.getRequestBody());
                submitted.add(body);
                String id = "job" + ids.incrementAndGet();
                int steps = stepsOverride > 0 ? stepsOverride : body.path("steps").asInt(1);
                progress.put(id, new int[] {0, steps});
                states.put(id, "queued");
                send(ex, 202, Map.of("id", id, "state", "queued", "queue_position", 0));
            } else if (path.startsWith("/easel/v1/jobs/")) {
                String rest = path.substring("/easel/v1/jobs/".length());
                String id = rest.endsWith("/result") ? rest.substring(0, rest.length() - 7) : rest;
                if (!states.containsKey(id)) {
                    send(ex, 404, Map.of("error", "not_found", "detail", "no job " + id));
                } else if (method.equals("DELETE")) {
                    deleted.add(id);
                    states.put(id, "cancelled");
                    send(ex, 200, Map.of("id", id, "state", "cancelled"));
                } else if (rest.endsWith("/result")) {
                    sendResult(ex, id);
                } else {
                    sendStatus(ex, id);
                }
            } else {
                send(ex, 404, Map.of("error", "not_found", "detail", path));
            }
        } catch (RuntimeException e) {
            send(ex, 500, Map.of("error", "fake", "detail", String.valueOf(e)));
        }
    }

    private void sendStatus(HttpExchange ex, String id) throws IOException {
        int[] p = progress.get(id);
        String state = states.get(id);
        if (state.equals("queued") || state.equals("running")) {
            p[0]++;
            state = p[0] >= p[1] ? (failWith != null ? "failed" : "done") : "running";
            states.put(id, state);
        }
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("id", id);
        s.put("state", state);
        s.put("step", Math.min(p[0], p[1]));
        s.put("total", p[1]);
        s.put("eta_seconds", 0.1 * (p[1] - p[0]));
        s.put("queue_position", 0);
        s.put("preview", null);
        s.put("error", state.equals("failed") ? Map.of("error", "fake", "detail", failWith) : null);
        send(ex, 200, s);
    }

    private void sendResult(HttpExchange ex, String id) throws IOException {
        if (!states.get(id).equals("done")) {
            send(ex, 409, Map.of("error", "not_done", "detail", "job " + id + " is " + states.get(id)));
            return;
        }
        JsonNode body = submitted.get(Integer.parseInt(id.substring(3)) - 1);
        List<String> images = new ArrayList<>();
        List<String> infos = new ArrayList<>();
        List<Long> seeds = new ArrayList<>();
        List<BufferedImage> out = model.apply(body);
        for (int i = 0; i < out.size(); i++) {
            images.add(Base64.getEncoder().encodeToString(png(out.get(i))));
            long seed = 1000 + i;
            seeds.add(seed);
            infos.add(body.path("prompt").asText("") + "\nSteps: " + body.path("steps").asInt(0) + ", Seed: " + seed
                    + ", Denoising strength: " + body.path("denoising_strength").asDouble(0));
        }
        send(ex, 200, Map.of("images", images, "infotexts", infos, "seeds", seeds, "info", "{}"));
    }

    /**
     * The worst case for "pixels outside the mask stay": every pixel of the input changes (inverted). Sizes
     * follow the mode: extras scale by {@code upscaling_resize}, outpaint grows the canvas, loopback returns
     * rounds x batch images, txt2img draws gradients of {@code width x height}.
     */
    static List<BufferedImage> invertEverything(JsonNode body) {
        String mode = body.path("mode").asText("");
        String b64 = body.has("image") ? body.path("image").asText() : body.path("init_images").path(0).asText("");
        List<BufferedImage> out = new ArrayList<>();
        if (b64.isEmpty()) {
            int w = body.path("width").asInt(64);
            int h = body.path("height").asInt(64);
            for (int b = 0; b < body.path("batch_size").asInt(1); b++) {
                BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        img.setRGB(x, y, (x * 255 / w) << 16 | (y * 255 / h) << 8 | b * 40);
                    }
                }
                out.add(img);
            }
            return out;
        }
        BufferedImage in = read(b64);
        double f = mode.equals("extras") ? body.path("upscaling_resize").asDouble(1) : 1;
        int l = body.path("outpaint_left").asInt(0);
        int u = body.path("outpaint_up").asInt(0);
        int w = (int) Math.round(in.getWidth() * f) + l + body.path("outpaint_right").asInt(0);
        int h = (int) Math.round(in.getHeight() * f) + u + body.path("outpaint_down").asInt(0);
        int n = mode.equals("loopback") ? body.path("loopback_rounds").asInt(1) * body.path("batch_size").asInt(1) : 1;
        for (int k = 0; k < n; k++) {
            BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int sx = (int) ((x - l) / f);
                    int sy = (int) ((y - u) / f);
                    boolean inside = sx >= 0 && sy >= 0 && sx < in.getWidth() && sy < in.getHeight() && x >= l && y >= u;
                    img.setRGB(x, y, inside ? (~in.getRGB(sx, sy) + k) & 0xffffff : 0x808080);
                }
            }
            out.add(img);
        }
        return out;
    }

    static BufferedImage read(String b64) {
        try {
            return ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(b64)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] png(BufferedImage img) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void send(HttpExchange ex, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}

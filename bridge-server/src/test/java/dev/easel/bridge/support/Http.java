package dev.easel.bridge.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;

/** A small JSON client over {@link HttpClient} for tests: real HTTP/1.1 to the bridge on loopback. */
public final class Http {
    public static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private String auth;

    public Http(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public Http withAuth(String user, String password) {
        this.auth = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** A response with its body parsed as JSON (null when empty or not JSON). */
    public record Res(int status, JsonNode json, String body, HttpResponse<String> raw) {
        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + (body.length() > 400 ? body.substring(0, 400) + "..." : body);
        }
    }

    public Res get(String path) {
        return send(builder(path).GET().build());
    }

    public Res delete(String path) {
        return send(builder(path).DELETE().build());
    }

    public Res post(String path, Object body) {
        return send(post(path, toJson(body)));
    }

    public Res postRaw(String path, String body) {
        return send(post(path, body));
    }

    public CompletableFuture<Res> postAsync(String path, Object body) {
        return client.sendAsync(post(path, toJson(body)), HttpResponse.BodyHandlers.ofString()).thenApply(Http::wrap);
    }

    public Res send(HttpRequest req) {
        try {
            return wrap(client.send(req, HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new RuntimeException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeException(e);
        }
    }

    public HttpRequest.Builder builder(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120));
        if (auth != null) b.header("Authorization", auth);
        return b;
    }

    private HttpRequest post(String path, String body) {
        return builder(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static String toJson(Object body) {
        try {
            return body instanceof String s ? s : JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }

    private static Res wrap(HttpResponse<String> r) {
        JsonNode json = null;
        try {
            if (!r.body().isEmpty()) json = JSON.readTree(r.body());
        } catch (IOException ignored) {
            // not JSON; tests assert on that
        }
        return new Res(r.statusCode(), json, r.body(), r);
    }
}

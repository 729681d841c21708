package dev.easel.imagej.bridge;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Easel's jobs API over the JDK's {@link HttpURLConnection}: one method per route. Every failure is a
 * {@link BridgeException} whose message says what to do.
 */
public final class BridgeClient {

    static final String JOBS = "/easel/v1/jobs";
    static final String HEALTH = "/easel/v1/health";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BridgeSettings settings;

    public BridgeClient(BridgeSettings settings) {
        this.settings = settings;
    }

    public BridgeSettings settings() {
        return settings;
    }

    /** {@code GET /easel/v1/health}. */
    public JsonNode health() throws BridgeException {
        return request("GET", HEALTH, null);
    }

    /** Any JSON route of the bridge, for lists such as {@code /sdapi/v1/upscalers}. */
    public JsonNode get(String path) throws BridgeException {
        return request("GET", path, null);
    }

    /** {@code POST /easel/v1/jobs}: queues a job and returns its id. */
    public String submit(Map<String, Object> body) throws BridgeException {
        JsonNode answer = request("POST", JOBS, body);
        String id = answer.path("id").asText("");
        if (id.isEmpty()) {
            throw new BridgeException("The bridge at " + settings.url() + " accepted the job but gave no id: "
                    + "is it an Easel bridge of the same version as this plugin?");
        }
        return id;
    }

    /** {@code GET /easel/v1/jobs/{id}}. */
    public JobStatus status(String id) throws BridgeException {
        return JobStatus.from(request("GET", JOBS + "/" + id, null));
    }

    /** {@code GET /easel/v1/jobs/{id}/result}, for a job that is done. */
    public JobResult result(String id) throws BridgeException {
        return JobResult.from(request("GET", JOBS + "/" + id + "/result", null));
    }

    /** {@code DELETE /easel/v1/jobs/{id}}; a job the bridge no longer knows counts as cancelled. */
    public void cancel(String id) throws BridgeException {
        try {
            request("DELETE", JOBS + "/" + id, null);
        } catch (HttpStatusException e) {
            if (e.status() != HttpURLConnection.HTTP_NOT_FOUND) {
                throw e;
            }
        }
    }

    private JsonNode request(String method, String path, Object body) throws BridgeException {
        HttpURLConnection conn = null;
        try {
            conn = (HttpURLConnection) new URL(settings.url() + path).openConnection();
            conn.setRequestMethod(method);
            conn.setConnectTimeout(settings.connectTimeoutS() * 1000);
            conn.setReadTimeout(settings.requestTimeoutS() * 1000);
            conn.setRequestProperty("Accept", "application/json");
            if (settings.hasCredentials()) {
                String pair = settings.user() + ":" + settings.password();
                conn.setRequestProperty("Authorization",
                        "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
            }
            if (body != null) {
                byte[] bytes = JSON.writeValueAsBytes(body);
                conn.setDoOutput(true);
                conn.setRequestProperty("Content-Type", "application/json");
                conn.setFixedLengthStreamingMode(bytes.length);
                try (OutputStream out = conn.getOutputStream()) {
                    out.write(bytes);
                }
            }
            int status = conn.getResponseCode();
            if (status >= 200 && status < 300) {
                try (InputStream in = conn.getInputStream()) {
                    return JSON.readTree(readAll(in));
                }
            }
            throw errorFor(method, path, status, conn);
        } catch (ConnectException | NoRouteToHostException | UnknownHostException e) {
            throw new BridgeUnavailableException(settings.url(), e);
        } catch (SocketTimeoutException e) {
            if (conn != null && isConnectTimeout(e)) {
                throw new BridgeUnavailableException(settings.url(), e);
            }
            throw new BridgeException("The bridge at " + settings.url() + " did not answer " + method + " " + path
                    + " within " + settings.requestTimeoutS() + " s. It may be busy: try again, or raise the "
                    + "request timeout in Plugins > Easel > Easel Settings.", e);
        } catch (IOException e) {
            throw new BridgeException("Talking to the bridge at " + settings.url() + " failed (" + e.getMessage()
                    + "). Check that it is running and that the address in Easel Settings is right.", e);
        } finally {
            if (conn != null) {
                conn.disconnect();
            }
        }
    }

    private static boolean isConnectTimeout(SocketTimeoutException e) {
        String m = e.getMessage();
        return m != null && m.toLowerCase(java.util.Locale.ROOT).contains("connect");
    }

    private BridgeException errorFor(String method, String path, int status, HttpURLConnection conn) {
        String detail = "";
        try (InputStream err = conn.getErrorStream()) {
            if (err != null) {
                byte[] raw = readAll(err);
                try {
                    JsonNode node = JSON.readTree(raw);
                    detail = node.path("detail").asText("");
                    if (detail.isEmpty()) {
                        detail = node.path("error").asText("");
                    }
                } catch (IOException notJson) {
                    detail = new String(raw, StandardCharsets.UTF_8).trim();
                }
            }
        } catch (IOException ignored) {
            // the status alone still says enough
        }
        if (status == HttpURLConnection.HTTP_UNAUTHORIZED) {
            return new HttpStatusException(status, "The bridge at " + settings.url() + " needs a user name and "
                    + "password (it was started with --api-auth): set them in Plugins > Easel > Easel Settings.");
        }
        String what = detail.isEmpty() ? "HTTP " + status : detail;
        return new HttpStatusException(status, "The bridge refused " + method + " " + path + ": " + what);
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[1 << 16];
        int n;
        while ((n = in.read(buf)) > 0) {
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    /** A non-2xx answer; the status lets callers treat 404 and 409 specially. */
    public static final class HttpStatusException extends BridgeException {
        private static final long serialVersionUID = 1L;
        private final int status;

        HttpStatusException(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }
}

package dev.easel.bridge.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The OpenAPI 3 description of the bridge, kept as a resource beside this class. */
public final class OpenApi {
    private static final String RESOURCE = "openapi.json";
    private static volatile String cached;

    private OpenApi() { }

    public static String document() {
        String d = cached;
        if (d == null) {
            try (InputStream in = OpenApi.class.getResourceAsStream(RESOURCE)) {
                if (in == null) throw new IllegalStateException(RESOURCE + " is missing from the jar");
                d = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            cached = d;
        }
        return d;
    }
}

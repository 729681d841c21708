package dev.easel.checkpoint;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** The tiny SD 1.x checkpoint fixtures and their reference outputs (test resources). */
final class Fixtures {

    private Fixtures() {}

    static Path tinyFp32() { return resource("tiny-sd15.safetensors"); }

    static Path tinyFp16() { return resource("tiny-sd15-fp16.safetensors"); }

    static Path reference() { return resource("tiny-sd15-reference.safetensors"); }

    private static Path resource(String name) {
        try {
            var url = Fixtures.class.getResource("/checkpoint/" + name);
            if (url == null) throw new IllegalStateException("missing test resource checkpoint/" + name);
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}

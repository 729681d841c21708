package dev.easel.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The CLIP ViT-L/14 vocabulary copied into test resources, loaded once per test JVM. */
final class TestVocabulary {

    private static ClipTokenizer tokenizer;

    private TestVocabulary() {}

    static synchronized ClipTokenizer tokenizer() {
        if (tokenizer == null) {
            try (InputStream v = TestVocabulary.class.getResourceAsStream("vocab.json");
                 InputStream m = TestVocabulary.class.getResourceAsStream("merges.txt")) {
                tokenizer = ClipTokenizer.load(v, m, "test resources");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return tokenizer;
    }
}

package dev.easel.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The CLIP ViT-L/14 BPE vocabulary ({@code vocab.json}, {@code merges.txt}) that SD 1.x uses, shipped
 * as a resource: a single-file checkpoint carries no tokenizer.
 */
public final class ClipVocabulary {

    public static final String VOCAB = "vocab.json";
    public static final String MERGES = "merges.txt";
    private static final String RESOURCE_DIR = "/dev/easel/checkpoint/clip-vit-l-14/";

    private ClipVocabulary() {}

    /** Writes {@code vocab.json} and {@code merges.txt} into {@code dir} (created if needed). */
    public static void writeTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (String name : new String[] {VOCAB, MERGES}) {
            try (InputStream in = ClipVocabulary.class.getResourceAsStream(RESOURCE_DIR + name)) {
                if (in == null) throw new IOException("the CLIP vocabulary resource " + name + " is missing from this build");
                Files.copy(in, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}

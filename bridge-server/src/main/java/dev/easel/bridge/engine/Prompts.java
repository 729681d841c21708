package dev.easel.bridge.engine;

import dev.easel.bridge.http.ApiException;
import dev.easel.checkpoint.ClipVocabulary;
import dev.easel.text.ClipTokenizer;
import dev.easel.text.EmbeddingLookup;
import dev.easel.text.Emphasis;
import dev.easel.text.PromptAnalysis;
import dev.easel.text.PromptChunker;
import dev.easel.text.PromptSyntaxException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Prompt analysis with the tokenizer of the model in use, falling back to the CLIP vocabulary the
 * pipeline ships (SD 1.x's) when no model folder has one. Tokenizers are cached by folder.
 */
final class Prompts {
    private static final String BUNDLED = "bundled CLIP vocabulary";
    private final Map<String, ClipTokenizer> tokenizers = new LinkedHashMap<>();

    synchronized ClipTokenizer tokenizer(Path dir) {
        String key = dir != null && Files.isRegularFile(dir.resolve("vocab.json")) ? dir.toString() : BUNDLED;
        ClipTokenizer t = tokenizers.get(key);
        if (t != null) return t;
        try {
            if (key.equals(BUNDLED)) {
                String base = "/dev/easel/checkpoint/clip-vit-l-14/";
                try (InputStream v = ClipVocabulary.class.getResourceAsStream(base + ClipVocabulary.VOCAB);
                     InputStream m = ClipVocabulary.class.getResourceAsStream(base + ClipVocabulary.MERGES)) {
                    if (v == null || m == null) {
                        throw new ApiException(503, "no tokenizer", "no model with a tokenizer is installed and this build lacks CLIP's vocabulary");
                    }
                    t = ClipTokenizer.load(v, m, BUNDLED);
                }
            } else {
                t = ClipTokenizer.load(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        tokenizers.put(key, t);
        return t;
    }

    PromptAnalysis analyze(Path tokenizerDir, String prompt, int steps, String emphasis, int commaBacktrack) {
        PromptChunker chunker = PromptChunker.forClip(tokenizer(tokenizerDir), Emphasis.fromLabel(emphasis),
                commaBacktrack, EmbeddingLookup.NONE);
        try {
            return PromptAnalysis.analyze(prompt, steps, true, chunker);
        } catch (PromptSyntaxException e) {
            throw ApiException.badField("prompt", e.problem() + " at character " + e.position()
                    + "; check the brackets and the [from:to:when] syntax there");
        }
    }
}

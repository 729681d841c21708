package dev.easel.model.tiny;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes {@code tokenizer/} for a tiny store: a real CLIP {@code vocab.json} + {@code merges.txt} when
 * given, else a small byte-level BPE vocabulary in CLIP's format: the 256 byte symbols, the same with
 * {@code </w>}, merges that spell a few dozen common prompt words, and the two special tokens at the
 * ids CLIP gives them (49406 and 49407) so padding and chunking behave as with the real vocabulary.
 */
public final class TinyTokenizer {

    /** CLIP's ids for its special tokens. */
    public static final int START_OF_TEXT = 49406;
    public static final int END_OF_TEXT = 49407;

    private static final String[] WORDS = {
        "a", "an", "the", "of", "and", "with", "in", "on", "at", "by", "photo", "painting", "portrait",
        "landscape", "cat", "dog", "hand", "hands", "face", "woman", "man", "detailed", "beautiful", "red",
        "blue", "green", "sky", "tree", "house", "city", "night", "day", "light", "art", "style", "high",
        "quality", "best", "worst", "low", "blurry", "masterpiece", "sketch", "oil", "digital", "mountain",
        "river", "sunset", "flower", "castle",
    };

    private TinyTokenizer() { }

    /** Writes the tokenizer into {@code dir} (created), copying from {@code realDir} when it is not null. */
    public static void write(Path dir, Path realDir) throws IOException {
        Files.createDirectories(dir);
        if (realDir != null) {
            for (String f : new String[] {"vocab.json", "merges.txt"}) {
                Path src = realDir.resolve(f);
                if (!Files.isRegularFile(src)) throw new IOException("--tokenizer " + realDir + " has no " + f);
                Files.copy(src, dir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
            }
        } else {
            writeGenerated(dir);
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("tokenizer_class", "CLIPTokenizer");
        config.put("model_max_length", TinyTextEncoder.SEQUENCE);
        config.put("bos_token", "<|startoftext|>");
        config.put("eos_token", "<|endoftext|>");
        config.put("pad_token", "<|endoftext|>");
        config.put("unk_token", "<|endoftext|>");
        config.put("do_lower_case", true);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("tokenizer_config.json").toFile(), config);
    }

    private static void writeGenerated(Path dir) throws IOException {
        List<String> symbols = byteSymbols();
        Map<String, Integer> vocab = new LinkedHashMap<>();
        for (String s : symbols) vocab.put(s, vocab.size());
        for (String s : symbols) vocab.put(s + "</w>", vocab.size());
        Set<String> merges = new LinkedHashSet<>();
        for (String word : WORDS) {
            // Merge left to right: "c a" -> "ca", "ca t</w>" -> "cat</w>".
            List<String> pieces = new ArrayList<>();
            for (int i = 0; i < word.length(); i++) pieces.add(i == word.length() - 1 ? word.charAt(i) + "</w>" : String.valueOf(word.charAt(i)));
            String acc = pieces.get(0);
            for (int i = 1; i < pieces.size(); i++) {
                merges.add(acc + " " + pieces.get(i));
                acc = acc + pieces.get(i);
                vocab.putIfAbsent(acc, vocab.size());
            }
        }
        vocab.put("<|startoftext|>", START_OF_TEXT);
        vocab.put("<|endoftext|>", END_OF_TEXT);
        new ObjectMapper().writeValue(dir.resolve("vocab.json").toFile(), vocab);
        StringBuilder m = new StringBuilder("#version: 0.2\n");
        for (String merge : merges) m.append(merge).append('\n');
        Files.writeString(dir.resolve("merges.txt"), m, StandardCharsets.UTF_8);
    }

    /** GPT-2/CLIP byte-to-symbol table, in CLIP's vocabulary order (printable bytes first). */
    static List<String> byteSymbols() {
        List<Integer> bytes = new ArrayList<>();
        for (int b = '!'; b <= '~'; b++) bytes.add(b);
        for (int b = 0xA1; b <= 0xAC; b++) bytes.add(b);
        for (int b = 0xAE; b <= 0xFF; b++) bytes.add(b);
        List<String> symbols = new ArrayList<>();
        for (int b : bytes) symbols.add(String.valueOf((char) b));
        int n = 0;
        for (int b = 0; b < 256; b++) {
            if (!bytes.contains(b)) symbols.add(String.valueOf((char) (256 + n++)));
        }
        return symbols;
    }
}

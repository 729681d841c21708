package dev.easel.text;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * CLIP's byte-level BPE tokenizer, read from a model's {@code tokenizer/vocab.json} and
 * {@code merges.txt} (the Hugging Face layout SD 1.x models ship). {@link #encode} gives the ids of a
 * text with no start or end token and no truncation, as the reference tokenizer called with
 * {@code add_special_tokens=False, truncation=False}. Thread-safe; words are cached.
 */
public final class ClipTokenizer implements TokenEncoder {

    public static final String START_TOKEN = "<|startoftext|>";
    public static final String END_TOKEN = "<|endoftext|>";
    /** Marks the last symbol of a word in CLIP's vocabulary. */
    private static final String END_OF_WORD = "</w>";
    /** The cache is cleared when it grows past this many words, so odd inputs cannot fill the heap. */
    private static final int CACHE_LIMIT = 200_000;

    private final Map<String, Integer> vocab;
    private final int[] byteIds = new int[256];
    private final int[] byteEndIds = new int[256];
    private final MergeTable merges;
    private final int startId;
    private final int endId;
    private final Map<String, int[]> cache = new ConcurrentHashMap<>();
    private final String[] tokens;

    private ClipTokenizer(Map<String, Integer> vocab, List<String> mergeLines, String source) {
        this.vocab = vocab;
        tokens = new String[vocab.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1];
        vocab.forEach((token, id) -> tokens[id] = token);
        char[] byteChars = byteToUnicode();
        for (int b = 0; b < 256; b++) {
            byteIds[b] = require(String.valueOf(byteChars[b]), source);
            byteEndIds[b] = require(byteChars[b] + END_OF_WORD, source);
        }
        startId = require(START_TOKEN, source);
        endId = require(END_TOKEN, source);
        merges = new MergeTable(mergeLines.size());
        for (int rank = 0; rank < mergeLines.size(); rank++) {
            String line = mergeLines.get(rank);
            int space = line.indexOf(' ');
            if (space <= 0) throw new IllegalArgumentException(source + ": merges line " + (rank + 2) + " is not two symbols: '" + line + "'");
            String a = line.substring(0, space);
            String b = line.substring(space + 1);
            merges.put(require(a, source), require(b, source), rank, require(a + b, source));
        }
    }

    /** Reads {@code vocab.json} and {@code merges.txt} from a model's tokenizer folder. */
    public static ClipTokenizer load(Path tokenizerDir) throws IOException {
        Path vocabFile = tokenizerDir.resolve("vocab.json");
        Path mergesFile = tokenizerDir.resolve("merges.txt");
        for (Path p : List.of(vocabFile, mergesFile)) {
            if (!Files.isRegularFile(p)) throw new NoSuchFileException(p.toString(), null, "the CLIP tokenizer needs vocab.json and merges.txt in " + tokenizerDir);
        }
        try (InputStream v = Files.newInputStream(vocabFile); InputStream m = Files.newInputStream(mergesFile)) {
            return load(v, m, tokenizerDir.toString());
        }
    }

    /** Reads the two files from streams (left open); {@code source} names them in errors. */
    public static ClipTokenizer load(InputStream vocabJson, InputStream mergesTxt, String source) throws IOException {
        return new ClipTokenizer(readVocab(vocabJson), readMerges(mergesTxt), source);
    }

    public int startId() { return startId; }

    public int endId() { return endId; }

    public int vocabularySize() { return vocab.size(); }

    /** The id of a vocabulary entry such as {@code ",</w>"}, or -1 when the vocabulary lacks it. */
    public int tokenId(String token) {
        Integer id = vocab.get(token);
        return id == null ? -1 : id;
    }

    /** The vocabulary entry for {@code id} (bytes shown as CLIP's printable characters, {@code </w>} ending a word), or null. */
    public String tokenText(int id) {
        return id >= 0 && id < tokens.length ? tokens[id] : null;
    }

    /** The text of ids, words separated by spaces (the cleaned, lower-cased text, not the original). */
    public String decode(int[] ids) {
        char[] byteChars = byteToUnicode();
        int[] toByte = new int[512];
        for (int b = 0; b < 256; b++) toByte[byteChars[b]] = b;
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        for (int id : ids) {
            String t = tokenText(id);
            if (t == null) throw new IllegalArgumentException("id " + id + " is not in the vocabulary");
            if (id == startId || id == endId) {
                bytes.writeBytes(t.getBytes(StandardCharsets.UTF_8));
                continue;
            }
            boolean endOfWord = t.endsWith(END_OF_WORD);
            String body = endOfWord ? t.substring(0, t.length() - END_OF_WORD.length()) : t;
            for (int i = 0; i < body.length(); i++) bytes.write(toByte[body.charAt(i)]);
            if (endOfWord) bytes.write(' ');
        }
        return bytes.toString(StandardCharsets.UTF_8).stripTrailing();
    }

    @Override
    public int[] encode(String text) {
        String clean = ClipTextCleaner.clean(text);
        IntList out = new IntList(clean.length() / 3 + 4);
        ClipWordSplitter.split(clean, (word, special) -> {
            if (special) {
                out.add(word.equals(START_TOKEN) ? startId : endId);
            } else {
                out.addAll(wordIds(word));
            }
        });
        return out.toArray();
    }

    private int[] wordIds(String word) {
        int[] ids = cache.get(word);
        if (ids == null) {
            ids = bpe(word.getBytes(StandardCharsets.UTF_8));
            if (cache.size() >= CACHE_LIMIT) cache.clear();
            cache.put(word, ids);
        }
        return ids;
    }

    /** Byte-level BPE: start from one symbol per byte (the last marked end-of-word), merge the best-ranked pair until none is ranked. */
    private int[] bpe(byte[] bytes) {
        int n = bytes.length;
        int[] word = new int[n];
        for (int i = 0; i < n; i++) word[i] = (i == n - 1 ? byteEndIds : byteIds)[bytes[i] & 0xFF];
        while (n > 1) {
            int bestRank = Integer.MAX_VALUE;
            int first = -1;
            int second = -1;
            for (int i = 0; i + 1 < n; i++) {
                int rank = merges.rank(word[i], word[i + 1]);
                if (rank >= 0 && rank < bestRank) {
                    bestRank = rank;
                    first = word[i];
                    second = word[i + 1];
                }
            }
            if (first < 0) break;
            int merged = merges.merged(first, second);
            int w = 0;
            for (int i = 0; i < n; ) {
                if (i + 1 < n && word[i] == first && word[i + 1] == second) {
                    word[w++] = merged;
                    i += 2;
                } else {
                    word[w++] = word[i++];
                }
            }
            n = w;
        }
        return Arrays.copyOf(word, n);
    }

    private int require(String token, String source) {
        Integer id = vocab.get(token);
        if (id == null) throw new IllegalArgumentException(source + ": vocab.json has no entry '" + token + "'; is this a CLIP tokenizer?");
        return id;
    }

    /** GPT-2/CLIP's reversible map from bytes to printable characters: printable Latin-1 bytes map to themselves, the rest to 256+. */
    static char[] byteToUnicode() {
        char[] map = new char[256];
        boolean[] printable = new boolean[256];
        for (int b = '!'; b <= '~'; b++) printable[b] = true;
        for (int b = 0xA1; b <= 0xAC; b++) printable[b] = true;
        for (int b = 0xAE; b <= 0xFF; b++) printable[b] = true;
        int next = 0;
        for (int b = 0; b < 256; b++) map[b] = printable[b] ? (char) b : (char) (256 + next++);
        return map;
    }

    private static Map<String, Integer> readVocab(InputStream in) throws IOException {
        Map<String, Integer> vocab = new HashMap<>(65536);
        try (JsonParser p = new JsonFactory().createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) throw new IOException("vocab.json is not a JSON object");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.getCurrentName();
                if (p.nextToken() != JsonToken.VALUE_NUMBER_INT) throw new IOException("vocab.json: '" + key + "' is not an integer id");
                vocab.put(key, p.getIntValue());
            }
        }
        return vocab;
    }

    private static List<String> readMerges(InputStream in) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        List<String> lines = new ArrayList<>(49152);
        boolean first = true;
        for (String line; (line = r.readLine()) != null; ) {
            if (first && line.startsWith("#version")) {
                first = false;
                continue;
            }
            first = false;
            if (!line.isEmpty()) lines.add(line);
        }
        return lines;
    }

    /** Pair of symbol ids -> (rank, merged id), open addressing on a long key. */
    private static final class MergeTable {
        private final long[] keys;
        private final int[] ranks;
        private final int[] results;
        private final int mask;

        MergeTable(int count) {
            int cap = Integer.highestOneBit(Math.max(16, count * 2)) << 1;
            keys = new long[cap];
            Arrays.fill(keys, -1L);
            ranks = new int[cap];
            results = new int[cap];
            mask = cap - 1;
        }

        void put(int a, int b, int rank, int merged) {
            long key = ((long) a << 32) | (b & 0xFFFFFFFFL);
            int slot = slot(key);
            if (keys[slot] == key) return; // a repeated merge keeps its first (best) rank
            keys[slot] = key;
            ranks[slot] = rank;
            results[slot] = merged;
        }

        int rank(int a, int b) {
            int slot = slot(((long) a << 32) | (b & 0xFFFFFFFFL));
            return keys[slot] == -1L ? -1 : ranks[slot];
        }

        int merged(int a, int b) { return results[slot(((long) a << 32) | (b & 0xFFFFFFFFL))]; }

        private int slot(long key) {
            int h = (int) (key ^ (key >>> 29) ^ (key >>> 47)) * 0x9E3779B9;
            int slot = (h ^ (h >>> 16)) & mask;
            while (keys[slot] != -1L && keys[slot] != key) slot = (slot + 1) & mask;
            return slot;
        }
    }
}

package dev.easel.checkpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of checkpoint files, remembered in {@code hashes.json} under the cache folder by path, size
 * and modification time (as A1111's {@code cache.json} does), so a multi-gigabyte file is read once.
 */
public final class CheckpointHashes {

    public static final String FILE = "hashes.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    public CheckpointHashes(Path cacheRoot) {
        this.file = cacheRoot.resolve(FILE);
    }

    /** The file's SHA-256 in lower-case hex; A1111 shows its first 10 characters as the model hash. */
    public synchronized String sha256(Path checkpoint) throws IOException {
        String key = checkpoint.toAbsolutePath().normalize().toString();
        long size = Files.size(checkpoint), mtime = Files.getLastModifiedTime(checkpoint).toMillis();
        ObjectNode all = read();
        var entry = all.get(key);
        if (entry != null && entry.path("size").asLong() == size && entry.path("mtime").asLong() == mtime
                && entry.path("sha256").isTextual()) {
            return entry.get("sha256").asText();
        }
        String hash = compute(checkpoint);
        all.putObject(key).put("size", size).put("mtime", mtime).put("sha256", hash);
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(FILE + ".tmp");
        JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), all);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return hash;
    }

    public static String compute(Path p) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buf = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(p)) {
            for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private ObjectNode read() {
        try {
            if (Files.isRegularFile(file) && JSON.readTree(file.toFile()) instanceof ObjectNode o) return o;
        } catch (IOException e) {
            // A damaged cache is only a cache: start again.
        }
        return JSON.createObjectNode();
    }
}

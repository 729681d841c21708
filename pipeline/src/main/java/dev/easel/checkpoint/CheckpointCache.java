package dev.easel.checkpoint;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Built diffusers folders for checkpoints, under a cache folder beside the store (for example
 * {@code models/.cache/}), one per checkpoint content: {@code <first 16 hex digits of the SHA-256>}
 * ({@code -fp16} for the CUDA variant). A folder is built in a temporary place and moved in whole,
 * so an interrupted build leaves nothing half-made; a second load finds it and only checks its info file.
 */
public final class CheckpointCache {

    static final int KEY_LENGTH = 16;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;
    private final CheckpointHashes hashes;

    public CheckpointCache(Path root) {
        this.root = root;
        this.hashes = new CheckpointHashes(root);
    }

    public Path root() { return root; }

    public CheckpointHashes hashes() { return hashes; }

    /** The built folder for {@code checkpoint}, building it first when missing or from an older format. */
    public Path folder(Path checkpoint, boolean fp16, CheckpointConverter.Progress progress) throws IOException {
        String sha = hashes.sha256(checkpoint);
        Path target = root.resolve(sha.substring(0, KEY_LENGTH) + (fp16 ? "-fp16" : ""));
        if (isComplete(target)) return target;
        Files.createDirectories(root);
        Path building = Files.createTempDirectory(root, target.getFileName() + ".building-");
        try {
            try (SafetensorsFile f = SafetensorsFile.open(checkpoint)) {
                CheckpointConverter.convert(f, building, fp16, sha, progress);
            }
            if (Files.exists(target)) deleteTree(target); // an older format
            try {
                Files.move(building, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException raced) {
                if (!isComplete(target)) throw raced; // another build finished first: use it
            }
            return target;
        } finally {
            if (Files.exists(building)) deleteTree(building);
        }
    }

    static boolean isComplete(Path folder) {
        Path info = folder.resolve(CheckpointConverter.INFO_FILE);
        if (!Files.isRegularFile(info)) return false;
        try {
            return JSON.readTree(info.toFile()).path("format_version").asInt() == CheckpointConverter.FORMAT_VERSION;
        } catch (IOException e) {
            return false;
        }
    }

    static void deleteTree(Path p) throws IOException {
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(x);
        }
    }
}

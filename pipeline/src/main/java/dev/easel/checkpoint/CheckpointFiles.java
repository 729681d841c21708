package dev.easel.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * Which files Easel reads as checkpoints. Pickled PyTorch files ({@code .ckpt}, {@code .pt},
 * {@code .pth}, {@code .bin}) are refused outright: unpickling runs whatever code the file's author
 * put in it, so opening an untrusted one is running an untrusted program.
 */
public final class CheckpointFiles {

    /** File name endings of pickled PyTorch checkpoints and embeddings. */
    public static final Set<String> PICKLE_EXTENSIONS = Set.of(".ckpt", ".pt", ".pth", ".bin", ".pkl");

    private CheckpointFiles() {}

    public static boolean isSafetensors(Path p) {
        return p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".safetensors");
    }

    public static boolean isPickle(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return PICKLE_EXTENSIONS.stream().anyMatch(n::endsWith);
    }

    /** The message given for a refused pickle: why, and what to do instead. */
    public static String pickleRefusal(Path p) {
        return p.getFileName() + " is a pickled PyTorch file. Loading a pickle runs any code stored in it, so Easel"
                + " does not open .ckpt/.pt files. Convert it to .safetensors with a tool you trust (for example"
                + " A1111's Checkpoint Merger with the 'safetensors' format, or the safetensors 'convert' script),"
                + " or download the .safetensors version most model pages offer, and put that file in its place.";
    }

    /**
     * Throws an {@link IllegalArgumentException} for a pickle, by name or by content (a torch zip
     * archive or a raw pickle stream renamed to {@code .safetensors}).
     */
    public static void refuseUnsafe(Path p) throws IOException {
        if (isPickle(p)) throw new IllegalArgumentException(pickleRefusal(p));
        byte[] head = new byte[9];
        int n;
        try (InputStream in = Files.newInputStream(p)) {
            n = in.readNBytes(head, 0, head.length);
        }
        // A safetensors header always opens with '{' right after the 8-byte length.
        if (n == head.length && head[8] == '{') return;
        boolean zip = n >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
        // Pickle protocol 2+ streams open with PROTO (0x80) and the protocol number.
        boolean pickle = n >= 2 && (head[0] & 0xff) == 0x80 && head[1] >= 2 && head[1] <= 5;
        if (zip || pickle) throw new IllegalArgumentException(pickleRefusal(p));
    }
}

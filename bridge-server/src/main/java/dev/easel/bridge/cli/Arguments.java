package dev.easel.bridge.cli;

import dev.easel.bridge.BridgeConfig;
import dev.easel.onnx.OrtSettings;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The parsed command line: which command, the bridge configuration the options describe, and the
 * command's positional arguments.
 *
 * @param command    {@code serve} (no subcommand), {@code make-test-models}, {@code download}, {@code models} or {@code help}
 * @param tokenizer  {@code --tokenizer DIR} for make-test-models, else null
 * @param fullSize   {@code --full-size} for make-test-models: a random-weight checkpoint with SD 1.5's shapes
 */
public record Arguments(String command, BridgeConfig config, List<String> positional, Path tokenizer,
                        boolean fullSize) {

    public static final String SERVE = "serve";
    public static final List<String> SUBCOMMANDS = List.of("make-test-models", "download", "models");
    /** What {@code --listen} binds: every interface, as A1111's flag does. */
    static final String LISTEN_HOST = "0.0.0.0";
    private static final long MB = 1024L * 1024;

    /** Parses {@code args}; throws {@link IllegalArgumentException} with a message naming the bad option. */
    public static Arguments parse(String... args) {
        BridgeConfig d = BridgeConfig.defaults();
        String host = d.host();
        int port = d.port();
        Path models = d.modelsDir();
        String device = d.device();
        List<String> auth = new ArrayList<>();
        List<String> cors = new ArrayList<>();
        long maxBody = d.maxBodyBytes();
        long maxPixels = d.maxPixels();
        int threads = d.threads();
        boolean listen = false;
        boolean hostGiven = false;
        Path tokenizer = null;
        boolean fullSize = false;
        String command = SERVE;
        List<String> positional = new ArrayList<>();

        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                value = a.substring(eq + 1);
                a = a.substring(0, eq);
            }
            switch (a) {
                case "-h", "--help" -> command = "help";
                case "--listen" -> listen = true;
                case "--host" -> { host = value != null ? value : next(args, ++i, a); hostGiven = true; }
                case "--port" -> port = intValue(a, value != null ? value : next(args, ++i, a), 0, 65535);
                case "--models" -> models = Path.of(value != null ? value : next(args, ++i, a));
                case "--device" -> device = value != null ? value : next(args, ++i, a);
                case "--api-auth" -> auth.addAll(split(value != null ? value : next(args, ++i, a)));
                case "--cors-allow-origins" -> cors.addAll(split(value != null ? value : next(args, ++i, a)));
                case "--max-body-mb" -> maxBody = intValue(a, value != null ? value : next(args, ++i, a), 1, 4096) * MB;
                case "--max-pixels" -> maxPixels = longValue(a, value != null ? value : next(args, ++i, a));
                case "--threads" -> threads = intValue(a, value != null ? value : next(args, ++i, a), 0, 1024);
                case "--full-size" -> fullSize = true;
                case "--tokenizer" -> tokenizer = Path.of(value != null ? value : next(args, ++i, a));
                default -> {
                    if (a.startsWith("-")) throw new IllegalArgumentException("unknown option " + a);
                    if (command.equals(SERVE) && positional.isEmpty() && SUBCOMMANDS.contains(a)) {
                        command = a;
                    } else if (command.equals(SERVE)) {
                        throw new IllegalArgumentException("unknown command '" + a + "': expected one of " + SUBCOMMANDS + " or none to serve");
                    } else {
                        positional.add(a);
                    }
                }
            }
        }
        for (String pair : auth) {
            if (!pair.contains(":") || pair.startsWith(":")) {
                throw new IllegalArgumentException("--api-auth takes user:password (comma-separated for several), got '" + pair + "'");
            }
        }
        new OrtSettings(device, threads); // validates the device string with a clear message
        if (listen && !hostGiven) host = LISTEN_HOST;
        if (command.equals("make-test-models") && positional.size() != 1) {
            throw new IllegalArgumentException("make-test-models takes one folder: make-test-models DIR [--tokenizer DIR] [--full-size]");
        }
        if (command.equals("download") && positional.isEmpty()) {
            throw new IllegalArgumentException("download takes one or more catalog names: download NAME... (see the models command)");
        }
        BridgeConfig config = new BridgeConfig(host, port, models, device, List.copyOf(auth), List.copyOf(cors),
                maxBody, maxPixels, threads);
        return new Arguments(command, config, List.copyOf(positional), tokenizer, fullSize);
    }

    private static String next(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--")) throw new IllegalArgumentException(option + " needs a value");
        return args[i];
    }

    private static int intValue(String option, String v, int min, int max) {
        try {
            int n = Integer.parseInt(v.trim());
            if (n < min || n > max) throw new IllegalArgumentException(option + " must be between " + min + " and " + max + ", got " + n);
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a whole number, got '" + v + "'");
        }
    }

    private static long longValue(String option, String v) {
        try {
            long n = Long.parseLong(v.trim());
            if (n < 1) throw new IllegalArgumentException(option + " must be positive, got " + n);
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a whole number, got '" + v + "'");
        }
    }

    private static List<String> split(String v) {
        return Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}

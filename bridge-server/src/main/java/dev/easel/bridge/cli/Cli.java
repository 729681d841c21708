package dev.easel.bridge.cli;

import dev.easel.bridge.BridgeConfig;
import dev.easel.bridge.BridgeServer;
import dev.easel.checkpoint.FullSizeCheckpoint;
import dev.easel.model.Catalog;
import dev.easel.model.CatalogEntry;
import dev.easel.model.DownloadException;
import dev.easel.model.Downloader;
import dev.easel.model.MissingModel;
import dev.easel.model.ModelEntry;
import dev.easel.model.ModelStore;
import dev.easel.model.tiny.TinyModels;
import dev.easel.onnx.Device;
import dev.easel.onnx.Devices;
import dev.easel.onnx.OrtSettings;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/** Runs one command line: serve, or one of the subcommands. Exit codes: 0 ok, 1 failed, 2 bad usage. */
public final class Cli {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    private final PrintStream out;
    private final PrintStream err;

    public Cli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Runs the command; for {@code serve} this returns only after the server has stopped (Ctrl-C). */
    public int run(String... args) {
        Arguments a;
        try {
            a = Arguments.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.println("run with --help for the options");
            return USAGE;
        }
        try {
            return switch (a.command()) {
                case "help" -> {
                    out.print(Usage.TEXT);
                    yield OK;
                }
                case "make-test-models" -> a.fullSize() ? makeFullSizeModel(Path.of(a.positional().get(0)))
                        : makeTestModels(Path.of(a.positional().get(0)), a.tokenizer());
                case "download" -> download(a);
                case "models" -> listModels(a.config());
                default -> serveUntilStopped(a.config());
            };
        } catch (RuntimeException e) {
            err.println("error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return FAILED;
        }
    }

    private int makeTestModels(Path dir, Path tokenizer) {
        try {
            TinyModels.writeStore(dir, tokenizer);
        } catch (IOException e) {
            err.println("error: could not write the test models to " + dir + ": " + e.getMessage());
            return FAILED;
        }
        out.println("wrote a tiny model store to " + dir.toAbsolutePath().normalize()
                + (tokenizer == null ? " (generated tokenizer)" : " (tokenizer from " + tokenizer + ")"));
        out.println("start the bridge on it with: --models " + dir);
        return OK;
    }

    /** A random-weight checkpoint with SD 1.5's exact shapes, for benchmarks (about 2 GB, fp16). */
    private int makeFullSizeModel(Path dir) {
        try {
            Path file = FullSizeCheckpoint.write(dir, out);
            out.println("wrote " + file.toAbsolutePath().normalize() + " (random weights, SD 1.5 shapes)");
        } catch (IOException e) {
            err.println("error: could not write the full-size checkpoint to " + dir + ": " + e.getMessage());
            return FAILED;
        }
        return OK;
    }

    private int download(Arguments a) {
        Path root = a.config().modelsDir();
        Catalog catalog = Catalog.forStore(root);
        Downloader downloader = new Downloader(out);
        int failures = 0;
        for (String name : a.positional()) {
            CatalogEntry entry = catalog.find(name).orElse(null);
            if (entry == null) {
                err.println("error: no model named '" + name + "' in the catalog; known: "
                        + catalog.entries().stream().map(CatalogEntry::name).collect(Collectors.joining(", ")));
                failures++;
                continue;
            }
            try {
                downloader.download(entry, root);
            } catch (DownloadException e) {
                err.println("error: " + e.getMessage());
                failures++;
            }
        }
        return failures == 0 ? OK : FAILED;
    }

    private int listModels(BridgeConfig config) {
        ModelStore store = ModelStore.scan(config.modelsDir());
        Device device = Devices.select(new OrtSettings(config.device(), config.threads()));
        out.println("model store: " + config.modelsDir().toAbsolutePath().normalize());
        if (store.entries().isEmpty()) out.println("  (no models)");
        for (ModelEntry e : store.entries()) {
            out.printf(Locale.ROOT, "  %-16s %-32s %s%n", e.kind().folder(), e.name() + (e.inpainting() ? " [inpainting]" : ""),
                    e.ready() ? "ready" : "NOT READY: " + e.problem());
        }
        for (MissingModel m : store.missing(Catalog.forStore(config.modelsDir()), device.label())) {
            out.println("missing: " + m.detail());
        }
        out.println("downloadable (download NAME):");
        for (CatalogEntry c : Catalog.forStore(config.modelsDir()).entries()) {
            boolean installed = Files.exists(config.modelsDir().resolve(c.install()));
            out.printf(Locale.ROOT, "  %-28s %-14s %s%s%s%n", c.name(), c.kind(), c.title(),
                    c.nonCommercial() ? " [non-commercial]" : "", installed ? " [installed]" : c.isAvailable() ? "" : " [no download: see catalog note]");
        }
        return OK;
    }

    /** Starts the bridge and logs where and how it runs. */
    public BridgeServer start(BridgeConfig config) {
        Device device = Devices.select(new OrtSettings(config.device(), config.threads()));
        out.println("device: " + device.label() + " (" + device.reason() + ")");
        ModelStore store = ModelStore.scan(config.modelsDir());
        out.println("models: " + config.modelsDir().toAbsolutePath().normalize() + ": "
                + store.entries().stream().filter(ModelEntry::ready).count() + " ready, "
                + store.entries().stream().filter(e -> !e.ready()).count() + " not ready");
        for (ModelEntry e : store.entries()) {
            if (!e.ready()) out.println("  not ready: " + e.kind().folder() + "/" + e.name() + ": " + e.problem());
        }
        for (MissingModel m : store.missing(Catalog.forStore(config.modelsDir()), device.label())) {
            out.println("  missing: " + m.detail());
        }
        BridgeServer server = BridgeServer.start(config);
        out.println("Easel bridge " + BridgeServer.VERSION + " listening on http://" + config.host() + ":" + server.port()
                + " (A1111 API under /sdapi/v1, Easel's under /easel/v1). Ctrl-C stops it.");
        return server;
    }

    private int serveUntilStopped(BridgeConfig config) {
        BridgeServer server = start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("stopping the bridge...");
            try {
                server.close();
            } finally {
                stopped.countDown();
            }
        }, "easel-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return OK;
    }
}

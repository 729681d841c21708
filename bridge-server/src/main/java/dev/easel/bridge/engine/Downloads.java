package dev.easel.bridge.engine;

import dev.easel.bridge.http.ApiException;
import dev.easel.model.Catalog;
import dev.easel.model.CatalogEntry;
import dev.easel.model.CatalogFile;
import dev.easel.model.DownloadException;
import dev.easel.model.Downloader;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Catalog downloads started over HTTP, run one after another on a background thread (never on the
 * device worker). Clients name a catalog entry only; where its files go is the catalog's business,
 * and the downloader refuses paths outside the store. Progress is read from the files on disk.
 */
final class Downloads implements AutoCloseable {
    enum State { QUEUED, RUNNING, DONE, FAILED }

    private static final class Status {
        final CatalogEntry entry;
        volatile State state = State.QUEUED;
        volatile String error;

        Status(CatalogEntry entry) {
            this.entry = entry;
        }
    }

    private final Path root;
    private final Runnable onInstalled;
    private final Map<String, Status> statuses = new LinkedHashMap<>();
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "easel-downloads");
        t.setDaemon(true);
        return t;
    });

    Downloads(Path root, Runnable onInstalled) {
        this.root = root;
        this.onInstalled = onInstalled;
    }

    /** Queues a download of {@code name}; one already queued or running is reported, not repeated. */
    synchronized Map<String, Object> start(Catalog catalog, String name) {
        CatalogEntry entry = catalog.find(name).orElseThrow(() -> ApiException.badField("name",
                "no catalog entry '" + name + "'; GET /easel/v1/models lists the catalog"));
        if (!entry.isAvailable()) {
            throw ApiException.badField("name", entry.name() + " cannot be downloaded: "
                    + (entry.note() == null ? "the catalog lists no files for it" : entry.note()));
        }
        Status existing = statuses.get(entry.name());
        if (existing != null && (existing.state == State.QUEUED || existing.state == State.RUNNING)) {
            return describe(existing);
        }
        Status st = new Status(entry);
        statuses.put(entry.name(), st);
        executor.submit(() -> run(st));
        return describe(st);
    }

    private void run(Status st) {
        st.state = State.RUNNING;
        try (PrintStream quiet = new PrintStream(OutputStream.nullOutputStream())) {
            new Downloader(quiet).download(st.entry, root);
            onInstalled.run(); // rescan first, so "done" means the model is listed
            st.state = State.DONE;
        } catch (DownloadException | RuntimeException e) {
            st.error = e.getMessage();
            st.state = State.FAILED;
        }
    }

    synchronized List<Map<String, Object>> report() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Status s : statuses.values()) out.add(describe(s));
        return out;
    }

    private Map<String, Object> describe(Status s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", s.entry.name());
        m.put("state", s.state.name().toLowerCase());
        long total = s.entry.totalSize();
        m.put("bytes_total", total);
        m.put("bytes_done", s.state == State.DONE ? total : bytesOnDisk(s.entry));
        m.put("error", s.error);
        return m;
    }

    /** Bytes of the entry's files already in place or partly downloaded ({@code .part}). */
    private long bytesOnDisk(CatalogEntry e) {
        long n = 0;
        for (CatalogFile f : e.files()) {
            Path target = root.resolve(f.path()).normalize();
            n += sizeOr0(target);
            n += sizeOr0(target.resolveSibling(target.getFileName() + ".part"));
        }
        return n;
    }

    private static long sizeOr0(Path p) {
        try {
            return Files.isRegularFile(p) ? Files.size(p) : 0;
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

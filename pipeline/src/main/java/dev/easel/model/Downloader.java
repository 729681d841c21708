package dev.easel.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Fetches catalog entries into the store. Each file is written to {@code NAME.part} and resumed
 * there with an HTTP Range request when a previous attempt was cut; when complete it is checked
 * against its SHA-256 (where the catalog has one) and moved into place atomically. A file whose hash
 * does not match is kept aside as {@code NAME.corrupt} and never installed.
 */
public final class Downloader {

    static final String PART = ".part";
    static final String CORRUPT = ".corrupt";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(20);
    private static final int BUFFER = 1 << 16;

    private final HttpClient http;
    private final PrintStream console;

    public Downloader(PrintStream console) {
        this(HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NORMAL).build(), console);
    }

    Downloader(HttpClient http, PrintStream console) {
        this.http = http;
        this.console = console;
    }

    /** Downloads every file of {@code entry} under {@code storeRoot}; files already in place are skipped. */
    public void download(CatalogEntry entry, Path storeRoot) throws DownloadException {
        if (!entry.isAvailable()) {
            throw new DownloadException(entry.name() + " cannot be downloaded: "
                    + (entry.note() == null ? "the catalog lists no files for it" : entry.note()));
        }
        if (entry.nonCommercial()) {
            console.println("note: " + entry.name() + " is licensed for non-commercial use only (" + entry.license() + ")");
        }
        int i = 0;
        for (CatalogFile f : entry.files()) {
            i++;
            Path target = storeRoot.resolve(f.path()).normalize();
            if (!target.startsWith(storeRoot.normalize())) {
                throw new DownloadException("catalog path " + f.path() + " points outside the model store");
            }
            String label = entry.name() + " " + i + "/" + entry.files().size() + " " + target.getFileName();
            fetch(URI.create(f.url()), target, f.sha256(), label);
        }
        console.println(entry.name() + " is installed in " + storeRoot.resolve(entry.install()));
    }

    /** Downloads one file to {@code target}, resuming {@code target.part} when there is one. */
    public void fetch(URI url, Path target, String sha256, String label) throws DownloadException {
        if (Files.isRegularFile(target)) {
            console.println(label + ": already there");
            return;
        }
        Path part = target.resolveSibling(target.getFileName() + PART);
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            transfer(url, part, label);
        } catch (IOException e) {
            throw new DownloadException("could not write " + part + ": " + e.getMessage(), e);
        }
        verifyAndInstall(part, target, sha256, url);
    }

    private void transfer(URI url, Path part, String label) throws DownloadException, IOException {
        long have = Files.isRegularFile(part) ? Files.size(part) : 0;
        HttpRequest.Builder req = HttpRequest.newBuilder(url).GET().header("User-Agent", "easel-downloader");
        if (have > 0) req.header("Range", "bytes=" + have + "-");
        HttpResponse<InputStream> response;
        try {
            response = http.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpConnectTimeoutException | ConnectException | UnknownHostException e) {
            throw offline(url, e);
        } catch (HttpTimeoutException e) {
            throw offline(url, e);
        } catch (IOException e) {
            if (rootCause(e) instanceof UnknownHostException || rootCause(e) instanceof ConnectException) throw offline(url, e);
            throw new DownloadException("download of " + url + " failed: " + e.getMessage()
                    + (have > 0 ? "; the partial file is kept, run the same command again to resume" : ""), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DownloadException("download interrupted; run the same command again to resume", e);
        }
        int status = response.statusCode();
        try (InputStream body = response.body()) {
            if (status == 416 && have > 0) return; // the part file is already complete
            boolean append = status == 206 && have > 0;
            if (status != 200 && status != 206) {
                throw new DownloadException("the server answered HTTP " + status + " for " + url
                        + (status == 404 ? " (the file has moved; the catalog entry needs updating)" : ""));
            }
            if (!append) have = 0; // the server ignored the range: start over
            long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            long total = length < 0 ? -1 : have + length;
            ProgressBar bar = new ProgressBar(console, label, total, have);
            long done = have;
            try (OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
                byte[] buf = new byte[BUFFER];
                int n;
                while ((n = read(body, buf, done, url)) > 0) {
                    out.write(buf, 0, n);
                    done += n;
                    bar.update(done);
                }
            }
            bar.finish(done);
            if (total > 0 && done < total) {
                throw new DownloadException("transfer of " + url + " was cut at " + ProgressBar.bytes(done) + " of "
                        + ProgressBar.bytes(total) + "; the partial file is kept, run the same command again to resume");
            }
        }
    }

    private static int read(InputStream body, byte[] buf, long done, URI url) throws DownloadException {
        try {
            return body.read(buf);
        } catch (IOException e) {
            throw new DownloadException("transfer of " + url + " was cut after " + ProgressBar.bytes(done)
                    + " (" + e.getMessage() + "); the partial file is kept, run the same command again to resume", e);
        }
    }

    private void verifyAndInstall(Path part, Path target, String sha256, URI url) throws DownloadException {
        try {
            if (sha256 != null && !sha256.isBlank()) {
                String actual = sha256(part);
                if (!actual.equalsIgnoreCase(sha256.trim())) {
                    Path corrupt = target.resolveSibling(target.getFileName() + CORRUPT);
                    Files.move(part, corrupt, StandardCopyOption.REPLACE_EXISTING);
                    throw new DownloadException("SHA-256 mismatch for " + target.getFileName() + " from " + url
                            + ": expected " + sha256.toLowerCase(Locale.ROOT) + ", got " + actual
                            + ". The file was not installed and is kept aside as " + corrupt.getFileName()
                            + "; delete it and download again, or report the catalog entry if it keeps happening");
                }
            }
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new DownloadException("could not install " + target + ": " + e.getMessage(), e);
        }
    }

    static String sha256(Path file) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            try (InputStream in = Files.newInputStream(file)) {
                byte[] buf = new byte[BUFFER];
                int n;
                while ((n = in.read(buf)) > 0) md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static DownloadException offline(URI url, Exception e) {
        return new DownloadException("cannot reach " + url.getHost() + " (" + rootCause(e).getClass().getSimpleName()
                + (rootCause(e).getMessage() == null ? "" : ": " + rootCause(e).getMessage())
                + "). Are you offline or behind a proxy? Nothing was lost: run the same command again when connected", e);
    }

    private static Throwable rootCause(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t;
    }
}

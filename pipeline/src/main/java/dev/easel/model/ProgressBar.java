package dev.easel.model;

import java.io.PrintStream;
import java.util.Locale;

/** A one-line console progress bar with speed and time left, redrawn at most a few times a second. */
final class ProgressBar {

    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 250_000_000L;

    private final PrintStream out;
    private final String label;
    private final long total;
    private final long start;
    private final long startNanos = System.nanoTime();
    private long lastDraw;

    /** @param total expected bytes, or -1 when unknown; {@code start} bytes were already there (resume) */
    ProgressBar(PrintStream out, String label, long total, long start) {
        this.out = out;
        this.label = label;
        this.total = total;
        this.start = start;
    }

    void update(long done) {
        long now = System.nanoTime();
        if (now - lastDraw < REDRAW_NANOS) return;
        lastDraw = now;
        out.print("\r" + line(done, now));
        out.flush();
    }

    void finish(long done) {
        out.print("\r" + line(done, System.nanoTime()) + System.lineSeparator());
        out.flush();
    }

    String line(long done, long now) {
        double seconds = Math.max(1e-3, (now - startNanos) / 1e9);
        double speed = (done - start) / seconds;
        StringBuilder b = new StringBuilder(label).append(' ');
        if (total > 0) {
            int filled = (int) Math.min(WIDTH, WIDTH * done / total);
            b.append('[').append("#".repeat(filled)).append(".".repeat(WIDTH - filled)).append("] ");
            b.append(String.format(Locale.ROOT, "%3d%% ", 100 * done / total));
            b.append(bytes(done)).append(" / ").append(bytes(total));
            long left = speed > 0 ? (long) ((total - done) / speed) : -1;
            b.append("  ").append(bytes((long) speed)).append("/s  ETA ").append(left < 0 ? "--:--" : clock(left));
        } else {
            b.append(bytes(done)).append("  ").append(bytes((long) speed)).append("/s");
        }
        return b.toString();
    }

    static String bytes(long n) {
        if (n < 1000) return n + " B";
        if (n < 1000_000) return String.format(Locale.ROOT, "%.1f kB", n / 1e3);
        if (n < 1000_000_000) return String.format(Locale.ROOT, "%.1f MB", n / 1e6);
        return String.format(Locale.ROOT, "%.2f GB", n / 1e9);
    }

    static String clock(long seconds) {
        return seconds >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }
}

package dev.easel.generate;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Interrupt and skip flags shared between a running generation and whoever controls it.
 * Interrupt stops the whole job after the current step and returns what is done; skip ends only
 * the image (batch) being sampled now (A1111's /interrupt and /skip).
 */
public final class Control {
    private final AtomicBoolean interrupted = new AtomicBoolean();
    private final AtomicBoolean skipped = new AtomicBoolean();
    private volatile Runnable onInterrupt = () -> { };

    public void interrupt() {
        interrupted.set(true);
        onInterrupt.run();
    }

    public boolean isInterrupted() { return interrupted.get(); }

    public void skip() { skipped.set(true); }

    /** True once per skip request: the caller consumes it when it ends the current image. */
    public boolean takeSkip() { return skipped.getAndSet(false); }

    /** Called (once, from the interrupting thread) when {@link #interrupt()} is; used to abort native calls. */
    public void onInterrupt(Runnable r) { this.onInterrupt = r == null ? () -> { } : r; }
}

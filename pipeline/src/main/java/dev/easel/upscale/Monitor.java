package dev.easel.upscale;

import dev.easel.generate.Control;

import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * What a long upscale or restoration reports to and asks of its caller: per-tile progress, and
 * whether to stop. Work checks {@link #checkCancelled()} between tiles (and faces) and ends with a
 * {@link CancellationException}; a model call already running is aborted through the session.
 */
public interface Monitor {
    /** Never cancelled, reports nothing. */
    Monitor NONE = of(() -> false, (done, total) -> { });

    /** Tile-level progress of the current pass. */
    @FunctionalInterface
    interface TileListener {
        void onTiles(int done, int total);
    }

    boolean isCancelled();

    /** {@code done} of {@code total} tiles of the current pass are finished. */
    void onTiles(int done, int total);

    /** Throws {@link CancellationException} once cancellation was requested. */
    default void checkCancelled() {
        if (isCancelled()) throw new CancellationException("cancelled");
    }

    static Monitor of(BooleanSupplier cancelled, TileListener listener) {
        return new Monitor() {
            @Override public boolean isCancelled() { return cancelled.getAsBoolean(); }
            @Override public void onTiles(int done, int total) { listener.onTiles(done, total); }
        };
    }

    /** Cancelled when the generation's {@link Control} is interrupted. */
    static Monitor of(Control control, TileListener listener) {
        return of(control::isInterrupted, listener);
    }
}

package dev.easel.upscale;

/** A model call failed to allocate memory for its tile; a smaller tile may succeed. */
public final class TileTooLargeException extends RuntimeException {
    public TileTooLargeException(String message, Throwable cause) {
        super(message, cause);
    }
}

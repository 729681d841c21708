package dev.easel.upscale;

/** An upscale or restoration that cannot be done as asked; the message says what to change. */
public class UpscaleException extends RuntimeException {
    public UpscaleException(String message) {
        super(message);
    }

    public UpscaleException(String message, Throwable cause) {
        super(message, cause);
    }
}

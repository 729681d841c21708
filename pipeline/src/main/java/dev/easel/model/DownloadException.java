package dev.easel.model;

/** A download that did not complete; the message says why and what to do next. */
public class DownloadException extends Exception {
    public DownloadException(String message) {
        super(message);
    }

    public DownloadException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.easel.imagej.bridge;

/**
 * Something the user can act on went wrong talking to the bridge. The message is written for the user
 * (what happened and what to do) and is shown as it is, never with a stack trace.
 */
public class BridgeException extends Exception {
    private static final long serialVersionUID = 1L;

    public BridgeException(String message) {
        super(message);
    }

    public BridgeException(String message, Throwable cause) {
        super(message, cause);
    }
}

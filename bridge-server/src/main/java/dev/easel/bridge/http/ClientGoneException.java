package dev.easel.bridge.http;

/** The client closed its connection while waiting; there is nobody to answer. */
public final class ClientGoneException extends RuntimeException {
    public ClientGoneException() {
        super("client disconnected");
    }
}

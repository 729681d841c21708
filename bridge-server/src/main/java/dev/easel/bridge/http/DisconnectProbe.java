package dev.easel.bridge.http;

import io.javalin.http.Context;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.BufferUtil;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Tells whether the client of a request still waiting for its answer has gone away. Jetty 11 only
 * notices a closed connection when it reads or writes, and it does neither while a handler waits
 * on a job, so the probe tries a non-blocking read: -1 (end of stream) or an I/O error means the
 * client closed. Call it only after the request body was read in full. HTTP/1.1 clients do not
 * send anything else before the answer unless they pipeline, which A1111 clients do not.
 */
public final class DisconnectProbe {
    private final EndPoint endPoint;
    private final ByteBuffer scratch = BufferUtil.allocate(1);
    private boolean closed;

    private DisconnectProbe(EndPoint endPoint) {
        this.endPoint = endPoint;
    }

    public static DisconnectProbe of(Context ctx) {
        Request base = Request.getBaseRequest(ctx.req());
        EndPoint ep = base == null || base.getHttpChannel() == null ? null : base.getHttpChannel().getEndPoint();
        return new DisconnectProbe(ep);
    }

    /** True once the client has closed its side (or the connection broke). */
    public boolean clientGone() {
        if (closed) return true;
        if (endPoint == null) return false;
        if (!endPoint.isOpen() || endPoint.isInputShutdown()) {
            closed = true;
            return true;
        }
        try {
            BufferUtil.clear(scratch);
            int n = endPoint.fill(scratch);
            if (n < 0) closed = true;
        } catch (IOException e) {
            closed = true;
        }
        return closed;
    }
}

package dev.easel.bridge.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads request bodies with a hard size limit. Javalin's own limit only looks at Content-Length,
 * so a chunked upload would slip past it; this counts the bytes actually read.
 */
public final class Bodies {
    private Bodies() { }

    public static byte[] read(Context ctx, long maxBytes) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBytes) throw tooLarge(maxBytes);
        try (InputStream in = ctx.req().getInputStream()) {
            if (declared >= 0) return readExactly(in, (int) declared);
            ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) declared : 8192);
            byte[] buf = new byte[64 * 1024];
            long total = 0;
            for (int n; (n = in.read(buf)) > 0; ) {
                total += n;
                if (total > maxBytes) throw tooLarge(maxBytes);
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new ApiException(400, "bad request", "could not read the request body: " + e.getMessage());
        }
    }

    /** A body of known length straight into its array (no growing buffer, no final copy). */
    private static byte[] readExactly(InputStream in, int length) throws IOException {
        byte[] body = in.readNBytes(length);
        if (body.length < length) {
            throw new ApiException(400, "bad request", "the request body ended after " + body.length
                    + " of the " + length + " bytes its Content-Length announced");
        }
        return body;
    }

    /** The body as a JSON object; an empty body is a 422 because every route that calls this needs fields. */
    public static ObjectNode readObject(Context ctx, long maxBytes) {
        byte[] body = read(ctx, maxBytes);
        if (body.length == 0) {
            throw new ApiException(422, "invalid json", "the request body is empty; send a JSON object");
        }
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ApiException(422, "invalid json", "the request body is not valid JSON: "
                    + e.getOriginalMessage() + " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")");
        } catch (IOException e) {
            throw new ApiException(400, "bad request", "could not read the request body: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw new ApiException(422, "invalid json", "the request body must be a JSON object");
        }
        return (ObjectNode) node;
    }

    /** The body as a JSON object, or an empty one when no body was sent (routes whose fields are all optional). */
    public static ObjectNode readOptionalObject(Context ctx, long maxBytes) {
        byte[] body = read(ctx, maxBytes);
        if (body.length == 0) return Json.object();
        try {
            JsonNode node = Json.MAPPER.readTree(body);
            return node != null && node.isObject() ? (ObjectNode) node : Json.object();
        } catch (IOException e) {
            throw new ApiException(422, "invalid json", "the request body is not valid JSON: " + e.getMessage());
        }
    }

    private static ApiException tooLarge(long maxBytes) {
        return new ApiException(413, "request too large", "the request body is larger than the limit of "
                + maxBytes + " bytes; send smaller images or start the bridge with a larger --max-body-mb");
    }
}

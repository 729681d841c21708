package dev.easel.bridge.http;

import dev.easel.generate.RequestException;

/**
 * An error a client caused or must act on, answered as {@code {"error": kind, "detail": text}} with
 * {@link #status()}. Everything a route rejects goes through this type so no handler ever writes
 * HTML or a stack trace.
 */
public class ApiException extends RuntimeException {
    private final int status;
    private final String error;
    private final String field;

    public ApiException(int status, String error, String detail) {
        this(status, error, detail, null);
    }

    public ApiException(int status, String error, String detail, String field) {
        super(detail);
        this.status = status;
        this.error = error;
        this.field = field;
    }

    /** 422 for a field whose value is wrong; the detail names the field and what would be right. */
    public static ApiException badField(String field, String detail) {
        return new ApiException(422, "invalid field", field + ": " + detail, field);
    }

    /** The pipeline's own validation error, which already names its A1111 field. */
    public static ApiException from(RequestException e) {
        String prefix = e.field() + ": ";
        String msg = e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length()) : e.getMessage();
        return badField(e.field(), msg);
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, "not found", what);
    }

    public int status() { return status; }

    /** The short kind of error, e.g. "invalid field". */
    public String error() { return error; }

    public String detail() { return getMessage(); }

    /** The request field at fault, or null when the error is not about one field. */
    public String field() { return field; }
}

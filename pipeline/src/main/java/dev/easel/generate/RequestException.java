package dev.easel.generate;

/** A request a user can fix: names the A1111 field at fault and says what is expected. */
public final class RequestException extends IllegalArgumentException {
    private final String field;

    public RequestException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    /** The A1111 API field name ({@code width}, {@code steps}, {@code mask}, ...). */
    public String field() { return field; }
}

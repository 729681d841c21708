package dev.easel.text;

import java.util.Arrays;

/** A1111's {@code emphasis} option: how attention multipliers act on the text encoder's output. */
public enum Emphasis {
    /** Multiply each token's hidden state, then rescale so the mean over the whole encoder call is unchanged (the default). */
    ORIGINAL("Original"),
    /** Multiply, without restoring the mean. */
    NO_NORM("No norm"),
    /** Parse the brackets but leave the hidden states alone. */
    IGNORE("Ignore"),
    /** Do not parse emphasis at all: brackets and BREAK are plain text. */
    NONE("None");

    private final String label;

    Emphasis(String label) { this.label = label; }

    /** The option value as A1111 names it. */
    public String label() { return label; }

    /** The mode for A1111's option value ("Original", "No norm", "Ignore", "None"), case-insensitive. */
    public static Emphasis fromLabel(String label) {
        for (Emphasis e : values()) if (e.label.equalsIgnoreCase(label)) return e;
        throw new IllegalArgumentException("unknown emphasis '" + label + "'; use one of "
                + Arrays.stream(values()).map(Emphasis::label).toList());
    }
}

package dev.easel.text;

/**
 * A prompt that A1111 itself rejects (for example {@code (a:1.2.3)}, whose weight is not a number).
 * {@link #position()} is the 0-based character index in the prompt as given where the problem is.
 */
public final class PromptSyntaxException extends IllegalArgumentException {

    private final int position;
    private final String problem;

    public PromptSyntaxException(String problem, int position) {
        super(problem + " (at character " + position + ")");
        this.position = position;
        this.problem = problem;
    }

    public int position() { return position; }

    /** The message without the position. */
    public String problem() { return problem; }

    /** The same problem, with the position moved by {@code delta} (for a part that starts later in a longer prompt). */
    public PromptSyntaxException shifted(int delta) {
        return delta == 0 ? this : new PromptSyntaxException(problem, position + delta);
    }
}

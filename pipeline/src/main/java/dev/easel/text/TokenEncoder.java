package dev.easel.text;

/** Turns one piece of prompt text into token ids, with no start, end or padding tokens. */
@FunctionalInterface
public interface TokenEncoder {
    int[] encode(String text);
}

package dev.easel.text;

/**
 * One {@code AND} part of a positive prompt with its CFG weight (A1111's composable diffusion).
 * {@code offset} is where the part's text starts in the whole prompt, for error positions.
 */
public record WeightedPrompt(String text, double weight, int offset) {}

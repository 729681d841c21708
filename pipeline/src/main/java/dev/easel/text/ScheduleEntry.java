package dev.easel.text;

/** The prompt text in force up to and including denoiser step {@code endAtStep} (A1111's schedule pair). */
public record ScheduleEntry(int endAtStep, String text) {}

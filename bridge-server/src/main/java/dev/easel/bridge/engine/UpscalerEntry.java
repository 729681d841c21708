package dev.easel.bridge.engine;

/** An upscaler as A1111's /upscalers lists it; {@code modelName} is null for plain resamplers. */
public record UpscalerEntry(String name, String modelName, double scale) { }

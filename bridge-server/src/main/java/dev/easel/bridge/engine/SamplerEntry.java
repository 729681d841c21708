package dev.easel.bridge.engine;

import java.util.List;

/** A sampler as A1111's /samplers lists it: display name plus aliases (k-diffusion ids). */
public record SamplerEntry(String name, List<String> aliases) { }

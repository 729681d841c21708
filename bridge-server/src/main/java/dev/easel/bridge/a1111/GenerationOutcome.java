package dev.easel.bridge.a1111;

import dev.easel.bridge.engine.ModelEntry;
import dev.easel.generate.GenerationResult;

import java.time.Instant;

/** A finished generation with what the answer needs to describe it. */
public record GenerationOutcome(ParsedGeneration parsed, GenerationResult result, ModelEntry model, Instant started) { }

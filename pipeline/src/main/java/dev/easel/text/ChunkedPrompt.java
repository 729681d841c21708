package dev.easel.text;

import java.util.List;

/**
 * A prompt text cut into encoder chunks, with A1111's {@code token_count}: 75 for every chunk but the
 * last, plus the last chunk's real tokens (so a BREAK counts its chunk as full).
 */
public record ChunkedPrompt(List<Chunk> chunks, int tokenCount) {

    public ChunkedPrompt {
        chunks = List.copyOf(chunks);
    }

    /** A1111's {@code get_target_prompt_token_count}: the token count rounded up to whole chunks, at least one. */
    public int targetTokenCount() { return PromptChunker.targetTokenCount(tokenCount); }
}

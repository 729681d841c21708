package dev.easel.bridge.a1111;

import dev.easel.bridge.http.ApiException;
import dev.easel.text.PromptParser;
import dev.easel.text.PromptSyntaxException;
import dev.easel.text.ScheduleEntry;
import dev.easel.text.WeightedPrompt;

import java.util.List;

/**
 * Runs a prompt through A1111's grammar before the job is queued, so a prompt that would fail the
 * generation (a weight that is not a number, brackets nested too deep, an editing step too large)
 * is a 422 naming the field at once.
 */
final class PromptCheck {
    private PromptCheck() { }

    static void check(String field, String prompt, int steps, boolean splitAnd, boolean emphasis) {
        try {
            List<WeightedPrompt> parts = splitAnd ? PromptParser.splitAnd(prompt) : List.of(new WeightedPrompt(prompt, 1.0, 0));
            for (WeightedPrompt p : parts) {
                for (ScheduleEntry e : PromptParser.schedule(p.text(), steps)) {
                    if (emphasis) PromptParser.parseAttention(e.text());
                }
            }
        } catch (PromptSyntaxException e) {
            throw ApiException.badField(field, e.problem() + " (at character " + e.position() + ")");
        }
    }
}

package dev.easel.generate;

import dev.easel.onnx.Tensor;
import dev.easel.sampling.Conditioning;
import dev.easel.sampling.WeightedCond;
import dev.easel.text.Conditioner;
import dev.easel.text.PromptConditioning;
import dev.easel.text.PromptSyntaxException;
import dev.easel.text.ScheduledConditioning;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The text package's A1111 conditioning (emphasis, prompt editing, AND, 75-token chunks) in the form
 * the CFG denoiser asks for. One per request: the conditioner caches encoder rows across batches.
 */
final class TextPromptEncoder implements PromptEncoder {
    private final Conditioner conditioner;
    private final Map<String, PromptConditioning> positives = new HashMap<>();
    private final Map<String, ScheduledConditioning> negatives = new HashMap<>();

    TextPromptEncoder(Conditioner conditioner) {
        this.conditioner = conditioner;
    }

    @Override
    public Conditioning encode(List<String> prompts, List<String> negs, int steps) {
        List<List<Part>> pos = new ArrayList<>();
        List<ScheduledConditioning> neg = new ArrayList<>();
        try {
            for (String p : prompts) {
                PromptConditioning pc = positives.computeIfAbsent(p + "\u0000" + steps, k -> conditioner.positive(p, steps));
                List<Part> parts = new ArrayList<>();
                for (PromptConditioning.Part part : pc.parts()) parts.add(new Part(part.schedule(), part.weight()));
                pos.add(parts);
            }
            for (String n : negs) neg.add(negatives.computeIfAbsent(n + "\u0000" + steps, k -> conditioner.negative(n, steps)));
        } catch (PromptSyntaxException e) {
            throw new RequestException("prompt", e.getMessage());
        }
        return new Conditioning() {
            @Override
            public List<WeightedCond> cond(int image, int step) {
                List<Part> parts = pos.get(image);
                List<WeightedCond> out = new ArrayList<>(parts.size());
                for (Part p : parts) out.add(new WeightedCond(p.schedule().forStep(step), p.weight()));
                return out;
            }

            @Override
            public Tensor uncond(int image, int step) {
                return neg.get(image).forStep(step);
            }
        };
    }

    private record Part(ScheduledConditioning schedule, double weight) { }
}

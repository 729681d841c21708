package dev.easel.generate;

import dev.easel.sampling.Conditioning;

import java.util.List;

/** Turns a batch's prompts into the per-step conditioning the CFG denoiser consumes. */
@FunctionalInterface
interface PromptEncoder {
    /**
     * @param prompts   one prompt per image of the batch
     * @param negatives one negative prompt per image
     * @param steps     denoiser calls the prompt schedule spans (steps times the sampler's step multiplier)
     */
    Conditioning encode(List<String> prompts, List<String> negatives, int steps);
}

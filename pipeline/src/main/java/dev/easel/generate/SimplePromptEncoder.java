package dev.easel.generate;

import dev.easel.model.DiffusionModel;
import dev.easel.onnx.Tensor;
import dev.easel.sampling.Conditioning;
import dev.easel.sampling.WeightedCond;
import dev.easel.text.ClipTokenizer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Plain CLIP conditioning: each prompt tokenized, cut to one 75-token chunk, wrapped in BOS/EOS and
 * padded with EOS to 77, encoded once per distinct text. No emphasis, editing or AND: the text
 * package's conditioner replaces this where it is available.
 */
final class SimplePromptEncoder implements PromptEncoder {
    private static final int CHUNK = 75;

    private final DiffusionModel model;
    private final int clipSkip;
    private final ClipTokenizer tokenizer;
    private final Map<String, Tensor> cache = new HashMap<>();

    SimplePromptEncoder(DiffusionModel model, int clipSkip) {
        this.model = model;
        this.clipSkip = clipSkip;
        try {
            this.tokenizer = ClipTokenizer.load(model.tokenizerDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the model's tokenizer: " + e.getMessage(), e);
        }
    }

    @Override
    public Conditioning encode(List<String> prompts, List<String> negatives, int steps) {
        List<Tensor> conds = new ArrayList<>();
        List<Tensor> unconds = new ArrayList<>();
        for (String p : prompts) conds.add(embed(p));
        for (String n : negatives) unconds.add(embed(n));
        return new Conditioning() {
            @Override
            public List<WeightedCond> cond(int image, int step) {
                return List.of(new WeightedCond(conds.get(image), 1.0));
            }

            @Override
            public Tensor uncond(int image, int step) {
                return unconds.get(image);
            }
        };
    }

    private Tensor embed(String text) {
        return cache.computeIfAbsent(text, t -> {
            int[] tokens = tokenizer.encode(t);
            int[] ids = new int[CHUNK + 2];
            java.util.Arrays.fill(ids, tokenizer.endId());
            ids[0] = tokenizer.startId();
            System.arraycopy(tokens, 0, ids, 1, Math.min(CHUNK, tokens.length));
            Tensor out = model.encodeText(ids, 1, clipSkip);
            return new Tensor(new long[] {out.dim(1), out.dim(2)}, out.data());
        });
    }
}

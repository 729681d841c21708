package dev.easel.text;

import dev.easel.onnx.Tensor;

/**
 * A textual-inversion embedding: a name that stands for {@code vectors} ({@code [count, hidden]}),
 * which replace the token embeddings where the name appears in a prompt.
 */
public record Embedding(String name, Tensor vectors) {

    public Embedding {
        if (vectors.rank() != 2 || vectors.dim(0) < 1) {
            throw new IllegalArgumentException("embedding '" + name + "' needs vectors shaped [count, hidden], got " + vectors);
        }
    }

    /** How many token positions the embedding takes. */
    public int vectorCount() { return (int) vectors.dim(0); }
}

package dev.easel.checkpoint;

import dev.easel.onnx.Tensor;
import dev.easel.text.Embedding;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads A1111 textual-inversion files. A {@code .safetensors} embedding holds one tensor
 * ({@code emb_params}, a {@code string_to_param.*} entry, or a diffusers concept's single token), of
 * shape {@code [vectors, dim]} or {@code [dim]}; as in A1111's {@code create_embedding_from_data},
 * the name is the file name. Pickled {@code .pt}/{@code .bin} embeddings are refused (they can run code).
 */
public final class EmbeddingFiles {

    private EmbeddingFiles() {}

    public static Embedding read(Path file) throws IOException {
        String fileName = file.getFileName().toString();
        String name = fileName.contains(".") ? fileName.substring(0, fileName.lastIndexOf('.')) : fileName;
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            Map<String, TensorInfo> t = f.tensors();
            if (t.containsKey("clip_l") && t.containsKey("clip_g")) {
                throw new IllegalArgumentException(fileName + " is an SDXL embedding (clip_l + clip_g); Easel loads SD 1.x embeddings");
            }
            TensorInfo chosen;
            if (t.size() == 1) {
                chosen = t.values().iterator().next();
            } else {
                var params = t.values().stream().filter(i -> i.name().startsWith("string_to_param")).toList();
                if (params.size() != 1) {
                    throw new IllegalArgumentException(fileName + " holds " + t.size() + " tensors " + t.keySet()
                            + "; an embedding holds one (emb_params or string_to_param)");
                }
                chosen = params.get(0);
            }
            if (!chosen.dtype().isFloatingPoint() || chosen.rank() < 1 || chosen.rank() > 2 || chosen.elementCount() == 0) {
                throw new IllegalArgumentException(fileName + ": tensor " + chosen + " is not an embedding ([vectors, dim] floats)");
            }
            int dim = (int) chosen.dim(chosen.rank() - 1);
            int vectors = chosen.rank() == 1 ? 1 : (int) chosen.dim(0);
            return new Embedding(name, new Tensor(new long[] {vectors, dim}, f.floats(chosen.name())));
        }
    }
}

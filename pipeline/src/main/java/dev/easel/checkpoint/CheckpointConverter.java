package dev.easel.checkpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.easel.checkpoint.graph.GraphOptions;
import dev.easel.checkpoint.graph.ModelFiles;
import dev.easel.checkpoint.graph.Net;
import dev.easel.checkpoint.graph.TextEncoderGraph;
import dev.easel.checkpoint.graph.UNetGraph;
import dev.easel.checkpoint.graph.UNetLayout;
import dev.easel.checkpoint.graph.VaeGraphs;
import dev.easel.checkpoint.graph.WeightSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns an SD 1.x checkpoint into a diffusers ONNX folder ({@code text_encoder/}, {@code unet/},
 * {@code vae_encoder/}, {@code vae_decoder/}, {@code tokenizer/}, {@code scheduler/},
 * {@code model_index.json}) that {@code OnnxDiffusionModel} opens like any export. Beside each
 * standard graph it writes the extra graphs Easel uses, sharing the component's weight file:
 * {@code text_encoder/model_embeddings.onnx} (with textual-inversion rows) and
 * {@code model_tiled.onnx} for the UNet and VAE (circular padding); {@link #TILED} is a second
 * diffusers folder made of hard links to the tiled graphs.
 */
public final class CheckpointConverter {

    /** Bumped whenever the graphs change, so cached folders from older builds are rebuilt. */
    public static final int FORMAT_VERSION = 1;
    public static final String INFO_FILE = "easel-checkpoint.json";
    public static final String TILED = "tiled";
    public static final String EMBEDDINGS_GRAPH = "text_encoder/model_embeddings.onnx";
    static final String TILED_GRAPH = "model_tiled.onnx";
    static final String[] COMPONENTS = {"text_encoder", "unet", "vae_encoder", "vae_decoder"};

    /** Told as each component is written. */
    @FunctionalInterface
    public interface Progress {
        void stage(String component, int done, int total);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private CheckpointConverter() {}

    /**
     * Writes the folder for {@code checkpoint} (which must be a loadable SD 1.x file) into {@code folder}.
     *
     * @param fp16 fp16 weights and arithmetic (for CUDA)
     */
    public static void convert(SafetensorsFile checkpoint, Path folder, boolean fp16, String sha256, Progress progress)
            throws IOException {
        Detection d = FamilyDetector.detect(checkpoint).requireLoadable(checkpoint.path().getFileName().toString());
        WeightSource w = new WeightSource(checkpoint);
        GraphOptions plain = new GraphOptions(fp16, false), tiled = plain.withCircular(true);
        Files.createDirectories(folder);
        int total = COMPONENTS.length, done = 0;

        report(progress, "text_encoder", done, total);
        Map<Path, Net> text = new LinkedHashMap<>();
        text.put(folder.resolve("text_encoder/model.onnx"), TextEncoderGraph.build(w, plain, TextEncoderGraph.SD1_HEADS, false));
        text.put(folder.resolve(EMBEDDINGS_GRAPH), TextEncoderGraph.build(w, plain, TextEncoderGraph.SD1_HEADS, true));
        ModelFiles.writeShared(text);
        report(progress, "unet", ++done, total);
        ModelFiles.writeShared(pair(folder.resolve("unet"), UNetGraph.build(w, plain, UNetGraph.SD1_HEADS),
                UNetGraph.build(w, tiled, UNetGraph.SD1_HEADS)));
        report(progress, "vae_encoder", ++done, total);
        ModelFiles.writeShared(pair(folder.resolve("vae_encoder"), VaeGraphs.encoder(w, plain), VaeGraphs.encoder(w, tiled)));
        report(progress, "vae_decoder", ++done, total);
        ModelFiles.writeShared(pair(folder.resolve("vae_decoder"), VaeGraphs.decoder(w, plain), VaeGraphs.decoder(w, tiled)));

        ClipVocabulary.writeTo(folder.resolve("tokenizer"));
        writeScheduler(checkpoint, folder.resolve("scheduler/scheduler_config.json"));
        writeModelIndex(folder.resolve("model_index.json"));
        linkTiledFolder(folder);
        writeInfo(folder.resolve(INFO_FILE), checkpoint, d, fp16, sha256);
        report(progress, "done", total, total);
    }

    private static Map<Path, Net> pair(Path dir, Net plain, Net tiled) {
        Map<Path, Net> m = new LinkedHashMap<>();
        m.put(dir.resolve("model.onnx"), plain);
        m.put(dir.resolve(TILED_GRAPH), tiled);
        return m;
    }

    private static void report(Progress p, String stage, int done, int total) {
        if (p != null) p.stage(stage, done, total);
    }

    /** {@code tiled/} holds the same set with the circular UNet and VAE graphs, as hard links (no extra disk). */
    private static void linkTiledFolder(Path folder) throws IOException {
        Path t = folder.resolve(TILED);
        for (String c : COMPONENTS) {
            Path dir = Files.createDirectories(t.resolve(c));
            String graph = c.equals("text_encoder") ? "model.onnx" : TILED_GRAPH;
            link(folder.resolve(c).resolve(graph), dir.resolve("model.onnx"));
            link(folder.resolve(c).resolve(ModelFiles.DATA_FILE), dir.resolve(ModelFiles.DATA_FILE));
        }
        link(folder.resolve(EMBEDDINGS_GRAPH), t.resolve(EMBEDDINGS_GRAPH));
        for (String f : new String[] {"tokenizer/vocab.json", "tokenizer/merges.txt", "scheduler/scheduler_config.json", "model_index.json"}) {
            Files.createDirectories(t.resolve(f).getParent());
            link(folder.resolve(f), t.resolve(f));
        }
    }

    private static void link(Path existing, Path link) throws IOException {
        Files.deleteIfExists(link);
        try {
            Files.createLink(link, existing);
        } catch (UnsupportedOperationException | IOException e) {
            Files.copy(existing, link); // file systems without hard links
        }
    }

    /** diffusers' PNDM/DDIM config for SD 1.x; the betas are ldm's "linear" = diffusers' "scaled_linear". */
    private static void writeScheduler(SafetensorsFile f, Path file) throws IOException {
        ObjectNode s = JSON.createObjectNode();
        s.put("_class_name", "PNDMScheduler");
        s.put("beta_schedule", "scaled_linear");
        s.put("beta_start", RandomCheckpoint.LINEAR_START);
        s.put("beta_end", RandomCheckpoint.LINEAR_END);
        s.put("num_train_timesteps", RandomCheckpoint.TIMESTEPS);
        s.put("prediction_type", "epsilon");
        s.put("clip_sample", false);
        s.put("set_alpha_to_one", false);
        s.put("steps_offset", 1);
        Files.createDirectories(file.getParent());
        JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), s);
    }

    private static void writeModelIndex(Path file) throws IOException {
        ObjectNode m = JSON.createObjectNode();
        m.put("_class_name", "OnnxStableDiffusionPipeline");
        for (String c : COMPONENTS) m.putArray(c).add("diffusers").add("OnnxRuntimeModel");
        m.putArray("tokenizer").add("transformers").add("CLIPTokenizer");
        m.putArray("scheduler").add("diffusers").add("PNDMScheduler");
        JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), m);
    }

    private static void writeInfo(Path file, SafetensorsFile f, Detection d, boolean fp16, String sha256) throws IOException {
        UNetLayout l = UNetLayout.read(f.tensors());
        ObjectNode info = JSON.createObjectNode();
        info.put("format_version", FORMAT_VERSION);
        info.put("source", f.path().getFileName().toString());
        if (sha256 != null) info.put("sha256", sha256);
        info.put("family", d.family().name());
        info.put("description", d.description());
        info.put("unet_in_channels", d.unetInChannels());
        info.put("context_dim", d.contextDim());
        info.put("fp16", fp16);
        ObjectNode unet = info.putObject("unet");
        unet.put("model_channels", l.modelChannels());
        unet.putPOJO("channel_mult", l.channelMult());
        unet.put("res_blocks_per_level", l.resBlocksPerLevel());
        unet.putPOJO("attention_levels", l.attentionLevels());
        unet.put("transformer_depth", l.transformerDepth());
        unet.put("linear_projection", l.linearProjection());
        JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), info);
    }
}

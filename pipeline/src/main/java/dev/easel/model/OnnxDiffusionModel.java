package dev.easel.model;

import dev.easel.onnx.IoInfo;
import dev.easel.onnx.ModelLoadException;
import dev.easel.onnx.OnnxSession;
import dev.easel.onnx.OrtSettings;
import dev.easel.onnx.Tensor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@link DiffusionModel} over a diffusers ONNX export folder ({@code text_encoder/}, {@code unet/},
 * {@code vae_encoder/}, {@code vae_decoder/}, each with {@code model.onnx}; {@code tokenizer/};
 * {@code scheduler/}). Names, element types and ranks are read from the sessions, so exports from
 * diffusers' script, optimum and Olive all load: int32 or int64 ids, int64/float/fp16 timesteps as
 * {@code [batch]} or a scalar, fp16 or fp32 tensors, {@code latent_sample} or {@code latent_parameters}.
 *
 * <p>Clip skip above 1 needs the text encoder to expose the chosen layer already through the final
 * layer norm: an output named {@code clip_skip_N}, or {@code penultimate_normed} for N = 2 (Easel's
 * generated graphs write these; plain exports have only {@code last_hidden_state}).
 */
public final class OnnxDiffusionModel implements DiffusionModel {

    /** Log-variance reported for exports that only give a sampled latent: e^-15 std, no extra noise. */
    static final float NO_VARIANCE_LOGVAR = -30f;

    private final String name;
    private final Path folder;
    private final OnnxSession text;
    private final OnnxSession unet;
    private final OnnxSession vaeEncoder;
    private final OnnxSession vaeDecoder;
    private final int unetInChannels;
    private final int hiddenSize;

    private OnnxDiffusionModel(Path folder, OnnxSession text, OnnxSession unet, OnnxSession vaeEncoder, OnnxSession vaeDecoder) {
        this.name = folder.getFileName().toString();
        this.folder = folder;
        this.text = text;
        this.unet = unet;
        this.vaeEncoder = vaeEncoder;
        this.vaeDecoder = vaeDecoder;
        long c = unet.input("sample").dim(1);
        this.unetInChannels = c > 0 ? (int) c : 4;
        this.hiddenSize = readHiddenSize(text, unet);
    }

    /**
     * Opens every component of the export in {@code folder}.
     *
     * @throws ModelLoadException naming the missing or unreadable part
     */
    public static OnnxDiffusionModel open(Path folder, OrtSettings settings) {
        if (!Files.isDirectory(folder)) throw new ModelLoadException("model folder not found: " + folder);
        for (String part : OnnxSdLayout.REQUIRED_FILES) {
            if (!Files.isRegularFile(folder.resolve(part))) {
                throw new ModelLoadException(folder.getFileName() + " is incomplete: " + part + " is missing");
            }
        }
        List<OnnxSession> opened = new ArrayList<>();
        try {
            OnnxSession text = track(opened, OnnxSession.open(folder.resolve(OnnxSdLayout.TEXT_ENCODER), settings));
            OnnxSession unet = track(opened, OnnxSession.open(folder.resolve(OnnxSdLayout.UNET), settings));
            OnnxSession dec = track(opened, OnnxSession.open(folder.resolve(OnnxSdLayout.VAE_DECODER), settings));
            Path encPath = folder.resolve(OnnxSdLayout.VAE_ENCODER);
            OnnxSession enc = Files.isRegularFile(encPath) ? track(opened, OnnxSession.open(encPath, settings)) : null;
            checkNames(text, "input_ids");
            checkNames(unet, "sample", "timestep", "encoder_hidden_states");
            return new OnnxDiffusionModel(folder, text, unet, enc, dec);
        } catch (RuntimeException e) {
            opened.forEach(OnnxSession::close);
            if (e instanceof ModelLoadException) throw e;
            throw new ModelLoadException(folder.getFileName() + ": " + e.getMessage(), e);
        }
    }

    private static OnnxSession track(List<OnnxSession> opened, OnnxSession s) {
        opened.add(s);
        return s;
    }

    private static void checkNames(OnnxSession s, String... names) {
        for (String n : names) {
            if (!s.inputs().containsKey(n)) {
                throw new ModelLoadException(s.name() + " has no input '" + n + "'; it takes " + s.inputs().values());
            }
        }
    }

    private static int readHiddenSize(OnnxSession text, OnnxSession unet) {
        IoInfo last = text.outputs().get("last_hidden_state");
        if (last != null && last.rank() == 3 && last.dim(2) > 0) return (int) last.dim(2);
        IoInfo ehs = unet.input("encoder_hidden_states");
        if (ehs.rank() == 3 && ehs.dim(2) > 0) return (int) ehs.dim(2);
        return 768; // SD 1.x
    }

    @Override public String name() { return name; }

    public Path folder() { return folder; }

    @Override public int unetInChannels() { return unetInChannels; }

    @Override public int hiddenSize() { return hiddenSize; }

    @Override public Path tokenizerDir() { return folder.resolve("tokenizer"); }

    @Override
    public Path schedulerConfig() {
        Path p = folder.resolve("scheduler/scheduler_config.json");
        return Files.isRegularFile(p) ? p : null;
    }

    /** True when the VAE encoder is there (img2img and inpainting need it). */
    public boolean hasVaeEncoder() { return vaeEncoder != null; }

    @Override
    public Tensor encodeText(int[] ids, int batch, int clipSkip) {
        if (batch <= 0 || ids.length % batch != 0) {
            throw new IllegalArgumentException(ids.length + " token ids do not split into " + batch + " rows");
        }
        String output = clipSkipOutput(clipSkip);
        float[] f = new float[ids.length];
        for (int i = 0; i < ids.length; i++) f[i] = ids[i];
        Tensor in = new Tensor(new long[] {batch, ids.length / batch}, f);
        return text.run(Map.of("input_ids", in), Set.of(output)).get(output);
    }

    private String clipSkipOutput(int clipSkip) {
        if (clipSkip <= 1) return "last_hidden_state";
        if (text.outputs().containsKey("clip_skip_" + clipSkip)) return "clip_skip_" + clipSkip;
        if (clipSkip == 2 && text.outputs().containsKey("penultimate_normed")) return "penultimate_normed";
        throw new UnsupportedOperationException(name + "'s text encoder has no output for clip skip " + clipSkip
                + " (it gives " + text.outputs().keySet() + "); use clip skip 1 with this model");
    }

    @Override
    public Tensor unet(Tensor sample, float[] timesteps, Tensor encoderHiddenStates) {
        int b = (int) sample.dim(0);
        if (timesteps.length != b || encoderHiddenStates.dim(0) != b) {
            throw new IllegalArgumentException("batch mismatch: sample " + b + ", timesteps " + timesteps.length
                    + ", encoder_hidden_states " + encoderHiddenStates.dim(0));
        }
        IoInfo ts = unet.input("timestep");
        boolean scalarTimestep = ts.rank() == 0;
        boolean allSame = Arrays.stream(toDoubles(timesteps)).distinct().count() == 1;
        long fixedBatch = unet.input("sample").dim(0);
        boolean split = b > 1 && ((scalarTimestep && !allSame) || fixedBatch == 1 || (ts.rank() == 1 && ts.dim(0) == 1));
        if (split) return unetPerEntry(sample, timesteps, encoderHiddenStates);
        Tensor t = scalarTimestep ? new Tensor(new long[0], new float[] {timesteps[0]})
                : new Tensor(new long[] {b}, timesteps.clone());
        return unet.run(Map.of("sample", sample, "timestep", t, "encoder_hidden_states", encoderHiddenStates),
                Set.of(firstOutput(unet))).get(firstOutput(unet));
    }

    /** For exports that take one timestep for the whole batch, or a fixed batch of 1. */
    private Tensor unetPerEntry(Tensor sample, float[] timesteps, Tensor ehs) {
        int b = (int) sample.dim(0);
        List<Tensor> parts = new ArrayList<>();
        for (int i = 0; i < b; i++) {
            parts.add(unet(Tensors.entry(sample, i), new float[] {timesteps[i]}, Tensors.entry(ehs, i)));
        }
        return Tensors.concatBatch(parts);
    }

    private static double[] toDoubles(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) d[i] = f[i];
        return d;
    }

    private static String firstOutput(OnnxSession s) {
        return s.outputs().keySet().iterator().next();
    }

    private static String firstInput(OnnxSession s) {
        return s.inputs().keySet().iterator().next();
    }

    @Override
    public Tensor decode(Tensor latents) {
        return vaeDecoder.run(Map.of(firstInput(vaeDecoder), latents), Set.of(firstOutput(vaeDecoder))).get(firstOutput(vaeDecoder));
    }

    @Override
    public Tensor encodeMoments(Tensor images) {
        if (vaeEncoder == null) {
            throw new UnsupportedOperationException(name + " has no vae_encoder/model.onnx; img2img and inpainting need it");
        }
        Map<String, Tensor> out = vaeEncoder.run(Map.of(firstInput(vaeEncoder), images));
        Tensor params = out.get("latent_parameters");
        if (params != null) return params;
        Tensor mean = out.containsKey("latent_sample") ? out.get("latent_sample") : out.values().iterator().next();
        return Tensors.withLogVariance(mean, NO_VARIANCE_LOGVAR);
    }

    @Override
    public void interrupt() {
        for (OnnxSession s : sessions()) s.interrupt();
    }

    @Override
    public void clearInterrupt() {
        for (OnnxSession s : sessions()) s.clearInterrupt();
    }

    private List<OnnxSession> sessions() {
        List<OnnxSession> all = new ArrayList<>(List.of(text, unet, vaeDecoder));
        if (vaeEncoder != null) all.add(vaeEncoder);
        return all;
    }

    @Override
    public void close() {
        sessions().forEach(OnnxSession::close);
    }

    @Override
    public String toString() {
        return "OnnxDiffusionModel[" + name + ", unet " + unetInChannels + "ch, hidden " + hiddenSize + ", " + unet.device().label() + "]";
    }
}

package dev.easel.checkpoint.graph;

import dev.easel.checkpoint.TensorInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The structure of an ldm UNet ({@code model.diffusion_model.*}) as read from its keys and shapes:
 * the ordered input, middle and output blocks and the modules inside each, plus the summary numbers
 * a config file would give (levels, channel multipliers, res blocks per level, attention levels,
 * transformer depth, projection kind). Nothing is assumed from a config: a checkpoint with other
 * widths or depths yields its own layout.
 */
public record UNetLayout(int inChannels, int outChannels, int modelChannels, int timeEmbedDim, int contextDim,
                         List<Integer> channelMult, int resBlocksPerLevel, List<Boolean> attentionLevels,
                         int transformerDepth, boolean linearProjection,
                         List<List<Module>> input, List<Module> middle, List<List<Module>> output) {

    public static final String PREFIX = "model.diffusion_model.";

    public enum Kind { CONV_IN, RES, TRANSFORMER, DOWN, UP }

    /**
     * One module of a block.
     *
     * @param prefix   the key prefix, ending in a dot
     * @param channels output channels (for a transformer, its width)
     * @param depth    transformer blocks inside a transformer, else 0
     */
    public record Module(Kind kind, String prefix, int channels, int depth) {}

    private static final Pattern BLOCK = Pattern.compile("^(input_blocks|output_blocks)\\.(\\d+)\\.(\\d+)\\.");
    private static final Pattern MIDDLE = Pattern.compile("^middle_block\\.(\\d+)\\.");

    public static UNetLayout read(Map<String, TensorInfo> tensors) {
        Map<Integer, Map<Integer, String>> in = new TreeMap<>(), out = new TreeMap<>();
        Map<Integer, String> mid = new TreeMap<>();
        for (String key : tensors.keySet()) {
            if (!key.startsWith(PREFIX)) continue;
            String k = key.substring(PREFIX.length());
            Matcher m = BLOCK.matcher(k);
            if (m.find()) {
                var target = m.group(1).equals("input_blocks") ? in : out;
                target.computeIfAbsent(Integer.parseInt(m.group(2)), x -> new TreeMap<>())
                        .put(Integer.parseInt(m.group(3)), PREFIX + m.group());
                continue;
            }
            Matcher mm = MIDDLE.matcher(k);
            if (mm.find()) mid.put(Integer.parseInt(mm.group(1)), PREFIX + mm.group());
        }
        TensorInfo convIn = require(tensors, PREFIX + "input_blocks.0.0.weight");
        TensorInfo outConv = require(tensors, PREFIX + "out.2.weight");
        int modelChannels = (int) convIn.dim(0);
        int timeEmbedDim = (int) require(tensors, PREFIX + "time_embed.0.weight").dim(0);
        if (!isConsecutive(in.keySet()) || !isConsecutive(out.keySet()) || !isConsecutive(mid.keySet())) {
            throw new IllegalArgumentException("UNet block numbering has gaps: input " + in.keySet() + ", output " + out.keySet());
        }
        if (in.size() != out.size()) {
            throw new IllegalArgumentException("UNet has " + in.size() + " input blocks but " + out.size()
                    + " output blocks; each output block takes one skip connection");
        }
        List<List<Module>> input = new ArrayList<>(), output = new ArrayList<>();
        for (var e : in.values()) input.add(modules(tensors, e.values()));
        for (var e : out.values()) output.add(modules(tensors, e.values()));
        List<Module> middle = modules(tensors, mid.values());

        // Summary: levels end at each downsampling block.
        List<Integer> mult = new ArrayList<>();
        List<Boolean> attention = new ArrayList<>();
        int resPerLevel = -1, resInLevel = 0, depth = 0, levelChannels = modelChannels;
        boolean levelAttention = false, linear = false;
        int context = 0;
        for (int b = 1; b < input.size(); b++) {
            List<Module> block = input.get(b);
            if (block.get(0).kind() == Kind.DOWN) {
                mult.add(levelChannels / modelChannels);
                attention.add(levelAttention);
                if (resPerLevel < 0) resPerLevel = resInLevel;
                resInLevel = 0;
                levelAttention = false;
                continue;
            }
            for (Module m : block) {
                if (m.kind() == Kind.RES) {
                    resInLevel++;
                    levelChannels = m.channels();
                } else if (m.kind() == Kind.TRANSFORMER) {
                    levelAttention = true;
                    depth = Math.max(depth, m.depth());
                    linear = require(tensors, m.prefix() + "proj_in.weight").rank() == 2;
                    context = (int) require(tensors, m.prefix() + "transformer_blocks.0.attn2.to_k.weight").dim(1);
                }
            }
        }
        mult.add(levelChannels / modelChannels);
        attention.add(levelAttention);
        if (resPerLevel < 0) resPerLevel = resInLevel;
        for (Module m : middle) {
            if (m.kind() == Kind.TRANSFORMER && context == 0) {
                context = (int) require(tensors, m.prefix() + "transformer_blocks.0.attn2.to_k.weight").dim(1);
            }
        }
        return new UNetLayout((int) convIn.dim(1), (int) outConv.dim(0), modelChannels, timeEmbedDim, context,
                List.copyOf(mult), resPerLevel, List.copyOf(attention), depth, linear,
                List.copyOf(input), middle, List.copyOf(output));
    }

    public int levels() { return channelMult.size(); }

    private static List<Module> modules(Map<String, TensorInfo> t, Iterable<String> prefixes) {
        List<Module> out = new ArrayList<>();
        for (String p : prefixes) out.add(module(t, p));
        return List.copyOf(out);
    }

    private static Module module(Map<String, TensorInfo> t, String p) {
        if (p.equals(PREFIX + "input_blocks.0.0.")) return new Module(Kind.CONV_IN, p, (int) t.get(p + "weight").dim(0), 0);
        if (t.containsKey(p + "in_layers.0.weight")) {
            return new Module(Kind.RES, p, (int) require(t, p + "out_layers.3.weight").dim(0), 0);
        }
        if (t.containsKey(p + "proj_in.weight")) {
            int depth = 0;
            while (t.containsKey(p + "transformer_blocks." + depth + ".norm1.weight")) depth++;
            if (depth == 0) throw new IllegalArgumentException(p + "proj_in has no transformer_blocks");
            return new Module(Kind.TRANSFORMER, p, (int) t.get(p + "norm.weight").dim(0), depth);
        }
        if (t.containsKey(p + "op.weight")) return new Module(Kind.DOWN, p, (int) t.get(p + "op.weight").dim(0), 0);
        if (t.containsKey(p + "conv.weight")) return new Module(Kind.UP, p, (int) t.get(p + "conv.weight").dim(0), 0);
        throw new IllegalArgumentException("unrecognised UNet module " + p + "* (expected a res block, a spatial"
                + " transformer, or a down/upsampling convolution)");
    }

    private static TensorInfo require(Map<String, TensorInfo> t, String key) {
        TensorInfo i = t.get(key);
        if (i == null) throw new IllegalArgumentException("UNet tensor missing: " + key);
        return i;
    }

    private static boolean isConsecutive(Iterable<Integer> keys) {
        int expect = 0;
        for (int k : keys) if (k != expect++) return false;
        return true;
    }
}

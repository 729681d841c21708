package dev.easel.infotext;

import dev.easel.generate.GenerationRequest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads infotexts back, following A1111's {@code parse_generation_parameters}, and turns them into requests. */
public final class InfotextParser {

    /** A1111's {@code re_param}: {@code key: value} with JSON-quoted or comma-free values; Python's \w is Unicode. */
    private static final Pattern PARAM = Pattern.compile(
            "\\s*(\\w[\\w \\-/]+):\\s*(\"(?:\\\\.|[^\\\\\"])+\"|[^,]*)(?:,|$)", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern IMAGE_SIZE = Pattern.compile("^(\\d+)x(\\d+)$");

    /**
     * A parsed infotext.
     *
     * @param prompt         the lines before "Negative prompt:"
     * @param negativePrompt the negative prompt ("" when absent)
     * @param params         every key as written (unquoted; {@code WxH} values split into {@code key-1}, {@code key-2}),
     *                       plus A1111's defaults for missing keys
     */
    public record Parsed(String prompt, String negativePrompt, Map<String, String> params) { }

    private InfotextParser() { }

    public static Parsed parse(String text) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.strip().split("\n", -1)));
        String last = lines.remove(lines.size() - 1);
        List<String[]> pairs = findPairs(last);
        if (pairs.size() < 3) {
            lines.add(last);
            pairs = List.of();
        }
        StringBuilder prompt = new StringBuilder();
        StringBuilder negative = new StringBuilder();
        boolean doneWithPrompt = false;
        for (String raw : lines) {
            String line = raw.strip();
            if (line.startsWith("Negative prompt:")) {
                doneWithPrompt = true;
                line = line.substring(16).strip();
            }
            StringBuilder target = doneWithPrompt ? negative : prompt;
            if (target.length() > 0) target.append('\n');
            target.append(line);
        }
        Map<String, String> res = new LinkedHashMap<>();
        for (String[] kv : pairs) {
            String v = kv[1];
            if (!v.isEmpty() && v.charAt(0) == '"' && v.charAt(v.length() - 1) == '"') v = PyFormat.unquote(v);
            Matcher m = IMAGE_SIZE.matcher(v);
            if (m.matches()) {
                res.put(kv[0] + "-1", m.group(1));
                res.put(kv[0] + "-2", m.group(2));
            } else {
                res.put(kv[0], v);
            }
        }
        // defaults A1111 fills in for keys older or simpler infotexts leave out
        res.putIfAbsent("Clip skip", "1");
        res.putIfAbsent("Mask mode", "Inpaint masked");
        res.putIfAbsent("Masked content", "original");
        res.putIfAbsent("Inpaint area", "Whole picture");
        res.putIfAbsent("Masked area padding", "32");
        res.putIfAbsent("RNG", "GPU");
        res.putIfAbsent("Schedule type", SamplerNames.AUTOMATIC);
        res.putIfAbsent("Emphasis", "Original");
        return new Parsed(prompt.toString(), negative.toString(), res);
    }

    private static List<String[]> findPairs(String line) {
        List<String[]> out = new ArrayList<>();
        Matcher m = PARAM.matcher(line);
        while (m.find()) {
            out.add(new String[] {m.group(1), m.group(2)});
            if (m.end() == m.start()) break;
        }
        return out;
    }

    /**
     * A request carrying everything the infotext records. Values that do not parse are left at their
     * defaults. The sampler goes through A1111's {@code get_sampler_and_scheduler}, so
     * {@code "DPM++ 2M Karras"} gives sampler "DPM++ 2M" and schedule "Automatic" (Karras being its default).
     */
    public static GenerationRequest toRequest(String text) {
        Parsed p = parse(text);
        Map<String, String> v = p.params();
        GenerationRequest r = new GenerationRequest();
        r.prompt = p.prompt();
        r.negativePrompt = p.negativePrompt();
        r.steps = integer(v.get("Steps"), r.steps);
        String[] ss = SamplerNames.samplerAndScheduler(v.get("Sampler"), v.get("Schedule type"));
        r.sampler = ss[0];
        r.scheduler = ss[1];
        r.cfgScale = real(v.get("CFG scale"), r.cfgScale);
        r.seed = longValue(v.get("Seed"), r.seed);
        r.width = integer(v.get("Size-1"), r.width);
        r.height = integer(v.get("Size-2"), r.height);
        if (v.containsKey("Variation seed strength")) {
            r.subseed = longValue(v.get("Variation seed"), r.subseed);
            r.subseedStrength = real(v.get("Variation seed strength"), r.subseedStrength);
        }
        r.seedResizeFromW = integer(v.get("Seed resize from-1"), r.seedResizeFromW);
        r.seedResizeFromH = integer(v.get("Seed resize from-2"), r.seedResizeFromH);
        if (v.containsKey("Face restoration")) {
            r.restoreFaces = true;
            r.faceRestorationModel = v.get("Face restoration");
        }
        r.clipSkip = integer(v.get("Clip skip"), r.clipSkip);
        r.etaNoiseSeedDelta = longValue(v.get("ENSD"), r.etaNoiseSeedDelta);
        r.randnSource = v.get("RNG");
        r.tiling = "True".equals(v.get("Tiling"));
        r.emphasis = v.get("Emphasis");
        if (v.containsKey("Eta")) r.eta = real(v.get("Eta"), 1.0);
        if (v.containsKey("Eta DDIM")) r.eta = real(v.get("Eta DDIM"), 0.0);
        r.sChurn = real(v.get("Sigma churn"), r.sChurn);
        r.sTmin = real(v.get("Sigma tmin"), r.sTmin);
        r.sTmax = real(v.get("Sigma tmax"), r.sTmax);
        r.sNoise = real(v.get("Sigma noise"), r.sNoise);
        if (v.containsKey("Noise multiplier")) r.initialNoiseMultiplier = real(v.get("Noise multiplier"), 1.0);

        boolean hires = v.containsKey("Hires upscale") || v.containsKey("Hires resize-1") || v.containsKey("Hires upscaler");
        if (hires) {
            r.enableHr = true;
            r.hrScale = real(v.get("Hires upscale"), r.hrScale);
            r.hrResizeX = integer(v.get("Hires resize-1"), 0);
            r.hrResizeY = integer(v.get("Hires resize-2"), 0);
            r.hrSecondPassSteps = integer(v.get("Hires steps"), 0);
            r.hrUpscaler = v.getOrDefault("Hires upscaler", r.hrUpscaler);
            r.hrDenoisingStrength = real(v.get("Denoising strength"), r.hrDenoisingStrength);
        } else {
            r.denoisingStrength = real(v.get("Denoising strength"), r.denoisingStrength);
        }
        if (v.containsKey("Mask blur")) {
            r.maskBlurX = integer(v.get("Mask blur"), r.maskBlurX);
            r.maskBlurY = r.maskBlurX;
        }
        r.inpaintFullRes = "Only masked".equals(v.get("Inpaint area"));
        r.inpaintFullResPadding = integer(v.get("Masked area padding"), r.inpaintFullResPadding);
        r.inpaintingMaskInvert = "Inpaint not masked".equals(v.get("Mask mode"));
        r.inpaintingFill = Arrays.asList(Extras.MASKED_CONTENT).indexOf(v.get("Masked content"));
        if (r.inpaintingFill < 0) r.inpaintingFill = 1;
        if (v.containsKey("Denoising strength change factor")) {
            r.loopbackStrengthChange = real(v.get("Denoising strength change factor"), r.loopbackStrengthChange);
        }
        return r;
    }

    private static int integer(String s, int fallback) {
        if (s == null) return fallback;
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            double d = real(s, Double.NaN);
            return Double.isNaN(d) ? fallback : (int) d;
        }
    }

    private static long longValue(String s, long fallback) {
        if (s == null) return fallback;
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static double real(String s, double fallback) {
        if (s == null) return fallback;
        String t = s.strip();
        try {
            return switch (t) {
                case "inf" -> Double.POSITIVE_INFINITY;
                case "-inf" -> Double.NEGATIVE_INFINITY;
                default -> Double.parseDouble(t);
            };
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}

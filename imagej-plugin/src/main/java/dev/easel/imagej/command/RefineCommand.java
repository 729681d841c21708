package dev.easel.imagej.command;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import dev.easel.imagej.bridge.BridgeException;
import dev.easel.imagej.bridge.JobResult;
import dev.easel.imagej.image.Png;
import dev.easel.imagej.image.Results;
import dev.easel.imagej.image.RgbMapping;
import ij.ImagePlus;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;

/**
 * Iterative low-strength img2img (A1111's loopback): each round starts from the previous round's image, the
 * strength multiplied by {@code strength_change} per round. Every result becomes a slice of a new stack,
 * labelled with its round, variant, strength and seed, in the image's own type and size.
 */
@Plugin(type = Command.class, menuPath = "Plugins>Easel>Refine...",
        description = "Touch up the image over several low-strength img2img rounds (loopback on the Easel bridge)")
public class RefineCommand extends GenerationCommand {

    /** A1111's loopback keeps the strength within [0.1, 1] after each change. */
    static final double LOOPBACK_MIN_STRENGTH = 0.1;
    static final int MAX_ROUNDS = 32;
    static final int MAX_VARIANTS = 8;
    private static final Pattern STRENGTH = Pattern.compile("Denoising strength: ([0-9.]+)");

    @Parameter
    private ImagePlus imp;

    @Parameter(label = "Denoising strength", min = "0", max = "1", stepSize = "0.05")
    private double strength = 0.35;

    @Parameter(label = "Strength change per round (factor)", min = "0.5", max = "1.5", stepSize = "0.05")
    private double strength_change = 1.0;

    @Parameter(label = "Rounds", min = "1", max = "32")
    private int rounds = 4;

    @Parameter(label = "Variants per round", min = "1", max = "8")
    private int variants = 1;

    @Parameter(type = ItemIO.OUTPUT)
    private ImagePlus result;

    @Override
    protected void execute() throws BridgeException {
        ImageProcessor plane = Planes.current(imp);
        require(strength >= 0 && strength <= 1, "strength must be between 0 and 1, not " + strength + ".");
        require(strength_change > 0, "strength_change must be above 0, not " + strength_change + ".");
        require(rounds >= 1 && rounds <= MAX_ROUNDS, "rounds must be between 1 and " + MAX_ROUNDS + ".");
        require(variants >= 1 && variants <= MAX_VARIANTS, "variants must be between 1 and " + MAX_VARIANTS + ".");
        RgbMapping mapping = new RgbMapping(plane);
        ColorProcessor sent = mapping.toRgb(plane);

        Map<String, Object> body = request("loopback");
        body.put("init_images", Collections.singletonList(Png.base64(sent)));
        body.put("denoising_strength", strength);
        body.put("loopback_rounds", rounds);
        body.put("loopback_strength_change", strength_change);
        body.put("batch_size", variants);
        body.put("width", Sizes.multipleOf8(plane.getWidth()));
        body.put("height", Sizes.multipleOf8(plane.getHeight()));

        JobResult job = runJob("refine", body);
        List<ImageProcessor> planes = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<String> infos = new ArrayList<>();
        for (int i = 0; i < job.size(); i++) {
            ColorProcessor rgb = decode(job, i);
            if (rgb.getWidth() != plane.getWidth() || rgb.getHeight() != plane.getHeight()) {
                rgb.setInterpolationMethod(ImageProcessor.BILINEAR);
                rgb = (ColorProcessor) rgb.resize(plane.getWidth(), plane.getHeight());
            }
            planes.add(mapping.fromRgb(rgb));
            labels.add(label(i, job));
            infos.add(job.infotext(i));
        }
        result = Results.image(Planes.title(imp, "refine"), planes, labels, infos, imp, 1.0);
    }

    /** "round 2/4, variant 1/2, strength 0.35, seed 123" (strength and seed as the bridge reports them). */
    private String label(int i, JobResult job) {
        int round = i / variants + 1;
        int variant = i % variants + 1;
        double s = strengthOfRound(round);
        Matcher m = STRENGTH.matcher(job.infotext(i));
        if (m.find()) {
            s = Double.parseDouble(m.group(1));
        }
        Long seedUsed = job.seed(i);
        return String.format(Locale.ROOT, "round %d/%d, variant %d/%d, strength %.3f, seed %s",
                round, rounds, variant, variants, s, seedUsed == null ? "?" : seedUsed.toString());
    }

    /** The strength A1111's loopback uses in {@code round} (1-based). */
    double strengthOfRound(int round) {
        double s = strength;
        for (int r = 1; r < round; r++) {
            s = Math.min(Math.max(s * strength_change, LOOPBACK_MIN_STRENGTH), 1.0);
        }
        return s;
    }
}

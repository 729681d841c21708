package dev.easel.imagej.command;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import com.fasterxml.jackson.databind.JsonNode;

import dev.easel.imagej.bridge.BridgeException;
import dev.easel.imagej.bridge.JobResult;
import dev.easel.imagej.image.Png;
import dev.easel.imagej.image.Results;
import dev.easel.imagej.image.RgbMapping;
import ij.ImagePlus;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;

/** Enlarges the current plane {@code factor} times with an upscaler model on the bridge (A1111's extras). */
@Plugin(type = Command.class, menuPath = "Plugins>Easel>Upscale...",
        description = "Enlarge the image with an ESRGAN-family model on the Easel bridge")
public class UpscaleCommand extends EaselCommand {

    /** A1111's extras accept any factor above 0; beyond 8 the images get impractically large. */
    static final double MAX_FACTOR = 8;
    /** A1111's built-in resamplers, chosen only when the bridge has no model. */
    private static final Set<String> NOT_MODELS = new HashSet<>(Arrays.asList("none", "lanczos", "nearest"));
    static final String UPSCALERS = "/sdapi/v1/upscalers";

    @Parameter
    private ImagePlus imp;

    @Parameter(label = "Model (empty = the bridge's first)", required = false)
    private String model = "";

    @Parameter(label = "Factor", min = "1", max = "8", stepSize = "0.5")
    private double factor = 4;

    @Parameter(label = "In place (Edit > Undo restores)")
    private boolean in_place = false;

    @Parameter(type = ItemIO.OUTPUT, required = false)
    private ImagePlus result;

    @Override
    protected void execute() throws BridgeException {
        ImageProcessor plane = Planes.current(imp);
        require(factor > 0 && factor <= MAX_FACTOR, "factor must be above 0 and at most " + MAX_FACTOR + ".");
        String name = model == null || model.trim().isEmpty() ? firstUpscaler() : model.trim();
        RgbMapping mapping = new RgbMapping(plane);

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("mode", "extras");
        body.put("image", Png.base64(mapping.toRgb(plane)));
        body.put("upscaling_resize", factor);
        body.put("upscaler_1", name);

        JobResult job = runJob("upscale " + factor + "x", body);
        ColorProcessor back = decode(job, 0);
        int w = (int) Math.round(plane.getWidth() * factor);
        int h = (int) Math.round(plane.getHeight() * factor);
        if (back.getWidth() != w || back.getHeight() != h) {
            // A1111's upscaler rounds the target down to multiples of 8, which squeezes the picture a little;
            // give back exactly factor x the size, so shapes and the calibration stay true.
            back.setInterpolationMethod(ImageProcessor.BICUBIC);
            back = (ColorProcessor) back.resize(w, h);
        }
        ImageProcessor out = mapping.fromRgb(back);
        double scale = factor;
        String info = job.infotext(0);
        if (in_place) {
            Planes.replaceResized(imp, out, Results.scaled(imp.getCalibration(), scale));
            return;
        }
        result = Results.image(Planes.title(imp, "upscaled " + factor + "x"), Collections.singletonList(out),
                Collections.singletonList("upscale " + factor + "x with " + name), Collections.singletonList(info),
                imp, scale);
    }

    /** The bridge's first upscaler model, by A1111's {@code /sdapi/v1/upscalers} list. */
    private String firstUpscaler() throws BridgeException {
        JsonNode list = client().get(UPSCALERS);
        String fallback = null;
        for (JsonNode u : list) {
            String n = u.path("name").asText("");
            if (!NOT_MODELS.contains(n.toLowerCase(java.util.Locale.ROOT)) && !n.isEmpty()) {
                return n;
            }
            if ("lanczos".equalsIgnoreCase(n)) {
                fallback = n;
            }
        }
        if (fallback != null) {
            return fallback;
        }
        throw new BridgeException("The bridge has no upscaler model. Install one (see the Easel models guide) "
                + "or name one in 'model'.");
    }
}

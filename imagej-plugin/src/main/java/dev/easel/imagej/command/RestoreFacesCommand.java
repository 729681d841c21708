package dev.easel.imagej.command;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

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

/** Restores the faces in the current plane with GFPGAN or CodeFormer on the bridge (A1111's extras). */
@Plugin(type = Command.class, menuPath = "Plugins>Easel>Restore Faces...",
        description = "Restore faces with GFPGAN or CodeFormer on the Easel bridge")
public class RestoreFacesCommand extends EaselCommand {

    static final String CODEFORMER = "CodeFormer";
    static final String GFPGAN = "GFPGAN";
    /** A1111's default CodeFormer weight (fidelity). */
    static final double DEFAULT_CODEFORMER_WEIGHT = 0.5;

    @Parameter
    private ImagePlus imp;

    @Parameter(label = "Model", choices = {"CodeFormer", "GFPGAN"})
    private String model = CODEFORMER;

    @Parameter(label = "Strength (visibility)", min = "0", max = "1", stepSize = "0.05")
    private double strength = 1.0;

    @Parameter(label = "CodeFormer fidelity (0 = strongest)", min = "0", max = "1", stepSize = "0.05")
    private double fidelity = DEFAULT_CODEFORMER_WEIGHT;

    @Parameter(label = "In place (Edit > Undo restores)")
    private boolean in_place = false;

    @Parameter(type = ItemIO.OUTPUT, required = false)
    private ImagePlus result;

    @Override
    protected void execute() throws BridgeException {
        ImageProcessor plane = Planes.current(imp);
        boolean codeFormer = CODEFORMER.equalsIgnoreCase(model);
        require(codeFormer || GFPGAN.equalsIgnoreCase(model), "model must be CodeFormer or GFPGAN, not '" + model + "'.");
        require(strength >= 0 && strength <= 1, "strength must be between 0 and 1, not " + strength + ".");
        require(fidelity >= 0 && fidelity <= 1, "fidelity must be between 0 and 1, not " + fidelity + ".");
        RgbMapping mapping = new RgbMapping(plane);
        ColorProcessor sent = mapping.toRgb(plane);

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("mode", "extras");
        body.put("image", Png.base64(sent));
        body.put("upscaling_resize", 1);
        body.put("upscaler_1", "None");
        body.put(codeFormer ? "codeformer_visibility" : "gfpgan_visibility", strength);
        if (codeFormer) {
            body.put("codeformer_weight", fidelity);
        }

        JobResult job = runJob("restore faces", body);
        ColorProcessor back = decode(job, 0);
        require(back.getWidth() == plane.getWidth() && back.getHeight() == plane.getHeight(),
                "The bridge returned a " + back.getWidth() + "x" + back.getHeight() + " image for a "
                        + plane.getWidth() + "x" + plane.getHeight() + " one: is it an Easel bridge of this version?");
        ImageProcessor out = mapping.applyChange(plane, sent, back, null);
        if (in_place) {
            Planes.replaceSameSize(imp, out);
            return;
        }
        result = Results.image(Planes.title(imp, "faces"), Collections.singletonList(out),
                Collections.singletonList("restore faces: " + model + " " + strength),
                Collections.singletonList(job.infotext(0)), imp, 1.0);
    }
}

package dev.easel.imagej.command;

import java.util.Collections;
import java.util.Map;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import dev.easel.imagej.bridge.BridgeException;
import dev.easel.imagej.bridge.JobResult;
import dev.easel.imagej.image.Masks;
import dev.easel.imagej.image.Png;
import dev.easel.imagej.image.Results;
import dev.easel.imagej.image.RgbMapping;
import ij.ImagePlus;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;

/** Extends the canvas by {@code pixels} on the chosen sides and paints the new area to match. */
@Plugin(type = Command.class, menuPath = "Plugins>Easel>Outpaint...",
        description = "Extend the canvas and paint the new area (outpainting on the Easel bridge)")
public class OutpaintCommand extends GenerationCommand {

    static final int MAX_PIXELS = 1024;

    @Parameter
    private ImagePlus imp;

    @Parameter(label = "Pixels to add", min = "8", max = "1024", stepSize = "8")
    private int pixels = 128;

    @Parameter(label = "Left")
    private boolean left = false;

    @Parameter(label = "Right")
    private boolean right = true;

    @Parameter(label = "Up")
    private boolean up = false;

    @Parameter(label = "Down")
    private boolean down = false;

    @Parameter(label = "Denoising strength", min = "0", max = "1", stepSize = "0.05")
    private double strength = 0.8;

    @Parameter(label = "Mask blur (px)", min = "0", max = "64")
    private int mask_blur = Masks.DEFAULT_MASK_BLUR;

    @Parameter(label = "In place (Edit > Undo restores)")
    private boolean in_place = false;

    @Parameter(type = ItemIO.OUTPUT, required = false)
    private ImagePlus result;

    @Override
    protected void execute() throws BridgeException {
        ImageProcessor plane = Planes.current(imp);
        require(left || right || up || down, "Choose at least one side to extend (left, right, up or down).");
        require(pixels > 0 && pixels <= MAX_PIXELS, "pixels must be between 1 and " + MAX_PIXELS + ".");
        require(strength >= 0 && strength <= 1, "strength must be between 0 and 1, not " + strength + ".");
        int l = left ? pixels : 0;
        int r = right ? pixels : 0;
        int u = up ? pixels : 0;
        int d = down ? pixels : 0;
        int w = plane.getWidth() + l + r;
        int h = plane.getHeight() + u + d;
        RgbMapping mapping = new RgbMapping(plane);
        ColorProcessor sent = mapping.toRgb(plane);

        Map<String, Object> body = request("outpaint");
        body.put("init_images", Collections.singletonList(Png.base64(sent)));
        body.put("outpaint_left", l);
        body.put("outpaint_right", r);
        body.put("outpaint_up", u);
        body.put("outpaint_down", d);
        body.put("denoising_strength", strength);
        body.put("mask_blur", mask_blur);

        JobResult job = runJob("outpaint", body);
        ColorProcessor back = decode(job, 0);
        require(back.getWidth() >= w && back.getHeight() >= h && back.getWidth() - w < 8 && back.getHeight() - h < 8,
                "The bridge returned a " + back.getWidth() + "x" + back.getHeight() + " image where " + w + "x" + h
                        + " was expected: is it an Easel bridge of this version?");
        if (back.getWidth() != w || back.getHeight() != h) {
            // The bridge grew the right and bottom sides to multiples of 8 for the model; keep what was asked.
            back.setRoi(0, 0, w, h);
            back = (ColorProcessor) back.crop();
        }
        // The new area in the image's type; the old area keeps its detail finer than 8 bits where unchanged.
        ImageProcessor out = mapping.fromRgb(back);
        back.setRoi(l, u, plane.getWidth(), plane.getHeight());
        ColorProcessor inner = (ColorProcessor) back.crop();
        out.insert(mapping.applyChange(plane, sent, inner, null), l, u);
        String info = job.infotext(0);
        // The canvas grew left and up: calibrated coordinates of the old pixels stay where they were.
        ij.measure.Calibration cal = imp.getCalibration().copy();
        cal.xOrigin += l;
        cal.yOrigin += u;
        if (in_place) {
            Planes.replaceResized(imp, out, cal);
            if (!info.isEmpty()) {
                imp.setProperty("Info", info);
            }
            return;
        }
        result = Results.image(Planes.title(imp, "outpaint"), Collections.singletonList(out),
                Collections.singletonList("outpaint: " + promptTitle(60)), Collections.singletonList(info), null, 1.0);
        result.setCalibration(cal);
    }
}

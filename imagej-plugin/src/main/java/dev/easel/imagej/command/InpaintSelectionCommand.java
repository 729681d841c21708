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
import ij.gui.Roi;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;

/**
 * Repaints the selected area of the current plane from a prompt. The selection becomes a white-on-black
 * mask of the image's size; the bridge generates the masked region at {@code resolution} ("only masked",
 * with {@code padding} pixels of context) and every pixel outside the blurred mask stays as it was.
 */
@Plugin(type = Command.class, menuPath = "Plugins>Easel>Inpaint Selection...",
        description = "Repaint the selection from a prompt (Stable Diffusion inpainting on the Easel bridge)")
public class InpaintSelectionCommand extends GenerationCommand {

    /** A1111's {@code inpainting_fill} values, in order 0..3. */
    static final String[] MASKED_CONTENT = {"fill", "original", "latent noise", "latent nothing"};
    /** A1111's UI default for "Only masked padding, pixels". */
    static final int DEFAULT_PADDING = 32;

    @Parameter
    private ImagePlus imp;

    @Parameter(label = "Denoising strength", min = "0", max = "1", stepSize = "0.05")
    private double strength = 0.75;

    @Parameter(label = "Mask blur (px)", min = "0", max = "64")
    private int mask_blur = Masks.DEFAULT_MASK_BLUR;

    @Parameter(label = "Masked content", choices = {"fill", "original", "latent noise", "latent nothing"})
    private String masked_content = "original";

    @Parameter(label = "Only masked padding (px)", min = "0", max = "256")
    private int padding = DEFAULT_PADDING;

    @Parameter(label = "Resolution of the repainted area (px)", min = "64", max = "2048", stepSize = "8")
    private int resolution = 512;

    @Parameter(label = "In place (Edit > Undo restores)")
    private boolean in_place = false;

    @Parameter(type = ItemIO.OUTPUT, required = false)
    private ImagePlus result;

    @Override
    protected void execute() throws BridgeException {
        ImageProcessor plane = Planes.current(imp);
        Roi roi = imp.getRoi();
        require(roi != null && roi.isArea(), "Inpaint Selection needs an area selection (rectangle, oval, polygon "
                + "or freehand) on the image: draw one around what to repaint and run it again.");
        require(strength >= 0 && strength <= 1, "strength must be between 0 and 1, not " + strength + ".");
        require(mask_blur >= 0, "mask_blur cannot be negative.");
        require(padding >= 0, "padding cannot be negative.");
        require(resolution >= 64 && resolution % 8 == 0,
                "resolution must be a multiple of 8 of at least 64, not " + resolution + ".");
        int fill = indexOf(MASKED_CONTENT, masked_content);
        require(fill >= 0, "masked_content must be one of fill, original, latent noise, latent nothing; not '"
                + masked_content + "'.");

        ByteProcessor mask = Masks.fromRoi(roi, plane.getWidth(), plane.getHeight());
        require(Masks.count(mask) > 0, "The selection lies outside the image: select part of the image.");
        RgbMapping mapping = new RgbMapping(plane);
        ColorProcessor sent = mapping.toRgb(plane);

        Map<String, Object> body = request("inpaint");
        body.put("init_images", Collections.singletonList(Png.base64(sent)));
        body.put("mask", Png.base64(mask));
        body.put("denoising_strength", strength);
        body.put("mask_blur", mask_blur);
        body.put("inpainting_fill", fill);
        body.put("inpaint_full_res", true);
        body.put("inpaint_full_res_padding", padding);
        body.put("width", resolution);
        body.put("height", resolution);

        JobResult job = runJob("inpaint", body);
        ColorProcessor back = decode(job, 0);
        require(back.getWidth() == plane.getWidth() && back.getHeight() == plane.getHeight(),
                "The bridge returned a " + back.getWidth() + "x" + back.getHeight() + " image for a "
                        + plane.getWidth() + "x" + plane.getHeight() + " one: is it an Easel bridge of this version?");
        float[] weight = Masks.blurred(mask, mask_blur);
        ImageProcessor out = mapping.applyChange(plane, sent, back, weight);
        String info = job.infotext(0);
        if (in_place) {
            Planes.replaceSameSize(imp, out);
            if (!info.isEmpty()) {
                imp.setProperty("Info", info);
            }
            return;
        }
        result = Results.image(Planes.title(imp, "inpaint"), Collections.singletonList(out),
                Collections.singletonList("inpaint: " + promptTitle(60)), Collections.singletonList(info), imp, 1.0);
    }

    static int indexOf(String[] values, String value) {
        for (int i = 0; i < values.length; i++) {
            if (values[i].equalsIgnoreCase(value == null ? "" : value.trim())) {
                return i;
            }
        }
        return -1;
    }
}

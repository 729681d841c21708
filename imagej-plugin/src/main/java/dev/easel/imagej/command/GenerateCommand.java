package dev.easel.imagej.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import dev.easel.imagej.bridge.BridgeException;
import dev.easel.imagej.bridge.JobResult;
import dev.easel.imagej.image.Results;
import ij.ImagePlus;
import ij.process.ImageProcessor;

/** Text to image: a new RGB image (a stack when more than one) from a prompt. */
@Plugin(type = Command.class, menuPath = "Plugins>Easel>Generate...",
        description = "Generate a new image from a prompt (Stable Diffusion txt2img on the Easel bridge)")
public class GenerateCommand extends GenerationCommand {

    /** A1111's size limits; sizes are multiples of 8 (the VAE's factor). */
    static final int MIN_SIZE = 64;
    static final int MAX_SIZE = 2048;
    static final int MAX_IMAGES = 16;

    @Parameter(label = "Width (px)", min = "64", max = "2048", stepSize = "8")
    private int width = 512;

    @Parameter(label = "Height (px)", min = "64", max = "2048", stepSize = "8")
    private int height = 512;

    @Parameter(label = "Images", min = "1", max = "16")
    private int images = 1;

    @Parameter(type = ItemIO.OUTPUT)
    private ImagePlus result;

    @Override
    protected void execute() throws BridgeException {
        require(width >= MIN_SIZE && width <= MAX_SIZE && width % 8 == 0,
                "width must be a multiple of 8 between " + MIN_SIZE + " and " + MAX_SIZE + ", not " + width + ".");
        require(height >= MIN_SIZE && height <= MAX_SIZE && height % 8 == 0,
                "height must be a multiple of 8 between " + MIN_SIZE + " and " + MAX_SIZE + ", not " + height + ".");
        require(images >= 1 && images <= MAX_IMAGES, "images must be between 1 and " + MAX_IMAGES + ".");
        Map<String, Object> body = request("txt2img");
        body.put("width", width);
        body.put("height", height);
        body.put("batch_size", images);

        JobResult job = runJob("generate", body);
        List<ImageProcessor> planes = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<String> infos = new ArrayList<>();
        for (int i = 0; i < job.size(); i++) {
            planes.add(decode(job, i));
            Long s = job.seed(i);
            labels.add("seed " + (s == null ? "?" : s) + ": " + promptTitle(50));
            infos.add(job.infotext(i));
        }
        result = Results.image("Easel - " + promptTitle(40), planes, labels, infos, null, 1.0);
    }
}

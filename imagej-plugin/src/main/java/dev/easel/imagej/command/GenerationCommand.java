package dev.easel.imagej.command;

import java.util.LinkedHashMap;
import java.util.Map;

import org.scijava.plugin.Parameter;

import dev.easel.imagej.bridge.BridgeException;

/** The prompt and sampling parameters every diffusion command takes, named as the macro keys. */
public abstract class GenerationCommand extends EaselCommand {

    /** A1111's limits for steps and CFG scale. */
    static final int MAX_STEPS = 150;
    static final double MAX_CFG = 30.0;

    @Parameter(label = "Prompt")
    protected String prompt = "";

    @Parameter(label = "Negative prompt", required = false)
    protected String negative_prompt = "";

    @Parameter(label = "Steps", min = "1", max = "150")
    protected int steps = 20;

    @Parameter(label = "CFG scale", min = "1", max = "30", stepSize = "0.5")
    protected double cfg_scale = 7.0;

    /** The samplers A1111 offers, by A1111's names. */
    @Parameter(label = "Sampler", choices = {"Euler a", "Euler", "LMS", "Heun", "DPM2", "DPM2 a", "DPM++ 2S a",
        "DPM++ 2M", "DPM++ SDE", "DPM++ 2M SDE", "DPM fast", "DPM adaptive", "DDIM"})
    protected String sampler = "Euler a";

    @Parameter(label = "Seed (-1 = random)")
    protected long seed = -1;

    /** The fields of a generation request, A1111's names, for {@code mode}. */
    protected Map<String, Object> request(String mode) throws BridgeException {
        require(steps >= 1 && steps <= MAX_STEPS, "steps must be between 1 and " + MAX_STEPS + ", not " + steps + ".");
        require(cfg_scale >= 1 && cfg_scale <= MAX_CFG,
                "cfg_scale must be between 1 and " + MAX_CFG + ", not " + cfg_scale + ".");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("mode", mode);
        body.put("prompt", prompt == null ? "" : prompt);
        body.put("negative_prompt", negative_prompt == null ? "" : negative_prompt);
        body.put("steps", steps);
        body.put("cfg_scale", cfg_scale);
        body.put("sampler_name", sampler);
        body.put("seed", seed);
        return body;
    }

    /** The first {@code n} characters of the prompt, for titles. */
    protected String promptTitle(int n) {
        String p = prompt == null ? "" : prompt.trim().replaceAll("\\s+", " ");
        return p.length() <= n ? p : p.substring(0, n) + "...";
    }
}

package dev.easel.generate;

import dev.easel.image.FloatImage;
import dev.easel.image.Resize;
import dev.easel.noise.ImageRng;
import dev.easel.onnx.Tensor;
import dev.easel.upscale.Monitor;
import dev.easel.upscale.Upscaler;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A1111's hires fix: the first pass's latent is upscaled (in latent space for the "Latent" upscalers,
 * else decoded, upscaled as an image and encoded again) and denoised again at the target size for
 * {@code hr_second_pass_steps} (or the first pass's steps) exactly, with fresh noise from the same seeds.
 */
final class HiresFix {
    private final GenerationJob job;
    private final GenerationRequest r;
    private final int targetW;
    private final int targetH;
    private final StepPlan plan;

    HiresFix(GenerationJob job) {
        this.job = job;
        this.r = job.r;
        int[] t = target(r);
        this.targetW = t[0];
        this.targetH = t[1];
        int steps = r.hrSecondPassSteps > 0 ? r.hrSecondPassSteps : r.steps;
        this.plan = StepPlan.partial(job.choice, job.gen.schedule(), steps, r.hrDenoisingStrength, true);
        String up = r.hrUpscaler == null ? "Latent" : r.hrUpscaler;
        if (!isLatent(up) && !up.equals("None") && !up.equals("Lanczos") && !up.equals("Nearest")
                && (job.gen.upscaler() == null || !job.gen.upscaler().name().equals(up))) {
            throw new RequestException("hr_upscaler", "unknown upscaler '" + up + "'; use Latent, Latent (nearest), Lanczos, Nearest, None"
                    + (job.gen.upscaler() != null ? " or " + job.gen.upscaler().name() : ""));
        }
    }

    StepPlan plan() { return plan; }

    /** A1111's {@code calculate_target_resolution}, rounded down to whole latent pixels. */
    static int[] target(GenerationRequest r) {
        int w;
        int h;
        if (r.hrResizeX == 0 && r.hrResizeY == 0) {
            w = (int) (r.width * r.hrScale);
            h = (int) (r.height * r.hrScale);
        } else if (r.hrResizeY == 0) {
            w = r.hrResizeX;
            h = r.hrResizeX * r.height / r.width;
        } else if (r.hrResizeX == 0) {
            w = r.hrResizeY * r.width / r.height;
            h = r.hrResizeY;
        } else {
            w = r.hrResizeX;
            h = r.hrResizeY;
        }
        return new int[] {Math.max(8, w / 8 * 8), Math.max(8, h / 8 * 8)};
    }

    private static boolean isLatent(String name) {
        return name.startsWith("Latent");
    }

    SamplerPass.Outcome run(Tensor latent, long[] seeds, long[] subseeds) {
        int b = (int) latent.dim(0);
        int lw = targetW / GenerationJob.LATENT_FACTOR;
        int lh = targetH / GenerationJob.LATENT_FACTOR;
        String up = r.hrUpscaler == null ? "Latent" : r.hrUpscaler;
        Tensor init;
        Tensor imageCond = null;
        if (isLatent(up)) {
            int w = (int) latent.dim(3);
            int h = (int) latent.dim(2);
            float[] data = up.contains("nearest")
                    ? nearest(latent, lw, lh)
                    : Resize.bilinearTorch(latent.data(), b * GenerationJob.LATENT_CHANNELS, w, h, lw, lh);
            init = new Tensor(new long[] {b, GenerationJob.LATENT_CHANNELS, lh, lw}, data);
            if (job.m.unetInChannels() == 9) imageCond = ImageConditioning.blank(job.m, targetW, targetH, seeds);
        } else {
            List<FloatImage> decoded = Vae.decode(job.m, latent);
            List<FloatImage> upscaled = new ArrayList<>();
            try {
                for (FloatImage img : decoded) upscaled.add(upscale(img, up));
            } catch (java.util.concurrent.CancellationException e) {
                job.tracker.dropFromTotal(plan.total());
                return new SamplerPass.Outcome(latent, 0, true, false); // interrupted while upscaling: keep the first pass
            }
            init = Vae.encode(job.m, upscaled, seeds);
            if (job.m.unetInChannels() == 9) imageCond = ImageConditioning.of(job.m, upscaled, null, seeds);
        }
        GenerationRequest q = r.copy();
        q.steps = plan.steps();
        ImageRng rng = new ImageRng(GenerationJob.LATENT_CHANNELS, lh, lw, seeds, subseeds, job.noiseSettings(r));
        return SamplerPass.run(job.m, job.gen.schedule(), job.spec(q, plan, init, null, imageCond, 1.0, seeds,
                Collections.nCopies(b, r.prompt)), rng, job.control, job.tracker, r.previewEvery);
    }

    /** A1111's {@code resize_image(0, img, w, h, upscaler)}: the upscaler when it enlarges, then Lanczos to the exact size. */
    private FloatImage upscale(FloatImage img, String name) {
        double scale = Math.max((double) targetW / img.width(), (double) targetH / img.height());
        FloatImage out = img;
        if (name.equals("Nearest")) {
            out = Resize.nearest(img, targetW, targetH);
        } else if (!name.equals("None") && !name.equals("Lanczos") && scale > 1.0) {
            Upscaler u = job.gen.upscaler();
            out = u.upscale(img, scale, Monitor.of(job.control, (done, total) -> { }));
        }
        if (out.width() != targetW || out.height() != targetH) out = Resize.lanczos(out, targetW, targetH);
        return out;
    }

    private static float[] nearest(Tensor latent, int lw, int lh) {
        int b = (int) latent.dim(0);
        int h = (int) latent.dim(2);
        int w = (int) latent.dim(3);
        FloatImage planes = new FloatImage(w, h, b * GenerationJob.LATENT_CHANNELS, latent.data());
        return Resize.nearestTorch(planes, lw, lh).data();
    }
}

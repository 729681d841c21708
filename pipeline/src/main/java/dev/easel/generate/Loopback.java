package dev.easel.generate;

import dev.easel.image.FloatImage;
import dev.easel.infotext.Extras;
import dev.easel.noise.Seeds;

import java.util.LinkedHashMap;
import java.util.List;

/**
 * A1111's loopback script: rounds of img2img where each round's output is the next round's input.
 * The denoising strength is multiplied by the change factor after every round (kept within
 * [0.1, 1]) and the seed advances by one; every round's images are returned.
 */
final class Loopback {
    /** A1111 loopback clamps the changing strength to this floor. */
    static final double MIN_STRENGTH = 0.1;

    private Loopback() { }

    static void run(GenerationJob job) {
        GenerationRequest r = job.r;
        long seed = Seeds.resolve(r.seed);
        for (int n = 0; n < r.batchCount && !job.control.isInterrupted(); n++) {
            GenerationRequest q = r.copy();
            q.batchCount = 1;
            q.initImages = List.of(r.initImages.get(0));
            double strength = r.denoisingStrength;
            for (int round = 0; round < r.loopbackRounds && !job.control.isInterrupted(); round++) {
                q.seed = seed;
                q.denoisingStrength = strength;
                LinkedHashMap<String, Object> extras = Extras.img2img(q, strength, false);
                extras.put("Denoising strength change factor", r.loopbackStrengthChange);
                List<FloatImage> out = job.img2img(q, null, extras, 0);
                if (out.isEmpty()) return;
                seed = seed + 1; // A1111: p.seed = processed.seed + 1
                strength = Math.min(Math.max(strength * r.loopbackStrengthChange, MIN_STRENGTH), 1.0);
                q.initImages = out.size() == 1 ? List.of(out.get(0)) : List.copyOf(out.subList(0, Math.min(out.size(), q.batchSize)));
            }
        }
    }
}

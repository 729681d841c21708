package dev.easel.noise;

/**
 * The options that shape per-image noise beyond the seeds themselves.
 *
 * @param source            A1111's {@code randn_source}
 * @param subseedStrength   variation strength, 0 for none
 * @param seedResizeFromH   {@code seed_resize_from_h} in pixels; 0 or less for none
 * @param seedResizeFromW   {@code seed_resize_from_w} in pixels; 0 or less for none
 * @param etaNoiseSeedDelta ENSD: when non-zero, draws after the first come from {@code seed + ENSD}
 */
public record NoiseSettings(NoiseSource source, double subseedStrength, int seedResizeFromH, int seedResizeFromW,
                            long etaNoiseSeedDelta) {

    /** A1111's defaults: GPU source (NV), no variation, no resize, ENSD 0. */
    public static final NoiseSettings DEFAULT = new NoiseSettings(NoiseSource.GPU, 0, 0, 0, 0);

    public NoiseSettings {
        if (source == null) throw new IllegalArgumentException("noise source is required");
        if (!Double.isFinite(subseedStrength)) {
            throw new IllegalArgumentException("subseed strength must be a finite number, got " + subseedStrength);
        }
    }

    public static NoiseSettings of(NoiseSource source) {
        return new NoiseSettings(source, 0, 0, 0, 0);
    }

    public NoiseSettings withVariation(double strength) {
        return new NoiseSettings(source, strength, seedResizeFromH, seedResizeFromW, etaNoiseSeedDelta);
    }

    public NoiseSettings withSeedResize(int fromH, int fromW) {
        return new NoiseSettings(source, subseedStrength, fromH, fromW, etaNoiseSeedDelta);
    }

    public NoiseSettings withEtaNoiseSeedDelta(long ensd) {
        return new NoiseSettings(source, subseedStrength, seedResizeFromH, seedResizeFromW, ensd);
    }

    boolean resizes() {
        return seedResizeFromH > 0 && seedResizeFromW > 0;
    }
}

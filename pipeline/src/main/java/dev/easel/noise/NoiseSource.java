package dev.easel.noise;

import java.util.Arrays;
import java.util.Locale;

/**
 * A1111's {@code randn_source} option: where initial and ancestral noise comes from.
 * {@code GPU} (A1111's default) means torch's CUDA generator, which {@code NV} reproduces on any
 * hardware, so images match ones made on NVIDIA GPUs with default settings.
 */
public enum NoiseSource {
    /** torch's CPU generator (mt19937); infotext {@code RNG: CPU}. */
    CPU,
    /** Philox 4x32-10 imitating CUDA {@code randn}; infotext {@code RNG: NV}. */
    NV,
    /** A1111's default; behaves exactly as {@link #NV}. Not written to the infotext. */
    GPU;

    /** A fresh generator, as {@code torch.Generator().manual_seed(seed)}; seeds are unsigned 64-bit. */
    public NoiseGenerator generator(long seed) {
        return switch (this) {
            case CPU -> new TorchCpuGenerator(seed);
            case NV, GPU -> new PhiloxGenerator(seed);
        };
    }

    /** The value A1111 writes as {@code RNG: ...} in the infotext, or null for the default {@code GPU}. */
    public String infotextValue() {
        return this == GPU ? null : name();
    }

    /**
     * Parses an option value case-insensitively; null or blank gives the default {@code GPU}.
     *
     * @throws IllegalArgumentException naming the valid values
     */
    public static NoiseSource parse(String value) {
        if (value == null || value.isBlank()) return GPU;
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown noise source '" + value + "', expected one of "
                    + Arrays.toString(values()));
        }
    }
}

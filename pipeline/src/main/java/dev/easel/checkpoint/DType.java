package dev.easel.checkpoint;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The element types a safetensors header may name, with their sizes in bytes. */
public enum DType {
    F64(8), F32(4), F16(2), BF16(2), I64(8), I32(4), I16(2), I8(1), U8(1), BOOL(1);

    private final int bytes;

    DType(int bytes) { this.bytes = bytes; }

    public int bytes() { return bytes; }

    public boolean isFloatingPoint() { return this == F64 || this == F32 || this == F16 || this == BF16; }

    /** Parses the header's spelling ({@code "F32"}, {@code "BF16"}, ...). */
    public static DType parse(String name) {
        for (DType t : values()) if (t.name().equals(name)) return t;
        throw new IllegalArgumentException("unsupported dtype '" + name + "', expected one of "
                + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")));
    }
}

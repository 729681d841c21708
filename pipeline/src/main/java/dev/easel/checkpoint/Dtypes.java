package dev.easel.checkpoint;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Conversions between a tensor's stored bytes and fp32 values. */
public final class Dtypes {

    private Dtypes() {}

    /** Decodes {@code count} little-endian values of {@code dtype} from {@code b} (absolute reads). */
    public static float[] toFloats(ByteBuffer b, DType dtype, int count) {
        ByteBuffer le = b.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[count];
        switch (dtype) {
            case F32 -> le.asFloatBuffer().get(out);
            case F16 -> { for (int i = 0; i < count; i++) out[i] = Halfs.halfToFloat(le.getShort(i * 2)); }
            case BF16 -> { for (int i = 0; i < count; i++) out[i] = Halfs.bf16ToFloat(le.getShort(i * 2)); }
            case F64 -> { for (int i = 0; i < count; i++) out[i] = (float) le.getDouble(i * 8); }
            default -> throw new IllegalArgumentException(dtype + " is not a float type");
        }
        return out;
    }

    /** Encodes fp32 values as little-endian {@code dtype} (F32, F16 or BF16) into {@code dst} at its position. */
    public static void putFloats(float[] values, int from, int to, DType dtype, ByteBuffer dst) {
        ByteBuffer le = dst.order(ByteOrder.LITTLE_ENDIAN);
        switch (dtype) {
            case F32 -> { for (int i = from; i < to; i++) le.putFloat(values[i]); }
            case F16 -> { for (int i = from; i < to; i++) le.putShort(Halfs.floatToHalf(values[i])); }
            case BF16 -> { for (int i = from; i < to; i++) le.putShort(Halfs.floatToBf16(values[i])); }
            default -> throw new IllegalArgumentException("cannot write " + dtype + " from floats");
        }
    }
}

package dev.easel.onnx;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.TensorInfo;
import ai.onnxruntime.platform.Fp16Conversions;

import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;

/** Converts fp32 host tensors to and from whatever element type a model declares. */
final class Conversions {

    private Conversions() { }

    /** Makes an ONNX Runtime tensor of {@code type} from fp32 values; integer types are rounded. */
    static OnnxTensor toOnnx(OrtEnvironment env, float[] data, long[] shape, ElementType type, String name)
            throws OrtException {
        return switch (type) {
            case FLOAT -> OnnxTensor.createTensor(env, FloatBuffer.wrap(data), shape);
            case FLOAT16 -> {
                ShortBuffer half = ShortBuffer.allocate(data.length);
                for (float v : data) half.put(Fp16Conversions.floatToFp16(v));
                half.flip();
                yield OnnxTensor.createTensor(env, half, shape, OnnxJavaType.FLOAT16);
            }
            case DOUBLE -> {
                double[] d = new double[data.length];
                for (int i = 0; i < d.length; i++) d[i] = data[i];
                yield OnnxTensor.createTensor(env, DoubleBuffer.wrap(d), shape);
            }
            case INT32 -> {
                int[] v = new int[data.length];
                for (int i = 0; i < v.length; i++) v[i] = Math.round(data[i]);
                yield OnnxTensor.createTensor(env, IntBuffer.wrap(v), shape);
            }
            case INT64 -> {
                long[] v = new long[data.length];
                for (int i = 0; i < v.length; i++) v[i] = Math.round((double) data[i]);
                yield OnnxTensor.createTensor(env, LongBuffer.wrap(v), shape);
            }
            default -> throw new IllegalArgumentException("input '" + name + "' is " + type.onnxName()
                    + ", which Easel cannot feed; expected float, float16, double, int32 or int64");
        };
    }

    /** Reads any numeric ONNX Runtime tensor back as fp32. */
    static Tensor fromOnnx(OnnxTensor t, String name) {
        TensorInfo info = t.getInfo();
        long[] shape = info.getShape();
        int n = Math.toIntExact(info.getNumElements());
        float[] out = new float[n];
        switch (ElementType.of(info.onnxType)) {
            case FLOAT -> t.getFloatBuffer().get(out);
            case FLOAT16 -> {
                ShortBuffer s = t.getShortBuffer();
                for (int i = 0; i < n; i++) out[i] = Fp16Conversions.fp16ToFloat(s.get(i));
            }
            case DOUBLE -> {
                DoubleBuffer d = t.getDoubleBuffer();
                for (int i = 0; i < n; i++) out[i] = (float) d.get(i);
            }
            case INT32 -> {
                IntBuffer b = t.getIntBuffer();
                for (int i = 0; i < n; i++) out[i] = b.get(i);
            }
            case INT64 -> {
                LongBuffer b = t.getLongBuffer();
                for (int i = 0; i < n; i++) out[i] = b.get(i);
            }
            case INT8, BOOL -> {
                ByteBuffer b = t.getByteBuffer();
                for (int i = 0; i < n; i++) out[i] = b.get(i);
            }
            case UINT8 -> {
                ByteBuffer b = t.getByteBuffer();
                for (int i = 0; i < n; i++) out[i] = b.get(i) & 0xff;
            }
            default -> throw new IllegalStateException("output '" + name + "' has type " + info.onnxType + ", which Easel cannot read");
        }
        return new Tensor(shape, out);
    }
}

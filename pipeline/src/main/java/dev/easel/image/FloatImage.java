package dev.easel.image;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;

import java.util.Arrays;

/**
 * A planar float image: {@code channels} planes of {@code width * height} values, row-major,
 * the layout of one NCHW tensor. Colour images hold RGB (3) or RGBA (4) in [0, 1]; masks hold
 * one channel in [0, 1] where 1 means "repaint".
 *
 * <p>The backing array is shared with {@link #img()}, an imglib2 {@code ArrayImg} with dimensions
 * {@code [width, height, channels]}, so the same pixels can be viewed either way without copying.
 */
public final class FloatImage {
    private final int width;
    private final int height;
    private final int channels;
    private final float[] data;

    public FloatImage(int width, int height, int channels, float[] data) {
        if (width <= 0 || height <= 0 || channels <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height + "x" + channels);
        }
        if (data.length != (long) width * height * channels) {
            throw new IllegalArgumentException("expected " + ((long) width * height * channels) + " values for "
                    + width + "x" + height + "x" + channels + ", got " + data.length);
        }
        this.width = width;
        this.height = height;
        this.channels = channels;
        this.data = data;
    }

    /** A new zero-filled image. */
    public static FloatImage zeros(int width, int height, int channels) {
        return new FloatImage(width, height, channels, new float[Math.multiplyExact(Math.multiplyExact(width, height), channels)]);
    }

    public int width() { return width; }
    public int height() { return height; }
    public int channels() { return channels; }

    /** The backing planar array (channel-major, then rows); writes are visible in this image. */
    public float[] data() { return data; }

    /** Index of (x, y, c) in {@link #data()}. */
    public int index(int x, int y, int c) { return (c * height + y) * width + x; }

    public float get(int x, int y, int c) { return data[index(x, y, c)]; }

    public void set(int x, int y, int c, float v) { data[index(x, y, c)] = v; }

    /** The same pixels as an imglib2 image with dimensions [width, height, channels]. */
    public ArrayImg<FloatType, FloatArray> img() {
        return ArrayImgs.floats(data, width, height, channels);
    }

    public FloatImage copy() {
        return new FloatImage(width, height, channels, data.clone());
    }

    /** One channel plane as a new single-channel image. */
    public FloatImage channel(int c) {
        float[] plane = Arrays.copyOfRange(data, c * width * height, (c + 1) * width * height);
        return new FloatImage(width, height, 1, plane);
    }

    @Override
    public String toString() {
        return "FloatImage[" + width + "x" + height + "x" + channels + "]";
    }
}

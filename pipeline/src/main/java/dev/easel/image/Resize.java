package dev.easel.image;

import dev.easel.image.Resample.Filter;

/**
 * Resizes: Pillow's filters on 8-bit data (what A1111 does to images and masks), A1111's
 * {@code images.resize_image} modes, Pillow's nearest neighbour, and torch's
 * {@code F.interpolate} nearest and bilinear for latents.
 */
public final class Resize {

    /** A1111 {@code resize_mode} values. */
    public static final int JUST_RESIZE = 0;
    public static final int CROP_AND_RESIZE = 1;
    public static final int RESIZE_AND_FILL = 2;
    public static final int LATENT_UPSCALE = 3;

    private Resize() { }

    /** Pillow's {@code Image.resize((w, h), filter)} on the 8-bit values of {@code img}, exact to the byte. */
    public static FloatImage resize(FloatImage img, int w, int h, Filter filter) {
        return resize(img, w, h, filter, null);
    }

    /** As {@link #resize(FloatImage, int, int, Filter)} with Pillow's source {@code box} (x0, y0, x1, y1). */
    public static FloatImage resize(FloatImage img, int w, int h, Filter filter, double[] box) {
        byte[] out = Resample.resize8(Pixels.toBytes(img), img.width(), img.height(), img.channels(), w, h, filter, box);
        return Pixels.fromBytes(out, w, h, img.channels());
    }

    /** Lanczos as A1111 resizes images (Pillow LANCZOS on 8 bits). */
    public static FloatImage lanczos(FloatImage img, int w, int h) {
        return resize(img, w, h, Filter.LANCZOS);
    }

    /** The same filters in floating point, for values that are not 8-bit. */
    public static FloatImage resizeFloat(FloatImage img, int w, int h, Filter filter) {
        float[] out = Resample.resizeFloat(img.data(), img.width(), img.height(), img.channels(), w, h, filter, null);
        return new FloatImage(w, h, img.channels(), out);
    }

    /**
     * A1111's {@code images.resize_image(mode, im, w, h)} without an upscaler model: 0 stretches,
     * 1 covers the target and centre-crops, 2 fits inside and fills the bars by stretching the edge
     * rows or columns. Mode 3 (latent upscale) resizes the image like mode 0; the latent step is the caller's.
     */
    public static FloatImage resizeImage(int mode, FloatImage im, int width, int height) {
        if (mode == JUST_RESIZE || mode == LATENT_UPSCALE) return sameOrLanczos(im, width, height);
        double ratio = (double) width / height;
        double srcRatio = (double) im.width() / im.height();
        int srcW;
        int srcH;
        if (mode == CROP_AND_RESIZE) {
            srcW = ratio > srcRatio ? width : im.width() * height / im.height();
            srcH = ratio <= srcRatio ? height : im.height() * width / im.width();
        } else if (mode == RESIZE_AND_FILL) {
            srcW = ratio < srcRatio ? width : im.width() * height / im.height();
            srcH = ratio >= srcRatio ? height : im.height() * width / im.width();
        } else {
            throw new IllegalArgumentException("resize_mode must be 0..3, got " + mode);
        }
        FloatImage resized = sameOrLanczos(im, srcW, srcH);
        FloatImage res = FloatImage.zeros(width, height, im.channels());
        Images.paste(res, resized, width / 2 - srcW / 2, height / 2 - srcH / 2);
        if (mode == RESIZE_AND_FILL) {
            if (ratio < srcRatio) {
                int fillH = height / 2 - srcH / 2;
                if (fillH > 0) {
                    // Pillow's default (bicubic) resize of a zero-height box: stretches the edge row
                    Images.paste(res, resize(resized, width, fillH, Filter.BICUBIC, new double[] {0, 0, width, 0}), 0, 0);
                    Images.paste(res, resize(resized, width, fillH, Filter.BICUBIC,
                            new double[] {0, resized.height(), width, resized.height()}), 0, fillH + srcH);
                }
            } else if (ratio > srcRatio) {
                int fillW = width / 2 - srcW / 2;
                if (fillW > 0) {
                    Images.paste(res, resize(resized, fillW, height, Filter.BICUBIC, new double[] {0, 0, 0, height}), 0, 0);
                    Images.paste(res, resize(resized, fillW, height, Filter.BICUBIC,
                            new double[] {resized.width(), 0, resized.width(), height}), fillW + srcW, 0);
                }
            }
        }
        return res;
    }

    private static FloatImage sameOrLanczos(FloatImage im, int w, int h) {
        return im.width() == w && im.height() == h ? Pixels.quantize(im) : lanczos(im, w, h);
    }

    /** Pillow's NEAREST resize: source pixel {@code floor((x + 0.5) * in / out)}. */
    public static FloatImage nearest(FloatImage img, int w, int h) {
        FloatImage out = FloatImage.zeros(w, h, img.channels());
        double sx = (double) img.width() / w;
        double sy = (double) img.height() / h;
        for (int c = 0; c < img.channels(); c++) {
            for (int y = 0; y < h; y++) {
                int yy = Math.min(img.height() - 1, (int) Math.floor((y + 0.5) * sy));
                for (int x = 0; x < w; x++) {
                    int xx = Math.min(img.width() - 1, (int) Math.floor((x + 0.5) * sx));
                    out.set(x, y, c, img.get(xx, yy, c));
                }
            }
        }
        return out;
    }

    /** torch {@code F.interpolate(mode="nearest")}: source index {@code floor(x * in / out)}. */
    public static FloatImage nearestTorch(FloatImage img, int w, int h) {
        FloatImage out = FloatImage.zeros(w, h, img.channels());
        double sx = (double) img.width() / w;
        double sy = (double) img.height() / h;
        for (int c = 0; c < img.channels(); c++) {
            for (int y = 0; y < h; y++) {
                int yy = Math.min(img.height() - 1, (int) Math.floor(y * sy));
                for (int x = 0; x < w; x++) {
                    int xx = Math.min(img.width() - 1, (int) Math.floor(x * sx));
                    out.set(x, y, c, img.get(xx, yy, c));
                }
            }
        }
        return out;
    }

    /**
     * torch {@code F.interpolate(mode="bilinear", align_corners=False)} of {@code planes} planes
     * of {@code w*h} (NCHW data of any batch), as A1111's "Latent" upscale does.
     */
    public static float[] bilinearTorch(float[] src, int planes, int w, int h, int outW, int outH) {
        float[] out = new float[planes * outW * outH];
        double sx = (double) w / outW;
        double sy = (double) h / outH;
        int[] x0 = new int[outW];
        int[] x1 = new int[outW];
        float[] fx = new float[outW];
        for (int x = 0; x < outW; x++) {
            double s = Math.max(0.0, (x + 0.5) * sx - 0.5);
            x0[x] = Math.min((int) s, w - 1);
            x1[x] = Math.min(x0[x] + 1, w - 1);
            fx[x] = (float) (s - x0[x]);
        }
        for (int p = 0; p < planes; p++) {
            int ip = p * w * h;
            int op = p * outW * outH;
            for (int y = 0; y < outH; y++) {
                double s = Math.max(0.0, (y + 0.5) * sy - 0.5);
                int y0 = Math.min((int) s, h - 1);
                int y1 = Math.min(y0 + 1, h - 1);
                float fy = (float) (s - y0);
                for (int x = 0; x < outW; x++) {
                    float a = src[ip + y0 * w + x0[x]];
                    float b = src[ip + y0 * w + x1[x]];
                    float c = src[ip + y1 * w + x0[x]];
                    float d = src[ip + y1 * w + x1[x]];
                    float top = a + (b - a) * fx[x];
                    float bottom = c + (d - c) * fx[x];
                    out[op + y * outW + x] = top + (bottom - top) * fy;
                }
            }
        }
        return out;
    }
}

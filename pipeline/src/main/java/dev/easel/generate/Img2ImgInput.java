package dev.easel.generate;

import dev.easel.image.FloatImage;
import dev.easel.image.GaussianBlur;
import dev.easel.image.Images;
import dev.easel.image.Masks;
import dev.easel.image.Pixels;
import dev.easel.image.Resize;

import java.util.ArrayList;
import java.util.List;

/**
 * img2img and inpainting input prepared as A1111's {@code StableDiffusionProcessingImg2Img.init} does:
 * the mask binarised, inverted and blurred; "only masked" cropping; resizes; masked-content fill; and
 * what the final composite needs.
 *
 * @param images       one processed RGB image per batch entry, at the processing size
 * @param overlayBases the images the result is composited onto (full size in "only masked" mode)
 * @param overlayMask  A1111's {@code mask_for_overlay} at the overlay bases' size, or null without a mask
 * @param pasteTo      where the processed area sits in the overlay base ("only masked"), or null
 * @param imageMask    the processed mask at the processing size (latent mask and 9-channel conditioning), or null
 * @param latentMask   the mask the latent blend uses: {@code imageMask} unless a script supplies its own
 * @param onlyMasked   true when "only masked" cropped to the mask
 */
record Img2ImgInput(List<FloatImage> images, List<FloatImage> overlayBases, FloatImage overlayMask, Masks.Box pasteTo,
                    FloatImage imageMask, FloatImage latentMask, boolean onlyMasked) {

    /** A1111's message when "only masked" meets an empty mask. */
    static final String BLANK_MASK = "Unable to perform \"Inpaint Only mask\" because mask is blank, switched to img2img mode";

    /**
     * @param latentMaskOverride a full-size mask for the latent blend and fill (outpainting), or null
     */
    static Img2ImgInput prepare(GenerationRequest r, FloatImage latentMaskOverride, List<String> warnings) {
        int width = r.width;
        int height = r.height;
        FloatImage imageMask = null;
        FloatImage overlayMask = null;
        Masks.Box crop = null;
        if (r.mask != null) {
            imageMask = Masks.fromImage(r.mask);
            if (r.inpaintingMaskInvert) imageMask = Masks.invert(imageMask);
            if (r.maskBlurX > 0 || r.maskBlurY > 0) imageMask = GaussianBlur.maskBlur(imageMask, r.maskBlurX, r.maskBlurY);
            if (r.inpaintFullRes) {
                overlayMask = imageMask;
                crop = Masks.cropRegion(imageMask, r.inpaintFullResPadding);
                if (crop != null) {
                    crop = Masks.expandCropRegion(crop, width, height, imageMask.width(), imageMask.height());
                    imageMask = Resize.resizeImage(Resize.RESIZE_AND_FILL,
                            Images.crop(imageMask, crop.x1(), crop.y1(), crop.width(), crop.height()), width, height);
                } else {
                    warnings.add(BLANK_MASK);
                    imageMask = null;
                    overlayMask = null;
                }
            } else {
                imageMask = Resize.resizeImage(r.resizeMode, imageMask, width, height);
                overlayMask = Masks.doubled(imageMask);
            }
        }
        FloatImage latentMask = latentMaskOverride != null ? latentMaskOverride : imageMask;

        List<FloatImage> images = new ArrayList<>();
        List<FloatImage> bases = new ArrayList<>();
        for (FloatImage init : r.initImages) {
            FloatImage image = Pixels.quantize(Images.toRgb(init, Images.WHITE));
            if (crop == null) image = r.resizeMode == Resize.LATENT_UPSCALE ? floorTo8(image) : Resize.resizeImage(r.resizeMode, image, width, height);
            if (imageMask != null) {
                if (overlayMask.width() != image.width() || overlayMask.height() != image.height()) {
                    overlayMask = Resize.resizeImage(r.resizeMode, overlayMask, image.width(), image.height());
                }
                bases.add(image);
            }
            if (crop != null) {
                image = Resize.resizeImage(Resize.RESIZE_AND_FILL,
                        Images.crop(image, crop.x1(), crop.y1(), crop.width(), crop.height()), width, height);
            }
            if (imageMask != null && r.inpaintingFill != 1) image = Masks.fill(image, latentMask); // A1111 fills for modes 0, 2 and 3
            images.add(image);
        }
        if (images.size() == 1) {
            FloatImage only = images.get(0);
            images = new ArrayList<>(java.util.Collections.nCopies(r.batchSize, only));
            if (!bases.isEmpty()) bases = new ArrayList<>(java.util.Collections.nCopies(r.batchSize, bases.get(0)));
        } else if (images.size() > r.batchSize) {
            throw new RequestException("init_images", "got " + images.size() + " images but batch_size is " + r.batchSize
                    + "; send one image or at most batch_size images");
        }
        return new Img2ImgInput(List.copyOf(images), List.copyOf(bases), overlayMask, crop, imageMask, latentMask, crop != null);
    }

    /** Latent upscale encodes the image at its own size; the VAE needs sides that are multiples of 8. */
    private static FloatImage floorTo8(FloatImage img) {
        int w = Math.max(8, img.width() / 8 * 8);
        int h = Math.max(8, img.height() / 8 * 8);
        return w == img.width() && h == img.height() ? img : Resize.lanczos(img, w, h);
    }

    /**
     * A1111's {@code apply_overlay}: in "only masked" mode the generated crop is resized back (crop and
     * resize) and placed at {@code pasteTo}; then the original is laid over it through the inverted
     * overlay mask, so every pixel where the mask is 0 is the original's, bit for bit.
     */
    FloatImage composite(FloatImage generated, int index) {
        if (overlayMask == null) return generated;
        FloatImage base = overlayBases.get(Math.min(index, overlayBases.size() - 1));
        FloatImage top = generated;
        if (pasteTo != null) {
            FloatImage canvas = base.copy(); // outside the crop the mask is 0, so what lies here is never seen
            Images.paste(canvas, Resize.resizeImage(Resize.CROP_AND_RESIZE, generated, pasteTo.width(), pasteTo.height()),
                    pasteTo.x1(), pasteTo.y1());
            top = canvas;
        }
        return Pixels.quantize(Images.blend(base, top, overlayMask));
    }
}

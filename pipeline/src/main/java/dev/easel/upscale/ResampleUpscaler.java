package dev.easel.upscale;

/** A1111's non-model upscalers: "None" (returns the image as is), "Lanczos" and "Nearest". */
public final class ResampleUpscaler implements Upscaler {
    public static final String NONE = "None";
    public static final String LANCZOS = "Lanczos";
    public static final String NEAREST = "Nearest";

    private final String name;

    private ResampleUpscaler(String name) {
        this.name = name;
    }

    public static ResampleUpscaler none() { return new ResampleUpscaler(NONE); }
    public static ResampleUpscaler lanczos() { return new ResampleUpscaler(LANCZOS); }
    public static ResampleUpscaler nearest() { return new ResampleUpscaler(NEAREST); }

    @Override
    public String name() { return name; }

    @Override
    public Raster pass(Raster image, double scale, Monitor monitor) {
        monitor.checkCancelled();
        // A1111: img.resize((int(img.width * self.scale), int(img.height * self.scale)), ...)
        int w = Math.max(1, (int) (image.width() * scale));
        int h = Math.max(1, (int) (image.height() * scale));
        Raster out = switch (name) {
            case LANCZOS -> RasterResize.lanczos(image, w, h);
            case NEAREST -> RasterResize.nearest(image, w, h);
            default -> image;
        };
        monitor.onTiles(1, 1);
        return out;
    }
}

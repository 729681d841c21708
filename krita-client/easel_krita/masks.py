"""Selection bytes to masks, and the soft alpha that places an inpainted patch."""

#: A1111's default ``mask_blur``; also the feather the plugin gives a patch's alpha.
DEFAULT_MASK_BLUR = 4


def selection_mask(selection_bytes, width, height):
    """Krita's selection pixel data (one byte per pixel, 0..255) as a mask, keeping soft edges.

    Feathered selections keep their partial values: the bridge reads grey as partial repaint.
    """
    data = bytes(selection_bytes)
    if len(data) != width * height:
        raise ValueError("selection data has %d bytes, expected %d for %dx%d"
                         % (len(data), width * height, width, height))
    return data


def is_empty(mask):
    return not any(mask)


def covers_everything(mask):
    """A fully opaque selection over the whole region means "no selection" (as krita-ai-diffusion)."""
    return all(v == 255 for v in mask)


def _box_blur_1d(values, n, stride, count, radius, out):
    """One box-blur pass along lines of ``n`` samples; clamps at the edges."""
    window = 2 * radius + 1
    for line in range(count):
        base = line * (n if stride == 1 else 1)
        step = stride
        get = [values[base + i * step] for i in range(n)]
        acc = get[0] * (radius + 1) + sum(get[min(i, n - 1)] for i in range(1, radius + 1))
        for i in range(n):
            out[base + i * step] = acc / window
            acc += get[min(i + radius + 1, n - 1)] - get[max(i - radius, 0)]


def blur(mask, width, height, radius=DEFAULT_MASK_BLUR):
    """An approximate Gaussian blur (three box passes per axis) of a byte mask; returns bytes.

    Used for a patch's alpha, so the seam matches the bridge's own blurred composite. Radius 0
    returns the mask unchanged.
    """
    if radius <= 0:
        return bytes(mask)
    # Three passes of radius r/sqrt(3)-ish boxes approximate a Gaussian of the same extent.
    box = max(1, int(round(radius / 1.7)))
    a = [float(v) for v in mask]
    b = [0.0] * len(a)
    for _ in range(3):
        _box_blur_1d(a, width, 1, height, box, b)
        a, b = b, a
    for _ in range(3):
        _box_blur_1d(a, height, width, width, box, b)
        a, b = b, a
    return bytes(min(255, max(0, int(v + 0.5))) for v in a)


def bounding_box(mask, width, height, threshold=0):
    """The smallest (x, y, w, h) holding every value above ``threshold``; None when there is none."""
    xs0, ys0, xs1, ys1 = width, height, -1, -1
    for y in range(height):
        row = mask[y * width:(y + 1) * width]
        if not any(v > threshold for v in row):
            continue
        first = next(i for i, v in enumerate(row) if v > threshold)
        last = width - 1 - next(i for i, v in enumerate(reversed(row)) if v > threshold)
        xs0, xs1 = min(xs0, first), max(xs1, last)
        ys0, ys1 = min(ys0, y), max(ys1, y)
    if xs1 < 0:
        return None
    return xs0, ys0, xs1 - xs0 + 1, ys1 - ys0 + 1


def outpaint_alpha(width, height, left, right, up, down, band=16):
    """Alpha for an outpainted result laid over the enlarged canvas: opaque over the new area,
    fading to transparent across ``band`` pixels into the original picture, transparent beyond."""
    out = bytearray(width * height)
    inner_x0, inner_y0 = left, up
    inner_x1, inner_y1 = width - right, height - down
    for y in range(height):
        for x in range(width):
            if x < inner_x0 or x >= inner_x1 or y < inner_y0 or y >= inner_y1:
                out[y * width + x] = 255
                continue
            d = band
            if left:
                d = min(d, x - inner_x0)
            if right:
                d = min(d, inner_x1 - 1 - x)
            if up:
                d = min(d, y - inner_y0)
            if down:
                d = min(d, inner_y1 - 1 - y)
            if d < band:
                out[y * width + x] = int(255 * (band - d) / (band + 1))
    return bytes(out)

"""Boxes, padding and placement maths: where a request's image comes from and a result goes."""

from collections import namedtuple

#: Latent space is 8x smaller than pixels, so every size the bridge sees is a multiple of 8.
MULTIPLE = 8
#: SD 1.x works best with sides of at least 512 px (krita-ai-diffusion's minimum context, too).
MODEL_RESOLUTION = 512


class Box(namedtuple("Box", "x y width height")):
    """An axis-aligned rectangle in document pixels."""

    @property
    def right(self):
        return self.x + self.width

    @property
    def bottom(self):
        return self.y + self.height

    def contains(self, other):
        return (self.x <= other.x and self.y <= other.y
                and other.right <= self.right and other.bottom <= self.bottom)

    def is_empty(self):
        return self.width <= 0 or self.height <= 0


def _grow_axis(start, length, target, limit):
    """Grows [start, start+length) to ``target`` around its centre, shifted to stay in [0, limit)."""
    target = min(target, limit)
    if length >= target:
        return start, length
    start -= (target - length) // 2
    start = max(0, min(start, limit - target))
    return start, target


def context_box(selection, canvas_width, canvas_height, padding=None,
                multiple=MULTIPLE, min_size=MODEL_RESOLUTION):
    """The region sent to the bridge for a selection: its bounding box plus context padding.

    Padding defaults to krita-ai-diffusion's rule, ``max(longest canvas side // 16, average
    selection side // 2)``. The box then grows towards ``min_size`` (the model's resolution) where
    the canvas allows, is clamped to the canvas, and its sides are rounded down to ``multiple`` (the
    canvas itself may not be a multiple of 8: the box never leaves it). Always contains as much of
    the selection as fits in a multiple-of-8 box.
    """
    if padding is None:
        padding = max(max(canvas_width, canvas_height) // 16, (selection.width + selection.height) // 4)
    x0 = max(0, selection.x - padding)
    y0 = max(0, selection.y - padding)
    x1 = min(canvas_width, selection.right + padding)
    y1 = min(canvas_height, selection.bottom + padding)
    x, w = _grow_axis(x0, x1 - x0, min_size, canvas_width)
    y, h = _grow_axis(y0, y1 - y0, min_size, canvas_height)
    w2 = _round_to_multiple(w, multiple, canvas_width)
    h2 = _round_to_multiple(h, multiple, canvas_height)
    # Rounding up may push the far edge off the canvas: shift the box back inside.
    x = max(0, min(x, canvas_width - w2))
    y = max(0, min(y, canvas_height - h2))
    return Box(x, y, w2, h2)


def _round_to_multiple(size, multiple, room):
    """Rounds ``size`` up to a multiple when ``room`` (the canvas side) allows, else down."""
    up = -(-size // multiple) * multiple
    if up <= room:
        return up
    down = (room // multiple) * multiple
    return max(multiple, down)


def canvas_box(canvas_width, canvas_height, multiple=MULTIPLE):
    """The whole canvas, trimmed to a multiple of 8 (the bridge rounds down the same way)."""
    return Box(0, 0, max(multiple, canvas_width - canvas_width % multiple),
               max(multiple, canvas_height - canvas_height % multiple))


def outpaint_canvas(width, height, left, right, up, down):
    """The new canvas after outpainting, as Krita's ``resizeImage(x, y, w, h)`` arguments."""
    for name, value in (("left", left), ("right", right), ("up", up), ("down", down)):
        if value < 0:
            raise ValueError("outpaint %s must not be negative" % name)
    if left + right + up + down == 0:
        raise ValueError("choose at least one side to extend")
    return Box(-left, -up, width + left + right, height + up + down)


def upscaled_size(width, height, factor):
    return int(round(width * factor)), int(round(height * factor))

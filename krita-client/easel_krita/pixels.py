"""Byte-level conversions between Krita's 8-bit layers and the bridge's PNGs."""


def bgra_to_rgba(data):
    """Krita's integer RGBA layers store Blue, Green, Red, Alpha; PNG wants R, G, B, A."""
    src = bytes(data)
    out = bytearray(src)
    out[0::4] = src[2::4]
    out[2::4] = src[0::4]
    return bytes(out)


rgba_to_bgra = bgra_to_rgba  # the swap is its own inverse


def flatten_on_white(rgba):
    """RGB of an RGBA image composited over white, so transparent canvas reads as paper."""
    src = bytes(rgba)
    n = len(src) // 4
    out = bytearray(n * 3)
    for c in range(3):
        ch = src[c::4]
        al = src[3::4]
        out[c::3] = bytes((v * a + 255 * (255 - a) + 127) // 255 for v, a in zip(ch, al))
    return bytes(out)


def with_alpha(rgba, alpha):
    """Replaces the alpha channel of RGBA bytes by ``alpha`` (one byte per pixel)."""
    out = bytearray(rgba)
    if len(alpha) * 4 != len(out):
        raise ValueError("alpha has %d values for %d pixels" % (len(alpha), len(out) // 4))
    out[3::4] = bytes(alpha)
    return bytes(out)


def grey_to_rgba(grey):
    g = bytes(grey)
    out = bytearray(len(g) * 4)
    out[0::4] = out[1::4] = out[2::4] = g
    out[3::4] = b"\xff" * len(g)
    return bytes(out)

"""PNG encode and decode with Python's standard library only (zlib, struct).

The plugin exchanges images with the bridge as base64 PNG. Inside Krita the faster Qt decoder is
used when available (see ``kritaio``); this module is the portable reference the tests exercise and
the fallback everywhere else. Pixels are 8-bit RGBA (or grey for masks), row-major, no padding.
"""

import struct
import zlib

_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# Colour types from the PNG specification, with their samples per pixel.
_CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}


class PngError(ValueError):
    """The bytes are not a PNG this decoder understands."""


def _chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)


def encode(pixels, width, height, channels=4, text=None):
    """Encodes 8-bit pixels (``channels`` of 1 grey, 3 RGB or 4 RGBA) as PNG bytes.

    Rows use filter 0 (none): the bridge's decoder does not care and encoding stays O(n) in C.
    ``text`` is an optional dict written as tEXt chunks (Latin-1 keys and values).
    """
    color_type = {1: 0, 3: 2, 4: 6}.get(channels)
    if color_type is None:
        raise ValueError("channels must be 1, 3 or 4, got %r" % (channels,))
    stride = width * channels
    if len(pixels) != stride * height:
        raise ValueError("expected %d bytes for %dx%dx%d, got %d"
                         % (stride * height, width, height, channels, len(pixels)))
    raw = bytearray()
    mv = memoryview(pixels)
    for y in range(height):
        raw.append(0)
        raw += mv[y * stride:(y + 1) * stride]
    out = [_SIGNATURE, _chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, color_type, 0, 0, 0))]
    for key, value in (text or {}).items():
        out.append(_chunk(b"tEXt", key.encode("latin-1") + b"\x00" + value.encode("latin-1", "replace")))
    out.append(_chunk(b"IDAT", zlib.compress(bytes(raw), 6)))
    out.append(_chunk(b"IEND", b""))
    return b"".join(out)


def _read_chunks(data):
    if data[:8] != _SIGNATURE:
        raise PngError("not a PNG (bad signature)")
    pos = 8
    while pos + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if len(body) != length:
            raise PngError("truncated %s chunk" % kind.decode("latin-1"))
        yield kind, body
        pos += 12 + length
        if kind == b"IEND":
            return
    raise PngError("PNG ends without IEND")


def _unfilter(raw, width, height, bpp):
    stride = width * bpp
    out = bytearray(stride * height)
    prev = bytearray(stride)
    pos = 0
    for y in range(height):
        ftype = raw[pos]
        line = bytearray(raw[pos + 1:pos + 1 + stride])
        pos += 1 + stride
        if ftype == 1:  # Sub
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 0xFF
        elif ftype == 2:  # Up
            line = bytearray((a + b) & 0xFF for a, b in zip(line, prev))
        elif ftype == 3:  # Average
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + prev[i]) >> 1)) & 0xFF
        elif ftype == 4:  # Paeth
            for i in range(stride):
                if i >= bpp:
                    a = line[i - bpp]
                    c = prev[i - bpp]
                else:
                    a = c = 0
                b = prev[i]
                pa = b - c if b > c else c - b
                pb = a - c if a > c else c - a
                pc = a + b - c - c
                if pc < 0:
                    pc = -pc
                if pa <= pb and pa <= pc:
                    pred = a
                elif pb <= pc:
                    pred = b
                else:
                    pred = c
                line[i] = (line[i] + pred) & 0xFF
        elif ftype != 0:
            raise PngError("unknown row filter %d" % ftype)
        out[y * stride:(y + 1) * stride] = line
        prev = line
    return out


def decode(data):
    """Decodes a PNG into ``(width, height, rgba_bytes, text)``.

    Handles 8-bit grey, grey+alpha, RGB, RGBA and palette images (16-bit samples are reduced to
    their high byte); interlaced PNGs are refused. Output is always RGBA.
    """
    header = None
    palette = None
    trns = None
    idat = bytearray()
    text = {}
    for kind, body in _read_chunks(bytes(data)):
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"PLTE":
            palette = body
        elif kind == b"tRNS":
            trns = body
        elif kind == b"IDAT":
            idat += body
        elif kind == b"tEXt" and b"\x00" in body:
            key, value = body.split(b"\x00", 1)
            text[key.decode("latin-1")] = value.decode("latin-1")
        elif kind == b"iTXt" and b"\x00" in body:
            key, rest = body.split(b"\x00", 1)
            compressed, _method = rest[0], rest[1]
            rest = rest[2:]
            _lang, rest = rest.split(b"\x00", 1)
            _tkey, value = rest.split(b"\x00", 1)
            if compressed:
                value = zlib.decompress(value)
            text[key.decode("latin-1")] = value.decode("utf-8", "replace")
    if header is None:
        raise PngError("PNG has no IHDR")
    width, height, depth, color_type, _comp, _filt, interlace = header
    if color_type not in _CHANNELS:
        raise PngError("unsupported colour type %d" % color_type)
    if interlace:
        raise PngError("interlaced PNGs are not supported")
    if depth not in (8, 16) or (color_type == 3 and depth != 8):
        raise PngError("unsupported bit depth %d" % depth)
    channels = _CHANNELS[color_type]
    bpp = channels * depth // 8
    try:
        raw = zlib.decompress(bytes(idat))
    except zlib.error as e:
        raise PngError("corrupt PNG data: %s" % e)
    if len(raw) < (width * bpp + 1) * height:
        raise PngError("PNG data is shorter than its size says")
    px = _unfilter(raw, width, height, bpp)
    if depth == 16:
        px = px[0::2]
    n = width * height
    if color_type == 6:
        rgba = px
    elif color_type == 2:
        rgba = bytearray(n * 4)
        rgba[0::4], rgba[1::4], rgba[2::4] = px[0::3], px[1::3], px[2::3]
        rgba[3::4] = b"\xff" * n
    elif color_type == 0:
        rgba = bytearray(n * 4)
        rgba[0::4] = rgba[1::4] = rgba[2::4] = px
        rgba[3::4] = b"\xff" * n
    elif color_type == 4:
        rgba = bytearray(n * 4)
        rgba[0::4] = rgba[1::4] = rgba[2::4] = px[0::2]
        rgba[3::4] = px[1::2]
    else:
        if palette is None:
            raise PngError("palette PNG without PLTE")
        lut = []
        for i in range(256):
            r, g, b = palette[i * 3:i * 3 + 3] if i * 3 + 3 <= len(palette) else (0, 0, 0)
            a = trns[i] if trns is not None and i < len(trns) else 255
            lut.append(bytes((r, g, b, a)))
        rgba = bytearray(b"".join(lut[i] for i in px))
    return width, height, bytes(rgba), text

import struct
import unittest
import zlib

from easel_krita import pngio


def _png_with_filter(width, height, rows_rgb, ftype):
    """A hand-built RGB PNG whose every row uses filter ``ftype`` (encoded by the spec's rules)."""
    bpp = 3
    raw = bytearray()
    prev = bytearray(width * bpp)
    for row in rows_rgb:
        line = bytearray(row)
        enc = bytearray(len(line))
        for i in range(len(line)):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if ftype == 0:
                pred = 0
            elif ftype == 1:
                pred = a
            elif ftype == 2:
                pred = b
            elif ftype == 3:
                pred = (a + b) // 2
            else:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
            enc[i] = (line[i] - pred) & 0xFF
        raw.append(ftype)
        raw += enc
        prev = line

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(bytes(raw))) + chunk(b"IEND", b""))


class PngTest(unittest.TestCase):
    def test_rgba_round_trip_keeps_every_byte(self):
        w, h = 7, 5
        px = bytes((x * 37 + y * 11 + c * 5) % 256 for y in range(h) for x in range(w) for c in range(4))
        data = pngio.encode(px, w, h, 4, text={"parameters": "a cat\nSteps: 20"})
        w2, h2, out, text = pngio.decode(data)
        self.assertEqual((w2, h2), (w, h))
        self.assertEqual(out, px)
        self.assertEqual(text["parameters"], "a cat\nSteps: 20")

    def test_grey_decodes_to_opaque_rgba(self):
        grey = bytes(range(0, 240, 10))  # 24 values
        w, h, out, _ = pngio.decode(pngio.encode(grey, 6, 4, 1))
        self.assertEqual(out[0::4], grey)
        self.assertEqual(out[2::4], grey)
        self.assertEqual(set(out[3::4]), {255})

    def test_every_row_filter_decodes(self):
        w, h = 6, 4
        rows = [bytes((x * 40 + y * 60 + c * 90) % 256 for x in range(w) for c in range(3)) for y in range(h)]
        for ftype in range(5):
            with self.subTest(filter=ftype):
                _, _, out, _ = pngio.decode(_png_with_filter(w, h, rows, ftype))
                expected = b"".join(bytes(r[i:i + 3]) + b"\xff" for r in rows for i in range(0, len(r), 3))
                self.assertEqual(out, expected)

    def test_not_a_png_is_a_clear_error(self):
        with self.assertRaisesRegex(pngio.PngError, "signature"):
            pngio.decode(b"GIF89a....")

    def test_wrong_byte_count_is_refused(self):
        with self.assertRaisesRegex(ValueError, "expected 16 bytes"):
            pngio.encode(b"\x00" * 15, 2, 2, 4)


if __name__ == "__main__":
    unittest.main()

import unittest

from easel_krita import masks, pixels


class MasksTest(unittest.TestCase):
    def test_selection_bytes_keep_soft_values(self):
        data = bytes([0, 64, 128, 255])
        self.assertEqual(masks.selection_mask(data, 2, 2), data)
        with self.assertRaisesRegex(ValueError, "expected 6"):
            masks.selection_mask(data, 3, 2)

    def test_blur_softens_an_edge_and_keeps_far_pixels(self):
        w, h = 40, 20
        mask = bytes(255 if 10 <= x < 30 else 0 for y in range(h) for x in range(w))
        out = masks.blur(mask, w, h, 4)
        row = out[10 * w:11 * w]
        self.assertEqual(row[0], 0)          # far outside: still transparent
        self.assertEqual(row[20], 255)       # deep inside: still opaque
        self.assertTrue(0 < row[10] < 255)   # on the edge: soft
        self.assertTrue(0 < row[8] < row[10] < row[12] <= 255)
        self.assertEqual(masks.blur(mask, w, h, 0), mask)

    def test_blur_spreads_no_further_than_its_radius_allows(self):
        w, h = 30, 30
        mask = bytearray(w * h)
        mask[15 * w + 15] = 255
        out = masks.blur(bytes(mask), w, h, 4)
        box = masks.bounding_box(out, w, h)
        self.assertIsNotNone(box)
        x, y, bw, bh = box
        self.assertTrue(x >= 15 - 12 and x + bw <= 15 + 13, box)

    def test_bounding_box(self):
        w, h = 5, 4
        mask = bytearray(w * h)
        mask[1 * w + 2] = 9
        mask[2 * w + 3] = 9
        self.assertEqual(masks.bounding_box(bytes(mask), w, h), (2, 1, 2, 2))
        self.assertIsNone(masks.bounding_box(bytes(w * h), w, h))

    def test_whole_opaque_selection_counts_as_none(self):
        self.assertTrue(masks.covers_everything(b"\xff" * 9))
        self.assertFalse(masks.covers_everything(b"\xff" * 8 + b"\x00"))

    def test_outpaint_alpha_opaque_outside_fading_inside(self):
        w, h = 40, 10
        a = masks.outpaint_alpha(w, h, 0, 8, 0, 0, band=4)
        row = a[5 * w:6 * w]
        self.assertEqual(row[0], 0)
        self.assertEqual(row[35], 255)             # new area
        self.assertTrue(0 < row[31] < 255)         # band, inside the old picture
        self.assertEqual(row[20], 0)


class PixelsTest(unittest.TestCase):
    def test_bgra_swap_round_trips(self):
        bgra = bytes([1, 2, 3, 4, 5, 6, 7, 8])
        rgba = pixels.bgra_to_rgba(bgra)
        self.assertEqual(rgba, bytes([3, 2, 1, 4, 7, 6, 5, 8]))
        self.assertEqual(pixels.rgba_to_bgra(rgba), bgra)

    def test_with_alpha_replaces_alpha_only(self):
        out = pixels.with_alpha(bytes([9, 8, 7, 255, 6, 5, 4, 255]), bytes([0, 128]))
        self.assertEqual(out, bytes([9, 8, 7, 0, 6, 5, 4, 128]))

    def test_flatten_on_white(self):
        self.assertEqual(pixels.flatten_on_white(bytes([0, 0, 0, 0, 10, 20, 30, 255])), bytes([255] * 3 + [10, 20, 30]))


if __name__ == "__main__":
    unittest.main()

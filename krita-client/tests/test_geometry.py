import unittest

from easel_krita import geometry
from easel_krita.geometry import Box


class ContextBoxTest(unittest.TestCase):
    def check(self, box, sel, cw, ch):
        self.assertEqual(box.width % 8, 0, box)
        self.assertEqual(box.height % 8, 0, box)
        self.assertTrue(Box(0, 0, cw, ch).contains(box), box)
        self.assertTrue(box.contains(sel), (box, sel))

    def test_small_selection_grows_to_model_resolution_inside_a_large_canvas(self):
        sel = Box(1000, 800, 40, 30)
        box = geometry.context_box(sel, 2000, 1500)
        self.check(box, sel, 2000, 1500)
        self.assertEqual((box.width, box.height), (512, 512))

    def test_box_is_clamped_to_a_small_canvas(self):
        sel = Box(40, 32, 24, 24)
        box = geometry.context_box(sel, 128, 96)
        self.check(box, sel, 128, 96)
        self.assertEqual(box, Box(0, 0, 128, 96))

    def test_selection_at_the_edge_keeps_padding_inward(self):
        sel = Box(0, 0, 100, 60)
        box = geometry.context_box(sel, 3000, 3000, min_size=0)
        self.check(box, sel, 3000, 3000)
        self.assertEqual((box.x, box.y), (0, 0))
        # padding: max(3000 // 16, (100 + 60) // 4) = 187 on the far sides, rounded up to 8
        self.assertEqual((box.width, box.height), (288, 248))

    def test_canvas_not_a_multiple_of_eight_rounds_down_inside_it(self):
        sel = Box(10, 10, 50, 50)
        box = geometry.context_box(sel, 101, 77)
        self.check(box, sel, 101, 77)
        self.assertEqual((box.width, box.height), (96, 72))

    def test_canvas_box_trims_to_multiples(self):
        self.assertEqual(geometry.canvas_box(101, 77), Box(0, 0, 96, 72))

    def test_outpaint_canvas_offsets_are_negative(self):
        self.assertEqual(geometry.outpaint_canvas(100, 80, 16, 0, 8, 0), Box(-16, -8, 116, 88))
        with self.assertRaises(ValueError):
            geometry.outpaint_canvas(100, 80, 0, 0, 0, 0)
        with self.assertRaises(ValueError):
            geometry.outpaint_canvas(100, 80, -1, 0, 0, 0)


if __name__ == "__main__":
    unittest.main()

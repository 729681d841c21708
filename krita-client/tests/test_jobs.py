import base64
import unittest

from easel_krita import jobs, pngio


class JobsTest(unittest.TestCase):
    def setUp(self):
        self.p = jobs.Params(prompt="a red hand", negative_prompt="blurry", steps=12, cfg_scale=6.5,
                             sampler="DPM++ 2M", seed=42, batch_size=2, strength=0.4)
        self.rgba = bytes(range(256)) * (8 * 8 * 4 // 256)

    def test_inpaint_body_carries_image_mask_and_a1111_fields(self):
        mask = bytes([255 if x < 4 else 0 for y in range(8) for x in range(8)])
        body = jobs.inpaint(self.p, self.rgba, mask, 8, 8, mask_blur=6, masked_content=2)
        self.assertEqual(body["mode"], "inpaint")
        self.assertEqual((body["width"], body["height"]), (8, 8))
        self.assertEqual(body["sampler_name"], "DPM++ 2M")
        self.assertEqual(body["denoising_strength"], 0.4)
        self.assertEqual(body["mask_blur"], 6)
        self.assertEqual(body["inpainting_fill"], 2)
        self.assertFalse(body["inpaint_full_res"])
        w, h, img, _ = pngio.decode(base64.b64decode(body["init_images"][0]))
        self.assertEqual(img, self.rgba)
        _, _, m, _ = pngio.decode(base64.b64decode(body["mask"]))
        self.assertEqual(m[0::4], mask)

    def test_refine_without_a_mask_is_img2img(self):
        body = jobs.refine(self.p, self.rgba, 8, 8)
        self.assertEqual(body["mode"], "img2img")
        self.assertNotIn("mask", body)

    def test_outpaint_names_each_side(self):
        body = jobs.outpaint(self.p, self.rgba, 8, 8, 0, 16, 8, 0)
        self.assertEqual((body["outpaint_left"], body["outpaint_right"], body["outpaint_up"], body["outpaint_down"]),
                         (0, 16, 8, 0))

    def test_extras_bodies(self):
        up = jobs.upscale(self.rgba, 8, 8, 4, "R-ESRGAN 4x+")
        self.assertEqual((up["mode"], up["upscaling_resize"], up["upscaler_1"]), ("extras", 4.0, "R-ESRGAN 4x+"))
        faces = jobs.restore_faces(self.rgba, 8, 8, "GFPGAN", 0.8)
        self.assertEqual(faces["gfpgan_visibility"], 0.8)
        self.assertNotIn("codeformer_visibility", faces)

    def test_layer_name_says_what_made_it(self):
        self.assertEqual(jobs.layer_name("a  red\nhand", 42, "Inpaint"), "[Inpaint] a red hand (42)")
        long = jobs.layer_name("x" * 100, 1)
        self.assertTrue(long.endswith("... (1)"))
        self.assertLess(len(long), 80)
        self.assertEqual(jobs.layer_name("upscale x2", None, "Upscale"), "[Upscale] upscale x2")


if __name__ == "__main__":
    unittest.main()

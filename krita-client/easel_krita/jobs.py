"""Request bodies for the bridge's jobs API, one builder per docker action.

Field names are A1111's (the bridge's ``/easel/v1/jobs`` takes the txt2img/img2img body plus
``mode``); images travel as base64 PNG.
"""

import base64
from collections import namedtuple

from . import pngio

#: Strength the Refine action starts from: a light touch-up, as the iterative img2img loop users run.
DEFAULT_REFINE_STRENGTH = 0.35


class Params(namedtuple("Params", "prompt negative_prompt steps cfg_scale sampler seed batch_size strength")):
    """What the docker's fields hold; every builder starts from these."""


Params.__new__.__defaults__ = ("", "", 20, 7.0, "Euler a", -1, 1, 0.75)


def b64png(rgba, width, height, channels=4):
    return base64.b64encode(pngio.encode(rgba, width, height, channels)).decode("ascii")


def _common(p, width, height):
    return {
        "prompt": p.prompt,
        "negative_prompt": p.negative_prompt,
        "steps": int(p.steps),
        "cfg_scale": float(p.cfg_scale),
        "sampler_name": p.sampler,
        "seed": int(p.seed),
        "batch_size": int(p.batch_size),
        "width": int(width),
        "height": int(height),
    }


def txt2img(p, width, height):
    body = _common(p, width, height)
    body["mode"] = "txt2img"
    return body


def inpaint(p, image_rgba, mask, width, height, mask_blur=4, masked_content=1):
    """Inpaints the masked part of an image already cropped to the context box.

    The crop is the context, so the bridge works on the whole picture it is given
    (``inpaint_full_res`` false) and composites with the blurred mask: pixels outside it come back
    unchanged.
    """
    body = _common(p, width, height)
    body.update({
        "mode": "inpaint",
        "init_images": [b64png(image_rgba, width, height)],
        "mask": b64png(mask, width, height, channels=1),
        "denoising_strength": float(p.strength),
        "mask_blur": int(mask_blur),
        "inpainting_fill": int(masked_content),
        "inpaint_full_res": False,
    })
    return body


def refine(p, image_rgba, width, height, mask=None, mask_blur=4):
    """Low-strength img2img of a region (with a mask when the region is a selection)."""
    body = _common(p, width, height)
    body.update({
        "mode": "inpaint" if mask is not None else "img2img",
        "init_images": [b64png(image_rgba, width, height)],
        "denoising_strength": float(p.strength),
    })
    if mask is not None:
        body.update({"mask": b64png(mask, width, height, channels=1), "mask_blur": int(mask_blur),
                     "inpainting_fill": 1, "inpaint_full_res": False})
    return body


def outpaint(p, image_rgba, width, height, left, right, up, down):
    body = _common(p, width + left + right, height + up + down)
    body.update({
        "mode": "outpaint",
        "init_images": [b64png(image_rgba, width, height)],
        "denoising_strength": float(p.strength),
        "outpaint_left": int(left), "outpaint_right": int(right),
        "outpaint_up": int(up), "outpaint_down": int(down),
    })
    return body


def upscale(image_rgba, width, height, factor, upscaler):
    return {
        "mode": "extras",
        "image": b64png(image_rgba, width, height),
        "upscaling_resize": float(factor),
        "upscaler_1": upscaler,
    }


def restore_faces(image_rgba, width, height, model, strength):
    body = {"mode": "extras", "image": b64png(image_rgba, width, height), "upscaling_resize": 1.0}
    if model.lower().startswith("gfpgan"):
        body["gfpgan_visibility"] = float(strength)
    else:
        body["codeformer_visibility"] = float(strength)
        body["codeformer_weight"] = 0.5
    return body


def layer_name(prompt, seed, action="Easel"):
    """A result layer's name: what made it, so the layer panel reads as a history."""
    text = " ".join(prompt.split())
    if len(text) > 60:
        text = text[:57] + "..."
    if seed is None or seed == "-":
        return "[%s] %s" % (action, text or "no prompt")
    return "[%s] %s (%s)" % (action, text or "no prompt", seed)

"""Scenarios run inside real Krita by ``kritarunner`` (see test_krita_integration.py).

kritarunner calls ``__main__([scenario, bridge_url, out_path])`` and exits 0 whatever happens, so
every scenario writes a JSON result file that the unittest side checks.
"""

import hashlib
import json
import time
import traceback

from krita import Krita, Selection
from PyQt5.QtCore import QByteArray, QCoreApplication

from easel_krita import geometry, jobs
from easel_krita.controller import PREVIEW_NAME, ANNOTATION_KEY, Controller, Settings
from easel_krita.geometry import Box


def _doc(width, height):
    app = Krita.instance()
    doc = app.createDocument(width, height, "easel-test", "RGBA", "U8", "", 72.0)
    bg = doc.rootNode().childNodes()[0]
    bg.setPixelData(QByteArray(bytes((x * 255 // width, y * 255 // height, 128, 255)[i]
                                     for y in range(height) for x in range(width) for i in range(4))),
                    0, 0, width, height)
    paint = doc.createNode("paint", "paintlayer")
    doc.rootNode().addChildNode(paint, None)
    sq = 24
    paint.setPixelData(QByteArray(b"\x20\x20\xe0\xff" * sq * sq), width // 2 - sq // 2, height // 2 - sq // 2, sq, sq)
    doc.refreshProjection()
    return doc


def _snapshot(doc):
    out = {}
    for n in doc.rootNode().childNodes():
        data = bytes(n.pixelData(0, 0, doc.width(), doc.height()))
        out[n.name()] = hashlib.sha256(data).hexdigest()
    return out


def _run(controller, start, cancel_after_first_step=False, timeout=180):
    seen = {"steps": 0}

    def progress(fraction, text):
        if text.startswith("Step"):
            seen["steps"] += 1
    controller.on_progress = progress
    start()
    deadline = time.monotonic() + timeout
    cancelled = False
    while time.monotonic() < deadline:
        QCoreApplication.processEvents()
        busy = controller.poll()
        if cancel_after_first_step and not cancelled and seen["steps"] > 0:
            controller.cancel()
            cancelled = True
        if not busy:
            return seen
        time.sleep(0.02)
    raise TimeoutError("the job did not finish in %d s" % timeout)


def _alpha_bbox(node, width, height):
    data = bytes(node.pixelData(0, 0, width, height))
    xs0, ys0, xs1, ys1 = width, height, -1, -1
    for y in range(height):
        row = data[y * width * 4:(y + 1) * width * 4]
        alphas = row[3::4]
        if any(alphas):
            first = next(i for i, a in enumerate(alphas) if a)
            last = width - 1 - next(i for i, a in enumerate(reversed(alphas)) if a)
            xs0, xs1, ys0, ys1 = min(xs0, first), max(xs1, last), min(ys0, y), max(ys1, y)
    return None if xs1 < 0 else [xs0, ys0, xs1 - xs0 + 1, ys1 - ys0 + 1]


def _layers(doc):
    return [n.name() for n in doc.rootNode().childNodes()]


def _params(**kw):
    base = dict(prompt="a red hand", negative_prompt="blurry", steps=4, seed=11, strength=0.75)
    base.update(kw)
    return jobs.Params(**base)


def inpaint(url, out):
    doc = _doc(704, 640)
    sel = Selection()
    sel.select(400, 300, 40, 32, 255)
    doc.setSelection(sel)
    before = _snapshot(doc)
    c = Controller(Settings(url=url))
    _run(c, lambda: c.inpaint(doc, _params()))
    box = geometry.context_box(Box(400, 300, 40, 32), doc.width(), doc.height())
    new = [n for n in doc.rootNode().childNodes() if n.name() not in before]
    out.update(error=str(c.last_error) if c.last_error else None, results=c.results, layers=_layers(doc),
               new_layers=[n.name() for n in new], box=list(box),
               originals_unchanged=all(_snapshot(doc).get(k) == v for k, v in before.items()),
               annotation=bytes(doc.annotation(ANNOTATION_KEY) or b"").decode("utf-8", "replace"))
    if new:
        out["alpha_bbox"] = _alpha_bbox(new[0], doc.width(), doc.height())
        centre = bytes(new[0].pixelData(420, 316, 1, 1))
        out["centre_alpha"] = centre[3]


def upscale(url, out):
    doc = _doc(64, 48)
    c = Controller(Settings(url=url))
    before = _layers(doc)
    _run(c, lambda: c.upscale(doc, 2.0, "Lanczos"))
    out.update(error=str(c.last_error) if c.last_error else None, size=[doc.width(), doc.height()],
               layers=_layers(doc), before=before, results=c.results)


def outpaint(url, out):
    doc = _doc(64, 48)
    paint = [n for n in doc.rootNode().childNodes() if n.name() == "paint"][0]
    before_px = bytes(paint.pixelData(20, 12, 24, 24))
    c = Controller(Settings(url=url))
    _run(c, lambda: c.outpaint(doc, _params(), left=0, right=32, up=16, down=0))
    out.update(error=str(c.last_error) if c.last_error else None, size=[doc.width(), doc.height()],
               layers=_layers(doc), results=c.results,
               paint_moved_intact=bytes(paint.pixelData(20, 12 + 16, 24, 24)) == before_px)


def refine_batch(url, out):
    doc = _doc(64, 64)
    c = Controller(Settings(url=url))
    _run(c, lambda: c.refine(doc, _params(strength=0.3), variants=2))
    groups = [n for n in doc.rootNode().childNodes() if n.type() == "grouplayer"]
    out.update(error=str(c.last_error) if c.last_error else None, layers=_layers(doc), results=c.results,
               group_children=[[ch.name(), ch.visible()] for ch in groups[0].childNodes()] if groups else None)


def cancel(url, out):
    doc = _doc(512, 512)
    sel = Selection()
    sel.select(200, 200, 64, 64, 255)
    doc.setSelection(sel)
    before = _snapshot(doc)
    c = Controller(Settings(url=url))
    seen = _run(c, lambda: c.inpaint(doc, _params(steps=150)), cancel_after_first_step=True)
    out.update(error=str(c.last_error) if c.last_error else None, layers=_layers(doc), before=list(before),
               steps_seen=seen["steps"], results=c.results, preview_left=PREVIEW_NAME in _layers(doc),
               originals_unchanged=_snapshot(doc) == before)


def stopped_bridge(url, out):
    doc = _doc(64, 48)
    sel = Selection()
    sel.select(8, 8, 16, 16, 255)
    doc.setSelection(sel)
    before = _snapshot(doc)
    messages = []
    c = Controller(Settings(url=url), notify=messages.append)
    _run(c, lambda: c.inpaint(doc, _params()))
    out.update(error_kind=c.last_error.kind if c.last_error else None, messages=messages,
               unchanged=_snapshot(doc) == before, layers=_layers(doc))


def docker(url, out):
    """The docker builds inside Krita, keeps its settings, and shows the bridge's token count."""
    from easel_krita.docker import EaselDocker
    Settings(url=url).save()
    d = EaselDocker()
    out["url_field"] = d.url.text()
    d.prompt.setPlainText("a (red:1.3) hand, [oil:watercolor:0.5] painting")
    d._analyze()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and d.tokens.text().startswith("0/"):
        QCoreApplication.processEvents()
        d._tick()
        time.sleep(0.05)
    out["tokens"] = d.tokens.text()
    p = d._params()
    out["params"] = [p.prompt, p.steps, p.sampler, p.seed]


SCENARIOS = {f.__name__: f for f in (inpaint, upscale, outpaint, refine_batch, cancel, stopped_bridge, docker)}


def __main__(args):
    name, url, path = args[0], args[1], args[2]
    out = {"scenario": name}
    try:
        Krita.instance().setBatchmode(True)
        SCENARIOS[name](url, out)
        out["ok"] = True
    except Exception:
        out["ok"] = False
        out["traceback"] = traceback.format_exc()
    with open(path, "w", encoding="utf-8") as f:
        json.dump(out, f)

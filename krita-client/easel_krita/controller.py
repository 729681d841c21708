"""The docker's actions on a Krita document: read pixels and selection, run a bridge job, and put
results back as new layers. Only this module and ``docker.py`` touch Krita's API.

Nothing here paints on an existing layer: results are new paint layers (a group for batches), the
live preview is one locked layer reused for the whole job and removed when it ends, and a job that
fails or is cancelled leaves the document exactly as it was.
"""

import time

from krita import Krita, InfoObject  # noqa: F401  (InfoObject kept for scripts that export)
from PyQt5.QtCore import QByteArray

from . import geometry, jobs, masks, pixels
from .bridge import BridgeClient, BridgeError
from .geometry import Box
from .task import Task, decode_png

PREVIEW_NAME = "[Easel preview]"
ANNOTATION_KEY = "easel/parameters"


class Settings:
    """Bridge URL, credentials and timeouts; persisted in Krita's settings."""

    GROUP = "easel"

    def __init__(self, url=None, username="", password="", timeout=30.0, source="image"):
        self.url = url or "http://127.0.0.1:7860"
        self.username = username
        self.password = password
        self.timeout = timeout
        self.source = source  # "image" (what you see) or "layer" (the active layer)

    @classmethod
    def load(cls):
        app = Krita.instance()
        read = lambda key, default: app.readSetting(cls.GROUP, key, str(default))  # noqa: E731
        try:
            timeout = float(read("timeout", 30.0))
        except ValueError:
            timeout = 30.0
        return cls(read("url", "http://127.0.0.1:7860"), read("username", ""), read("password", ""),
                   timeout, read("source", "image"))

    def save(self):
        app = Krita.instance()
        for key in ("url", "username", "password", "timeout", "source"):
            app.writeSetting(self.GROUP, key, str(getattr(self, key)))

    def client(self):
        return BridgeClient(self.url, self.username, self.password, self.timeout)


class Pending:
    """What the UI thread needs to place a job's results."""

    def __init__(self, doc, action, params, box, alpha=None, place=None):
        self.doc = doc
        self.action = action
        self.params = params
        self.box = box
        self.alpha = alpha          # callable returning per-pixel alpha for the box, or None (opaque)
        self.place = place          # optional callable(doc, images, result) replacing default placement
        self.preview = None
        self.task = None


def _check_document(doc):
    if doc is None:
        raise BridgeError("no_document", "Open a document first.")
    if doc.colorModel() != "RGBA" or doc.colorDepth() != "U8":
        raise BridgeError("color_space", "Easel works on 8-bit RGBA documents; this one is %s/%s. Convert it with "
                          "Image > Convert Image Color Space." % (doc.colorModel(), doc.colorDepth()))


def _read_rgba(doc, box, source):
    if source == "layer" and doc.activeNode() is not None:
        data = doc.activeNode().projectionPixelData(box.x, box.y, box.width, box.height)
    else:
        doc.refreshProjection()
        data = doc.pixelData(box.x, box.y, box.width, box.height)
    return pixels.bgra_to_rgba(bytes(data))


def _selection(doc):
    """The selection's bounding box and whether it is a real one (not empty, not the whole canvas)."""
    sel = doc.selection()
    if sel is None or sel.width() <= 0 or sel.height() <= 0:
        return None
    box = Box(sel.x(), sel.y(), sel.width(), sel.height())
    if box == Box(0, 0, doc.width(), doc.height()):
        data = bytes(sel.pixelData(0, 0, doc.width(), doc.height()))
        if masks.covers_everything(data):
            return None
    return box


class Controller:
    """Runs one job at a time for the docker; ``poll()`` must be called regularly on the UI thread."""

    def __init__(self, settings=None, notify=None, on_progress=None):
        self.settings = settings or Settings()
        self.notify = notify or (lambda message: None)
        self.on_progress = on_progress or (lambda fraction, text: None)
        self.task = None
        self.pending = None
        self.last_error = None
        self.last_seed = None
        self.results = []  # names of the layers the last job created

    # -- actions ----------------------------------------------------------------------------------

    def generate(self, doc, params):
        """txt2img over the selection's context box, or the canvas."""
        _check_document(doc)
        sel = _selection(doc)
        if sel is None:
            box = geometry.canvas_box(doc.width(), doc.height())
            return self._start(Pending(doc, "Generate", params, box),
                               lambda: jobs.txt2img(params, box.width, box.height))
        box = geometry.context_box(sel, doc.width(), doc.height())
        mask = self._mask(doc, box)
        return self._start(Pending(doc, "Generate", params, box, alpha=lambda: masks.blur(mask, box.width, box.height)),
                           lambda: jobs.txt2img(params, box.width, box.height))

    def inpaint(self, doc, params, mask_blur=masks.DEFAULT_MASK_BLUR, masked_content=1):
        _check_document(doc)
        sel = _selection(doc)
        if sel is None:
            raise BridgeError("no_selection", "Select the region to inpaint first (any selection tool).")
        box = geometry.context_box(sel, doc.width(), doc.height())
        image = _read_rgba(doc, box, self.settings.source)
        mask = self._mask(doc, box)
        return self._start(
            Pending(doc, "Inpaint", params, box, alpha=lambda: masks.blur(mask, box.width, box.height, mask_blur)),
            lambda: jobs.inpaint(params, image, mask, box.width, box.height, mask_blur, masked_content))

    def refine(self, doc, params, variants=1):
        """Low-strength img2img of the selection (soft-edged) or of the whole canvas; N variants."""
        _check_document(doc)
        params = params._replace(batch_size=max(1, int(variants)))
        sel = _selection(doc)
        if sel is None:
            box = geometry.canvas_box(doc.width(), doc.height())
            image = _read_rgba(doc, box, self.settings.source)
            return self._start(Pending(doc, "Refine", params, box),
                               lambda: jobs.refine(params, image, box.width, box.height))
        box = geometry.context_box(sel, doc.width(), doc.height())
        image = _read_rgba(doc, box, self.settings.source)
        mask = self._mask(doc, box)
        return self._start(Pending(doc, "Refine", params, box, alpha=lambda: masks.blur(mask, box.width, box.height)),
                           lambda: jobs.refine(params, image, box.width, box.height, mask=mask))

    def outpaint(self, doc, params, left=0, right=0, up=0, down=0):
        _check_document(doc)
        canvas = geometry.outpaint_canvas(doc.width(), doc.height(), left, right, up, down)
        box = Box(0, 0, doc.width(), doc.height())
        image = _read_rgba(doc, box, self.settings.source)

        def place(doc, images, result):
            # The canvas grows only now, so a cancelled or failed job leaves the document alone.
            doc.resizeImage(canvas.x, canvas.y, canvas.width, canvas.height)
            doc.waitForDone()
            placed = []
            for w, h, rgba in images:
                w2, h2 = min(w, canvas.width), min(h, canvas.height)
                rgba = _crop(rgba, w, 0, 0, w2, h2)
                alpha = masks.outpaint_alpha(w2, h2, left, right, up, down)
                placed.append((rgba, alpha, Box(0, 0, w2, h2)))
            return placed

        return self._start(Pending(doc, "Outpaint", params, box, place=place),
                           lambda: jobs.outpaint(params, image, box.width, box.height, left, right, up, down))

    def upscale(self, doc, factor=2.0, upscaler="Lanczos"):
        """Upscales what you see; the document is scaled to match and the result is a new layer on top."""
        _check_document(doc)
        box = Box(0, 0, doc.width(), doc.height())
        image = _read_rgba(doc, box, "image")
        params = jobs.Params(prompt="upscale x%g %s" % (factor, upscaler))

        def place(doc, images, result):
            w, h, rgba = images[0]
            doc.scaleImage(w, h, int(round(doc.xRes())), int(round(doc.yRes())), "Bicubic")
            doc.waitForDone()
            return [(rgba, None, Box(0, 0, w, h))]

        return self._start(Pending(doc, "Upscale", params, box, place=place),
                           lambda: jobs.upscale(image, box.width, box.height, factor, upscaler))

    def restore_faces(self, doc, model="CodeFormer", strength=1.0):
        _check_document(doc)
        box = Box(0, 0, doc.width(), doc.height())
        image = _read_rgba(doc, box, "image")
        params = jobs.Params(prompt="restore faces %s %.2f" % (model, strength))
        return self._start(Pending(doc, "Restore faces", params, box),
                           lambda: jobs.restore_faces(image, box.width, box.height, model, strength))

    def cancel(self):
        if self.task is not None:
            self.task.cancel()

    @property
    def busy(self):
        return self.task is not None

    # -- plumbing ---------------------------------------------------------------------------------

    @staticmethod
    def _mask(doc, box):
        sel = doc.selection()
        return masks.selection_mask(sel.pixelData(box.x, box.y, box.width, box.height), box.width, box.height)

    def _start(self, pending, build):
        if self.task is not None:
            raise BridgeError("busy", "Easel is still working on the last request; wait or cancel it.")
        self.last_error = None
        self.results = []
        self.pending = pending
        self.task = Task(self.settings.client(), build, prepare=pending.alpha).start()
        pending.task = self.task
        return self.task

    def poll(self):
        """Applies what the worker reported; returns True while a job is running."""
        task = self.task
        if task is None:
            return False
        for event in task.drain():
            kind = event[0]
            if kind == "queued":
                continue
            if kind == "progress":
                self._progress(event[1])
                continue
            pending = self.pending
            self.task = None
            self.pending = None
            try:
                self._remove_preview(pending)
                if kind == "done":
                    self._apply(pending, event[1], event[2])
                    self.on_progress(1.0, "Done")
                elif kind == "cancelled":
                    self.on_progress(0.0, "Cancelled")
                elif kind == "error":
                    raise event[1]
            except Exception as e:  # a bug must still reach the user, not die in a timer callback
                err = e if isinstance(e, BridgeError) else BridgeError(
                    "internal", "Easel could not place the result: %s: %s" % (type(e).__name__, e))
                self.last_error = err
                self.on_progress(0.0, "Failed")
                self.notify(str(err))
            return False
        return True

    def _progress(self, status):
        total = status.get("total") or 0
        step = status.get("step") or 0
        if status.get("state") == "queued":
            text = "Queued (position %s)" % status.get("queue_position")
        else:
            eta = status.get("eta_seconds")
            text = "Step %d/%d" % (step, total) + ("" if eta is None else ", %.0f s left" % eta)
        self.on_progress(step / total if total else 0.0, text)
        preview = status.get("preview")
        pending = self.pending
        if preview and pending is not None and pending.place is None:
            try:
                w, h, rgba = decode_png(preview)
            except (BridgeError, ValueError):
                return
            self._show_preview(pending, w, h, rgba)

    @staticmethod
    def _show_preview(pending, w, h, rgba):
        doc = pending.doc
        box = pending.box
        if (w, h) != (box.width, box.height):
            return  # a preview at another size is skipped rather than stretched
        layer = pending.preview
        if layer is None:
            layer = doc.createNode(PREVIEW_NAME, "paintlayer")
            doc.rootNode().addChildNode(layer, None)
            pending.preview = layer
        layer.setLocked(False)
        layer.setPixelData(QByteArray(pixels.rgba_to_bgra(rgba)), box.x, box.y, w, h)
        layer.setLocked(True)
        doc.refreshProjection()

    @staticmethod
    def _remove_preview(pending):
        if pending is not None and pending.preview is not None:
            pending.preview.remove()
            pending.preview = None
            pending.doc.refreshProjection()

    def _apply(self, pending, result, images):
        doc = pending.doc
        if not images:
            raise BridgeError("empty", "The bridge returned no image.")
        if pending.place is not None:
            placed = pending.place(doc, images, result)
        else:
            box = pending.box
            alpha = pending.task.prepared if pending.alpha is not None else None
            placed = []
            for w, h, rgba in images:
                if (w, h) != (box.width, box.height):
                    w2, h2 = min(w, box.width), min(h, box.height)
                    rgba = _crop(rgba, w, 0, 0, w2, h2)
                    a = None if alpha is None else _crop(alpha, box.width, 0, 0, w2, h2, channels=1)
                    placed.append((rgba, a, Box(box.x, box.y, w2, h2)))
                else:
                    placed.append((rgba, alpha, box))
        seeds = result.get("seeds") or []
        infotexts = result.get("infotexts") or []
        names = [jobs.layer_name(pending.params.prompt, seeds[i] if i < len(seeds) else None, pending.action)
                 for i in range(len(placed))]
        parent = doc.rootNode()
        if len(placed) > 1:
            group = doc.createGroupLayer("[%s] %d results" % (pending.action, len(placed)))
            parent.addChildNode(group, None)
            parent = group
        # Added bottom-up so the first result ends on top of its group, the one left visible.
        for i in reversed(range(len(placed))):
            rgba, alpha, where = placed[i]
            if alpha is not None:
                rgba = pixels.with_alpha(rgba, alpha)
            node = doc.createNode(names[i], "paintlayer")
            parent.addChildNode(node, None)
            node.setPixelData(QByteArray(pixels.rgba_to_bgra(rgba)), where.x, where.y, where.width, where.height)
            node.setVisible(i == 0)
        self._record(doc, names, infotexts)
        self.results = names
        if seeds:
            self.last_seed = seeds[0]
        doc.refreshProjection()

    @staticmethod
    def _record(doc, names, infotexts):
        """Keeps the generation parameters findable: a document annotation (saved in the .kra)
        and, for a saved document, a text file beside it that is only ever appended to."""
        lines = []
        stamp = time.strftime("%Y-%m-%d %H:%M:%S")
        for i, name in enumerate(names):
            text = infotexts[i] if i < len(infotexts) and infotexts[i] else ""
            lines.append("%s  %s\n%s\n" % (stamp, name, text))
        entry = "\n".join(lines)
        try:
            old = bytes(doc.annotation(ANNOTATION_KEY) or b"").decode("utf-8", "replace")
            doc.setAnnotation(ANNOTATION_KEY, "Easel generation parameters",
                              QByteArray((old + entry).encode("utf-8")))
        except AttributeError:
            pass  # Krita without document annotations: the layer names and the side file remain
        path = doc.fileName()
        if path:
            with open(path + ".easel.txt", "a", encoding="utf-8") as f:
                f.write(entry + "\n")


def _crop(data, width, x, y, w, h, channels=4):
    """A sub-rectangle of row-major pixel bytes."""
    stride = width * channels
    return b"".join(bytes(data[(y + r) * stride + x * channels:(y + r) * stride + (x + w) * channels])
                    for r in range(h))

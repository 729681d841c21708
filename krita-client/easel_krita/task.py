"""One bridge job run off Krita's UI thread.

The worker thread submits, polls and downloads; the UI thread drains :attr:`Task.events` (from a
QTimer in the docker, or a loop in tests) and is the only one that touches the document.
"""

import base64
import queue
import threading
import time

from . import pngio
from .bridge import BridgeError

POLL_SECONDS = 0.25


def decode_png(b64):
    """Decodes a base64 PNG to ``(width, height, rgba)``, with Qt when present (fast), else stdlib."""
    data = base64.b64decode(b64)
    try:
        from PyQt5.QtGui import QImage
    except ImportError:
        w, h, rgba, _text = pngio.decode(data)
        return w, h, rgba
    img = QImage.fromData(data, "PNG")
    if img.isNull():
        raise BridgeError("protocol", "The bridge sent an image that is not a valid PNG.")
    img = img.convertToFormat(QImage.Format_RGBA8888)
    w, h = img.width(), img.height()
    ptr = img.constBits()
    ptr.setsize(img.bytesPerLine() * h)
    raw = bytes(ptr)
    stride = img.bytesPerLine()
    if stride != w * 4:
        raw = b"".join(raw[y * stride:y * stride + w * 4] for y in range(h))
    return w, h, raw


class Task:
    """Submits ``build()`` (called on the worker thread, so heavy encoding stays off the UI) and
    follows the job. Events: ("queued", id), ("progress", status), ("done", result, images),
    ("cancelled",), ("error", BridgeError)."""

    def __init__(self, client, build, prepare=None):
        self.client = client
        self._build = build
        self._prepare = prepare
        self.prepared = None
        self.job_id = None
        self.events = queue.Queue()
        self._cancel = threading.Event()
        self._thread = threading.Thread(target=self._run, name="easel-job", daemon=True)

    def start(self):
        self._thread.start()
        return self

    def cancel(self):
        self._cancel.set()

    @property
    def cancel_requested(self):
        return self._cancel.is_set()

    def is_alive(self):
        return self._thread.is_alive()

    def _run(self):
        try:
            if self._prepare is not None:
                self.prepared = self._prepare()
            body = self._build()
            if self._cancel.is_set():
                self.events.put(("cancelled",))
                return
            self.job_id = self.client.submit(body)
            self.events.put(("queued", self.job_id))
            while True:
                if self._cancel.is_set():
                    self.client.cancel(self.job_id)
                    self.events.put(("cancelled",))
                    return
                status = self.client.status(self.job_id)
                state = status.get("state")
                if state == "done":
                    result = self.client.result(self.job_id)
                    images = [decode_png(b) for b in result.get("images", [])]
                    self.events.put(("done", result, images))
                    return
                if state == "cancelled":
                    self.events.put(("cancelled",))
                    return
                if state == "failed":
                    err = status.get("error") or {}
                    self.events.put(("error", BridgeError(err.get("error", "failed"),
                                                          err.get("detail") or "The job failed on the bridge.")))
                    return
                self.events.put(("progress", status))
                self._cancel.wait(POLL_SECONDS)
        except BridgeError as e:
            self.events.put(("error", e))
        except Exception as e:  # a bug: still report it instead of leaving the docker waiting forever
            self.events.put(("error", BridgeError("internal", "Easel failed: %s: %s" % (type(e).__name__, e))))

    def drain(self):
        """The events so far, without waiting."""
        out = []
        while True:
            try:
                out.append(self.events.get_nowait())
            except queue.Empty:
                return out


def wait(task, poll, timeout=120.0):
    """Test and script helper: pumps Qt events and ``poll()`` until the task's worker ends."""
    try:
        from PyQt5.QtCore import QCoreApplication
    except ImportError:
        QCoreApplication = None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if QCoreApplication is not None:
            QCoreApplication.processEvents()
        busy = poll()
        if not busy and not task.is_alive():
            return True
        time.sleep(0.02)
    return False

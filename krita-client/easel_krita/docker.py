"""The Easel docker: prompt, settings and actions. Thin: every action is a Controller call."""

import threading

from krita import DockWidget, Krita
from PyQt5.QtCore import QTimer
from PyQt5.QtWidgets import (QCheckBox, QComboBox, QDoubleSpinBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel,
                             QLineEdit, QMessageBox, QPlainTextEdit, QProgressBar, QPushButton, QSpinBox,
                             QVBoxLayout, QWidget)

from . import jobs
from .bridge import BridgeError
from .controller import Controller, Settings

SAMPLERS = ["Euler a", "Euler", "DPM++ 2M", "DPM++ SDE", "DPM++ 2M SDE", "DPM++ 2S a", "Heun", "LMS", "DPM2",
            "DPM2 a", "DDIM"]
UPSCALERS = ["Lanczos", "Nearest", "R-ESRGAN 4x+", "realesr-general-x4v3"]
FACE_MODELS = ["CodeFormer", "GFPGAN"]


class EaselDocker(DockWidget):
    def __init__(self):
        super().__init__()
        self.setWindowTitle("Easel")
        self.controller = Controller(Settings.load(), notify=self._notify, on_progress=self._progress)
        self._analyze_result = None
        root = QWidget(self)
        layout = QVBoxLayout(root)

        self.prompt = QPlainTextEdit()
        self.prompt.setPlaceholderText("Prompt: (emphasis:1.2), [from:to:when], AND, BREAK as in A1111")
        self.negative = QPlainTextEdit()
        self.negative.setPlaceholderText("Negative prompt")
        self.tokens = QLabel("0/75 tokens")
        layout.addWidget(self.prompt)
        layout.addWidget(self.tokens)
        layout.addWidget(self.negative)

        form = QFormLayout()
        self.strength = _dspin(0.0, 1.0, 0.75, 0.05)
        self.steps = _spin(1, 150, 20)
        self.cfg = _dspin(1.0, 30.0, 7.0, 0.5)
        self.sampler = QComboBox()
        self.sampler.addItems(SAMPLERS)
        self.seed = _spin(-1, 2 ** 31 - 1, -1)
        self.reuse_seed = QCheckBox("Reuse last seed")
        self.batch = _spin(1, 8, 1)
        self.source = QComboBox()
        self.source.addItems(["image", "layer"])
        self.source.setCurrentText(self.controller.settings.source)
        seed_row = QHBoxLayout()
        seed_row.addWidget(self.seed)
        seed_row.addWidget(self.reuse_seed)
        for label, widget in (("Strength", self.strength), ("Steps", self.steps), ("CFG", self.cfg),
                              ("Sampler", self.sampler), ("Batch", self.batch), ("Send", self.source)):
            form.addRow(label, widget)
        form.addRow("Seed", seed_row)
        layout.addLayout(form)

        actions = QGroupBox("Actions")
        grid = QVBoxLayout(actions)
        self.outpaint_px = _spin(8, 1024, 128)
        self.outpaint_sides = {side: QCheckBox(side) for side in ("left", "right", "up", "down")}
        self.outpaint_sides["right"].setChecked(True)
        self.variants = _spin(1, 8, 2)
        self.upscaler = QComboBox()
        self.upscaler.addItems(UPSCALERS)
        self.face_model = QComboBox()
        self.face_model.addItems(FACE_MODELS)
        for text, slot in (("Generate", self._generate), ("Inpaint selection", self._inpaint),
                           ("Refine", self._refine)):
            grid.addWidget(_button(text, slot))
        row = QHBoxLayout()
        row.addWidget(QLabel("Variants"))
        row.addWidget(self.variants)
        grid.addLayout(row)
        row = QHBoxLayout()
        row.addWidget(_button("Outpaint", self._outpaint))
        row.addWidget(self.outpaint_px)
        for box in self.outpaint_sides.values():
            row.addWidget(box)
        grid.addLayout(row)
        row = QHBoxLayout()
        row.addWidget(_button("Upscale x2", lambda: self._upscale(2.0)))
        row.addWidget(_button("Upscale x4", lambda: self._upscale(4.0)))
        row.addWidget(self.upscaler)
        grid.addLayout(row)
        row = QHBoxLayout()
        row.addWidget(_button("Restore faces", self._faces))
        row.addWidget(self.face_model)
        grid.addLayout(row)
        layout.addWidget(actions)

        self.progress = QProgressBar()
        self.status = QLabel("")
        self.cancel_button = _button("Cancel", self.controller.cancel)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.cancel_button)

        settings = QGroupBox("Bridge")
        sform = QFormLayout(settings)
        s = self.controller.settings
        self.url = QLineEdit(s.url)
        self.user = QLineEdit(s.username)
        self.password = QLineEdit(s.password)
        self.password.setEchoMode(QLineEdit.Password)
        self.timeout = _dspin(1.0, 600.0, s.timeout, 5.0)
        for label, widget in (("URL", self.url), ("User", self.user), ("Password", self.password),
                              ("Timeout (s)", self.timeout)):
            sform.addRow(label, widget)
            if hasattr(widget, "editingFinished"):
                widget.editingFinished.connect(self._save_settings)
        layout.addWidget(settings)
        layout.addStretch(1)
        self.setWidget(root)

        self.timer = QTimer(self)
        self.timer.timeout.connect(self._tick)
        self.timer.start(100)
        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.timeout.connect(self._analyze)
        self.prompt.textChanged.connect(lambda: self.debounce.start(400))

    def canvasChanged(self, canvas):
        pass

    # -- helpers ----------------------------------------------------------------------------------

    def _save_settings(self):
        s = self.controller.settings
        s.url, s.username, s.password = self.url.text().strip(), self.user.text(), self.password.text()
        s.timeout = self.timeout.value()
        s.source = self.source.currentText()
        s.save()

    def _params(self):
        seed = self.seed.value()
        if self.reuse_seed.isChecked() and self.controller.last_seed is not None:
            seed = int(self.controller.last_seed)
        return jobs.Params(self.prompt.toPlainText(), self.negative.toPlainText(), self.steps.value(),
                           self.cfg.value(), self.sampler.currentText(), seed, self.batch.value(),
                           self.strength.value())

    def _run(self, action):
        self._save_settings()
        try:
            action(Krita.instance().activeDocument())
        except (BridgeError, ValueError) as e:
            self._notify(str(e))

    def _generate(self):
        self._run(lambda doc: self.controller.generate(doc, self._params()))

    def _inpaint(self):
        self._run(lambda doc: self.controller.inpaint(doc, self._params()))

    def _refine(self):
        self._run(lambda doc: self.controller.refine(doc, self._params(), self.variants.value()))

    def _outpaint(self):
        px = self.outpaint_px.value()
        sides = {k: (px if box.isChecked() else 0) for k, box in self.outpaint_sides.items()}
        self._run(lambda doc: self.controller.outpaint(doc, self._params(), **sides))

    def _upscale(self, factor):
        self._run(lambda doc: self.controller.upscale(doc, factor, self.upscaler.currentText()))

    def _faces(self):
        self._run(lambda doc: self.controller.restore_faces(doc, self.face_model.currentText(),
                                                            self.strength.value()))

    def _tick(self):
        self.controller.poll()
        if self._analyze_result is not None:
            self.tokens.setText(self._analyze_result)
            self._analyze_result = None

    def _analyze(self):
        prompt, steps, client = self.prompt.toPlainText(), self.steps.value(), self.controller.settings.client()

        def work():
            try:
                r = client.analyze(prompt, steps)
                self._analyze_result = "%d/%d tokens" % (r.get("token_count", 0), r.get("token_limit", 75))
            except BridgeError:
                self._analyze_result = "token count unavailable (bridge not reachable)"
        threading.Thread(target=work, daemon=True).start()

    def _progress(self, fraction, text):
        self.progress.setValue(int(fraction * 100))
        self.status.setText(text)

    def _notify(self, message):
        QMessageBox.warning(self, "Easel", message)


def _spin(lo, hi, value):
    w = QSpinBox()
    w.setRange(lo, hi)
    w.setValue(value)
    return w


def _dspin(lo, hi, value, step):
    w = QDoubleSpinBox()
    w.setRange(lo, hi)
    w.setSingleStep(step)
    w.setValue(value)
    return w


def _button(text, slot):
    b = QPushButton(text)
    b.clicked.connect(slot)
    return b

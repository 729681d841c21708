"""The plugin inside real Krita (kritarunner, offscreen) against a real bridge on the tiny models.

Needs the bridge jar (built by Maven before this module's tests) and Debian's ``krita`` package
(``.ci/run`` installs it). Each scenario runs in its own kritarunner process and writes a JSON file,
because kritarunner exits 0 even when the script fails.
"""

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
CLIENT = os.path.dirname(HERE)
JAR = os.path.join(os.path.dirname(CLIENT), "bridge-server", "target", "easel-bridge.jar")


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class KritaIntegrationTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if shutil.which("kritarunner") is None:
            raise AssertionError("kritarunner not found: install Debian's krita package (apt-get install krita); "
                                 ".ci/run does this on a fresh machine")
        if not os.path.exists(JAR):
            raise AssertionError("%s is missing: build it with mvn -DskipTests package" % JAR)
        cls.tmp = tempfile.mkdtemp(prefix="easel-krita-")
        store = os.path.join(cls.tmp, "models")
        subprocess.run(["java", "-jar", JAR, "make-test-models", store], check=True, stdout=subprocess.DEVNULL)
        cls.port = _free_port()
        cls.log = open(os.path.join(cls.tmp, "bridge.log"), "w")
        cls.bridge = subprocess.Popen(["java", "-jar", JAR, "--port", str(cls.port), "--models", store,
                                       "--device", "cpu"], stdout=cls.log, stderr=subprocess.STDOUT)
        cls.url = "http://127.0.0.1:%d" % cls.port
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(cls.url + "/easel/v1/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline or cls.bridge.poll() is not None:
                raise AssertionError("the bridge did not start; see %s" % cls.log.name)
            time.sleep(0.3)

    @classmethod
    def tearDownClass(cls):
        cls.bridge.terminate()
        try:
            cls.bridge.wait(20)
        except subprocess.TimeoutExpired:
            cls.bridge.kill()
        cls.log.close()
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def scenario(self, name, url=None):
        out = os.path.join(self.tmp, name + ".json")
        runner = shutil.which("kritarunner")
        # Krita embeds the system Python and finds its prefix through PATH: a virtualenv or pyenv
        # interpreter running these tests must not come first, or PyQt5 goes missing.
        path = os.pathsep.join([os.path.dirname(runner), os.environ.get("PATH", "")])
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=os.path.join(self.tmp, "home"), PATH=path,
                   PYTHONPATH=os.pathsep.join([CLIENT, HERE]), XDG_RUNTIME_DIR=self.tmp)
        for var in ("PYTHONHOME", "VIRTUAL_ENV", "PYENV_VERSION"):
            env.pop(var, None)
        proc = subprocess.run([runner, "-s", "krita_scenarios", name, url or self.url, out],
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=300)
        if not os.path.exists(out):
            self.fail("kritarunner wrote no result for %s:\n%s" % (name, proc.stdout.decode("utf-8", "replace")[-3000:]))
        with open(out, encoding="utf-8") as f:
            result = json.load(f)
        self.assertTrue(result.get("ok"), result.get("traceback"))
        return result

    def test_inpaint_adds_a_layer_inside_the_padded_box_and_changes_no_original_layer(self):
        r = self.scenario("inpaint")
        self.assertIsNone(r["error"])
        self.assertEqual(len(r["new_layers"]), 1, r["layers"])
        self.assertTrue(r["new_layers"][0].startswith("[Inpaint] a red hand (11)"), r["new_layers"])
        x, y, w, h = r["box"]
        ax, ay, aw, ah = r["alpha_bbox"]
        self.assertTrue(x <= ax and y <= ay and ax + aw <= x + w and ay + ah <= y + h, (r["box"], r["alpha_bbox"]))
        self.assertLess(aw * ah, w * h, "the patch should cover the selection, not the whole box")
        self.assertEqual(r["centre_alpha"], 255)
        self.assertTrue(r["originals_unchanged"])
        self.assertNotIn("[Easel preview]", r["layers"])
        self.assertIn("Steps: 4", r["annotation"])

    def test_upscale_x2_doubles_the_document(self):
        r = self.scenario("upscale")
        self.assertIsNone(r["error"])
        self.assertEqual(r["size"], [128, 96])
        self.assertEqual(len(r["layers"]), len(r["before"]) + 1)

    def test_outpaint_grows_the_canvas_and_keeps_the_picture(self):
        r = self.scenario("outpaint")
        self.assertIsNone(r["error"])
        self.assertEqual(r["size"], [96, 64])
        self.assertEqual(len(r["results"]), 1)
        self.assertTrue(r["paint_moved_intact"])

    def test_refine_variants_land_in_a_group_with_the_first_visible(self):
        r = self.scenario("refine_batch")
        self.assertIsNone(r["error"])
        self.assertIsNotNone(r["group_children"], r["layers"])
        self.assertEqual(len(r["group_children"]), 2)
        visible = [v for _, v in r["group_children"]]
        self.assertEqual(visible, [False, True])  # bottom-up: the top child is the first result

    def test_cancel_mid_job_leaves_no_layer_and_no_preview(self):
        r = self.scenario("cancel")
        self.assertIsNone(r["error"])
        self.assertGreater(r["steps_seen"], 0)
        self.assertEqual(r["layers"], r["before"])
        self.assertFalse(r["preview_left"])
        self.assertTrue(r["originals_unchanged"])

    def test_stopped_bridge_leaves_the_document_and_says_how_to_start_it(self):
        r = self.scenario("stopped_bridge", url="http://127.0.0.1:%d" % _free_port())
        self.assertEqual(r["error_kind"], "unreachable")
        self.assertEqual(len(r["messages"]), 1)
        self.assertIn("easel-bridge.jar", r["messages"][0])
        self.assertTrue(r["unchanged"])

    def test_docker_builds_and_counts_tokens_through_the_bridge(self):
        r = self.scenario("docker")
        self.assertEqual(r["url_field"], self.url)
        self.assertRegex(r["tokens"], r"^\d+/75 tokens$")
        self.assertNotEqual(r["tokens"], "0/75 tokens")
        self.assertEqual(r["params"], ["a (red:1.3) hand, [oil:watercolor:0.5] painting", 20, "Euler a", -1])


if __name__ == "__main__":
    unittest.main()

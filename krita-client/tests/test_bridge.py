"""The bridge client and the worker task against a real HTTP server on loopback that speaks the
jobs API (a small scripted stand-in: the real bridge is exercised by test_krita_integration)."""

import base64
import json
import threading
import time
import unittest
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from easel_krita import bridge, pngio, task

PNG = base64.b64encode(pngio.encode(b"\x10\x20\x30\xff" * 4, 2, 2)).decode("ascii")


class Script:
    def __init__(self):
        self.polls = 0
        self.deleted = []
        self.bodies = []
        self.lock = threading.Lock()


def handler_for(script):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def _send(self, status, obj):
            data = json.dumps(obj).encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self):
            if self.path == "/easel/v1/health":
                if self.headers.get("Authorization") != "Basic " + base64.b64encode(b"ann:secret").decode():
                    return self._send(401, {"error": "unauthorized", "detail": "credentials needed"})
                return self._send(200, {"status": "ok"})
            if self.path == "/slow":
                time.sleep(1.0)
                return self._send(200, {})
            if self.path.endswith("/result"):
                return self._send(200, {"images": [PNG], "seeds": [5], "infotexts": ["x"]})
            if self.path.startswith("/easel/v1/jobs/"):
                with script.lock:
                    script.polls += 1
                    n = script.polls
                state = "done" if n >= 3 else "running"
                return self._send(200, {"state": state, "step": n, "total": 3, "preview": None})
            self._send(404, {"error": "not found", "detail": "no such route"})

        def do_POST(self):
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            script.bodies.append(body)
            if body.get("steps", 0) > 150:
                return self._send(422, {"error": "invalid field", "detail": "steps: must be at most 150"})
            self._send(202, {"id": "job1", "state": "queued", "queue_position": 0})

        def do_DELETE(self):
            script.deleted.append(self.path)
            self._send(200, {"id": "job1", "state": "cancelled"})
    return Handler


class BridgeClientTest(unittest.TestCase):
    def setUp(self):
        self.script = Script()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler_for(self.script))
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = "http://127.0.0.1:%d" % self.server.server_address[1]

    def tearDown(self):
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()

    def test_credentials_are_sent_and_missing_ones_explained(self):
        self.assertEqual(bridge.BridgeClient(self.url, "ann", "secret").health()["status"], "ok")
        with self.assertRaises(bridge.BridgeError) as e:
            bridge.BridgeClient(self.url).health()
        self.assertEqual(e.exception.kind, "auth")
        self.assertIn("Easel settings", str(e.exception))

    def test_refusal_carries_the_bridges_detail(self):
        with self.assertRaises(bridge.BridgeError) as e:
            bridge.BridgeClient(self.url).submit({"steps": 500})
        self.assertEqual(e.exception.status, 422)
        self.assertIn("steps: must be at most 150", str(e.exception))

    def test_timeout_is_reported_as_such(self):
        with self.assertRaises(bridge.BridgeError) as e:
            bridge.BridgeClient(self.url, timeout=0.2)._request("GET", "/slow")
        self.assertEqual(e.exception.kind, "timeout")

    def test_task_follows_a_job_to_its_images(self):
        t = task.Task(bridge.BridgeClient(self.url), lambda: {"mode": "txt2img", "steps": 3}).start()
        self.assertTrue(task.wait(t, lambda: t.is_alive(), timeout=20))
        events = t.drain()
        kinds = [e[0] for e in events]
        self.assertEqual(kinds[0], "queued")
        self.assertIn("progress", kinds)
        self.assertEqual(kinds[-1], "done")
        result, images = events[-1][1], events[-1][2]
        self.assertEqual(result["seeds"], [5])
        self.assertEqual(images, [(2, 2, b"\x10\x20\x30\xff" * 4)])

    def test_cancel_deletes_the_job_on_the_bridge(self):
        t = task.Task(bridge.BridgeClient(self.url), lambda: {"mode": "txt2img"})
        t.cancel()  # before submission: nothing is sent
        t.start()
        task.wait(t, lambda: t.is_alive(), timeout=20)
        self.assertEqual([e[0] for e in t.drain()], ["cancelled"])
        self.assertEqual(self.script.bodies, [])

        t = task.Task(bridge.BridgeClient(self.url), lambda: {"mode": "txt2img"}).start()
        while not t.drain() and t.is_alive():
            time.sleep(0.01)
        t.cancel()
        task.wait(t, lambda: t.is_alive(), timeout=20)
        self.assertEqual(self.script.deleted, ["/easel/v1/jobs/job1"])

    def test_unreachable_bridge_says_how_to_start_it(self):
        self.server.shutdown()
        self.server.server_close()
        self.server = None
        with self.assertRaises(bridge.BridgeError) as e:
            bridge.BridgeClient(self.url, timeout=2).health()
        self.assertEqual(e.exception.kind, "unreachable")
        self.assertIn("easel-bridge.jar", str(e.exception))


if __name__ == "__main__":
    unittest.main()

"""A small client for the Easel bridge's jobs API, on urllib (standard library only).

Every failure a user can meet (bridge not running, wrong credentials, a timeout, a request the
bridge refuses) becomes a :class:`BridgeError` whose message says what to do.
"""

import base64
import json
import socket
import urllib.error
import urllib.request

DEFAULT_URL = "http://127.0.0.1:7860"
#: The README's command that starts the bridge, quoted in "not running" messages.
START_COMMAND = ("mvn -B -q -DskipTests package && "
                 "java -jar bridge-server/target/easel-bridge.jar --models models")


class BridgeError(Exception):
    """Something the user can act on; ``kind`` is a short machine-readable reason."""

    def __init__(self, kind, message, status=None):
        super().__init__(message)
        self.kind = kind
        self.status = status


class BridgeClient:
    def __init__(self, url=DEFAULT_URL, username="", password="", timeout=30.0):
        self.url = url.rstrip("/")
        self.timeout = timeout
        self._auth = None
        if username:
            token = base64.b64encode(("%s:%s" % (username, password)).encode("utf-8")).decode("ascii")
            self._auth = "Basic " + token

    # -- plumbing ---------------------------------------------------------------------------------

    def _request(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode("utf-8")
        req = urllib.request.Request(self.url + path, data=data, method=method)
        req.add_header("Accept", "application/json")
        if data is not None:
            req.add_header("Content-Type", "application/json")
        if self._auth:
            req.add_header("Authorization", self._auth)
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                payload = resp.read()
        except urllib.error.HTTPError as e:
            raise self._http_error(e) from None
        except (socket.timeout, TimeoutError):
            raise BridgeError("timeout", "The Easel bridge at %s did not answer within %g s. It may be busy "
                              "with a long job; try again or raise the timeout in the Easel settings."
                              % (self.url, self.timeout)) from None
        except (urllib.error.URLError, ConnectionError, OSError) as e:
            reason = getattr(e, "reason", e)
            if isinstance(reason, (socket.timeout, TimeoutError)):
                raise BridgeError("timeout", "The Easel bridge at %s did not answer within %g s."
                                  % (self.url, self.timeout)) from None
            raise BridgeError("unreachable", "The Easel bridge is not running at %s (%s). Start it with:\n  %s\n"
                              "or set the bridge URL in the Easel settings." % (self.url, reason, START_COMMAND)) from None
        try:
            return json.loads(payload.decode("utf-8")) if payload else {}
        except ValueError:
            raise BridgeError("protocol", "%s does not look like an Easel bridge (the answer to %s was not JSON)."
                              % (self.url, path)) from None

    def _http_error(self, e):
        detail = ""
        try:
            body = json.loads(e.read().decode("utf-8"))
            detail = body.get("detail") or body.get("error") or ""
        except Exception:  # the body may be anything; the status still says enough
            pass
        if e.code == 401:
            return BridgeError("auth", "The Easel bridge at %s needs a user name and password: set them in the "
                               "Easel settings (the bridge's --api-auth)." % self.url, 401)
        if e.code == 404:
            return BridgeError("not_found", detail or "Not found on the bridge.", 404)
        if e.code == 503:
            return BridgeError("no_model", detail or "The bridge has no model loaded.", 503)
        return BridgeError("refused", "The bridge refused the request: %s" % (detail or e.reason), e.code)

    # -- API --------------------------------------------------------------------------------------

    def health(self):
        return self._request("GET", "/easel/v1/health")

    def submit(self, body):
        """Queues a job and returns its id."""
        return self._request("POST", "/easel/v1/jobs", body)["id"]

    def status(self, job_id):
        return self._request("GET", "/easel/v1/jobs/%s" % job_id)

    def result(self, job_id):
        return self._request("GET", "/easel/v1/jobs/%s/result" % job_id)

    def cancel(self, job_id):
        try:
            return self._request("DELETE", "/easel/v1/jobs/%s" % job_id)
        except BridgeError as e:
            if e.kind == "not_found":  # already finished and forgotten: nothing left to cancel
                return {"id": job_id, "state": "gone"}
            raise

    def analyze(self, prompt, steps=20):
        return self._request("POST", "/easel/v1/prompt/analyze", {"prompt": prompt, "steps": steps})

    def upscalers(self):
        return self._request("GET", "/sdapi/v1/upscalers")

    def samplers(self):
        return self._request("GET", "/sdapi/v1/samplers")

"""A stand-in for the reqlanes server in the tracer's own tests: answers every request after
LATENCY seconds with "Server: reqlanes-server" (or another name), and keeps what arrives at the
events path. Threaded, loopback only, ephemeral port."""

import http.server
import json
import threading
import time

EVENTS_PATH = "/.reqlanes/events"


class FakeServer:
    def __init__(self, latency_s=0.2, server_name="reqlanes-server"):
        self.latency_s = latency_s
        self.server_name = server_name
        self.events = []
        self.requests = []  # (path, X-Request-Id)
        self._lock = threading.Lock()
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def version_string(self):
                return outer.server_name

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                if self.path == EVENTS_PATH:
                    with outer._lock:
                        outer.events.extend(json.loads(line) for line in body.splitlines() if line)
                self._reply()

            def do_GET(self):
                with outer._lock:
                    outer.requests.append((self.path, self.headers.get("X-Request-Id")))
                time.sleep(outer.latency_s)
                self._reply()

            def _reply(self):
                self.send_response(200)
                self.send_header("Content-Length", "3")
                self.end_headers()
                self.wfile.write(b"ok\n")

        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._server.shutdown()
        self._server.server_close()

    def events_of(self, kind):
        with self._lock:
            return [event for event in self.events if event["kind"] == kind]

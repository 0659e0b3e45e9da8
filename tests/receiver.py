"""A tiny webhook receiver for tests: an http.server on 127.0.0.1 (a free port) in a thread.

``Receiver(answers=[500, 500])`` answers the scripted statuses in order, then 200; it records every
request (method, path, headers, raw body). ``answers`` items may also be ``(status, {"Location": ...})``.
Set ``gate`` to a ``threading.Event`` to hold every answer (after recording the request) until it is set.
Use it as a context manager (or call ``close()``): the server stops with the test.
"""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import orjson
import pytest


class Receiver:
    def __init__(self, answers=()):
        self.answers = list(answers)
        self.requests = []
        self.gate = None
        self._lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                with receiver._lock:
                    receiver.requests.append({"method": self.command, "path": self.path,
                                              "headers": dict(self.headers.items()), "body": body})
                    answer = receiver.answers.pop(0) if receiver.answers else 200
                if receiver.gate is not None:
                    receiver.gate.wait(10)
                status, headers = answer if isinstance(answer, tuple) else (answer, {})
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

            do_POST = do_GET = _answer

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()
        self.url = f"http://127.0.0.1:{self.server.server_port}"

    def json(self, index):
        return orjson.loads(self.requests[index]["body"])

    def close(self):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


@pytest.fixture
def receiver():
    """``receiver(answers=[...])`` starts one; all are stopped at the end of the test."""
    started = []

    def start(answers=()):
        started.append(Receiver(answers))
        return started[-1]

    yield start
    for one in started:
        one.close()


def closed_port():
    """A port on 127.0.0.1 where nothing listens (connections are refused)."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]

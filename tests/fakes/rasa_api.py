"""A fake Rasa HTTP server on 127.0.0.1: answers /model/parse as scripted."""

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse


class FakeRasa:
    """Modes: 'ok' (answers `intent`), 'error' (500), 'garbage' (not JSON), 'slow'."""

    def __init__(self, token: str | None = None) -> None:
        self.token = token
        self.mode = "ok"
        self.intent = "greet"
        self.confidence = 0.93
        self.ranking: list[dict[str, Any]] | None = None
        self.delay = 2.0
        self.calls = 0
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True

    @property
    def url(self) -> str:
        """Base URL of the fake."""
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def answer(self, text: str) -> dict[str, Any]:
        """Rasa's /model/parse JSON for `text`."""
        top = {"name": self.intent, "confidence": self.confidence}
        return {
            "text": text, "intent": top, "entities": [],
            "intent_ranking": self.ranking or [top],
        }  # fmt: skip

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_args: Any) -> None:
                pass

            def do_POST(self) -> None:
                fake.calls += 1
                query = parse_qs(urlparse(self.path).query)
                if fake.token and query.get("token") != [fake.token]:
                    return self._send(401, b'{"status": "failure"}')
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                if fake.mode == "slow":
                    time.sleep(fake.delay)
                if fake.mode == "error":
                    return self._send(500, b'{"status": "failure"}')
                if fake.mode == "garbage":
                    return self._send(200, b"<html>not json")
                return self._send(200, json.dumps(fake.answer(body["text"])).encode())

            def do_GET(self) -> None:
                self._send(200, b'{"model_file": "nlu.tar.gz"}')

            def _send(self, status: int, payload: bytes) -> None:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

        return Handler

    @contextmanager
    def running(self) -> Iterator["FakeRasa"]:
        """Serve in a thread for the duration of the block."""
        thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        thread.start()
        try:
            yield self
        finally:
            self._server.shutdown()
            self._server.server_close()

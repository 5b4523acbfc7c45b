"""A local SMTP server (aiosmtpd) that keeps every message it receives, for alert emails."""

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from email import message_from_bytes
from email.message import Message
from typing import Any

from aiosmtpd.controller import Controller

from tests.helpers import free_port


class _Keep:
    def __init__(self, inbox: "FakeSmtp") -> None:
        self.inbox = inbox

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        with self.inbox.lock:
            self.inbox.messages.append(message_from_bytes(envelope.content))
        return "250 OK"


class FakeSmtp:
    """Collects messages on 127.0.0.1:`port`."""

    def __init__(self, port: int | None = None) -> None:
        self.port = port or free_port()
        self.messages: list[Message] = []
        self.lock = threading.Lock()

    @contextmanager
    def running(self) -> Iterator["FakeSmtp"]:
        """Serve until the block ends."""
        controller = Controller(_Keep(self), hostname="127.0.0.1", port=self.port)
        controller.start()
        try:
            yield self
        finally:
            controller.stop()

    def wait_for(self, count: int, timeout: float = 30.0) -> list[Message]:
        """Wait until `count` messages arrived; return them all."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                if len(self.messages) >= count:
                    return list(self.messages)
            time.sleep(0.05)
        raise AssertionError(f"expected {count} emails, got {len(self.messages)}")

"""Outbox dispatch: time real `returnee worker` processes draining a filled outbox."""

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from bench.databases import counts, sent_count
from bench.procs import workers
from tests.fakes.twilio_api import FakeTwilio

POLL_SECONDS = 0.1
DRAIN_TIMEOUT = 90.0


@dataclass(frozen=True)
class DrainResult:
    """How long the workers took to send what was pending."""

    workers: int
    expected: int
    sent: int
    fake_messages: int
    total_s: float
    first_sent_s: float | None
    finished: bool
    worker_exit_codes: list[int | None]

    def summary(self) -> dict[str, Any]:
        """The figures to report."""
        steady = (
            self.expected / (self.total_s - self.first_sent_s)
            if self.finished and self.first_sent_s is not None and self.total_s > self.first_sent_s
            else None
        )
        return {
            "workers": self.workers,
            "expected": self.expected,
            "sent_rows": self.sent,
            "fake_messages": self.fake_messages,
            "finished": self.finished,
            "total_s": round(self.total_s, 3),
            "msg_per_s": round(self.sent / self.total_s, 1) if self.total_s else 0.0,
            "first_sent_after_s": (
                None if self.first_sent_s is None else round(self.first_sent_s, 3)
            ),
            "steady_msg_per_s": None if steady is None else round(steady, 1),
            "worker_exit_codes": self.worker_exit_codes,
        }


def drain(
    engine: Engine, fake: FakeTwilio, env: dict[str, str], count: int, log_dir: Path, label: str
) -> DrainResult:
    """Start `count` workers on the pending outbox; wait until all of it reached the fake."""
    already_sent = sent_count(engine)
    expected = counts(engine).pending
    fake.reset()
    began = time.monotonic()
    with workers(count, env, log_dir, label) as started:
        first, finished = _poll(engine, fake, already_sent, expected, began, started)
        total = time.monotonic() - began
        codes = [process.poll() for process in started]
    sent = sent_count(engine) - already_sent
    return DrainResult(count, expected, sent, len(fake.messages), total, first, finished, codes)


def _poll(
    engine: Engine,
    fake: FakeTwilio,
    already_sent: int,
    expected: int,
    began: float,
    started: list[Any],
) -> tuple[float | None, bool]:
    """Poll until every expected row is sent and the fake has them (bounded); first-sent time."""
    first: float | None = None
    while time.monotonic() - began < DRAIN_TIMEOUT:
        sent = sent_count(engine) - already_sent
        if first is None and sent > 0:
            first = time.monotonic() - began
        if sent >= expected and len(fake.messages) >= expected:
            return first, True
        if all(process.poll() is not None for process in started):
            return first, False
        time.sleep(POLL_SECONDS)
    return first, False

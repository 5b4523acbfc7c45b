"""Structured logs (structlog) that never carry message bodies or full phone numbers."""

import logging
import sys
from collections.abc import MutableMapping
from typing import Any

import structlog

from bot.phones import mask

_DROPPED = {"body", "text", "message_body", "Body"}
_PHONES = {"phone", "number", "to", "from_", "from_number", "to_number", "e164"}


def redact(_logger: Any, _method: str, event: MutableMapping[str, Any]) -> MutableMapping[str, Any]:
    """Drop body fields and mask phone fields, whatever the caller passed."""
    for key in list(event):
        if key in _DROPPED:
            event[key] = "[redacted]"
        elif key in _PHONES and event[key] is not None:
            event[key] = mask(str(event[key]).removeprefix("whatsapp:"))
    return event


def configure_logging(level: str = "INFO", json: bool = True) -> None:
    """One JSON line per event on stderr, redacted."""
    logging.basicConfig(format="%(message)s", stream=sys.stderr, level=level)
    # APScheduler narrates every run at INFO; our own clock events say what matters.
    logging.getLogger("apscheduler").setLevel(max(logging.WARNING, logging.getLevelName(level)))
    renderer: Any = structlog.processors.JSONRenderer() if json else structlog.dev.ConsoleRenderer()
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso", utc=True),
            redact,
            renderer,
        ],
        wrapper_class=structlog.make_filtering_bound_logger(logging.getLevelName(level)),
        logger_factory=structlog.PrintLoggerFactory(file=sys.stderr),
        cache_logger_on_first_use=True,
    )


def get_logger(name: str) -> Any:
    """A structlog logger bound to a component name."""
    return structlog.get_logger(component=name)

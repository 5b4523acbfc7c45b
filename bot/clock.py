"""The wall clock, read at the edges (processes, requests); logic is given `now`."""

from datetime import UTC, datetime


def utcnow() -> datetime:
    """The wall clock, in UTC; passed into logic, never read inside it."""
    return datetime.now(UTC)

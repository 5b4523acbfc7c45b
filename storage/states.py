"""Typed states stored as text: an outbox message's dispatch, an alert's lifecycle."""

from enum import StrEnum


class DispatchState(StrEnum):
    """Where an outbox row is on its way to the carrier."""

    PENDING = "pending"
    SENDING = "sending"  # claimed by a worker, under its lease
    SENT = "sent"
    FAILED = "failed"
    CANCELLED = "cancelled"  # the number opted out before it went


class AlertStatus(StrEnum):
    """An alert from raised to closed."""

    OPEN = "open"
    ACKNOWLEDGED = "acknowledged"
    RESOLVED = "resolved"

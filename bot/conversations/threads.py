"""Read models of a conversation, for the simulator now and caseworker pages later."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session, sessionmaker

from storage import repositories as repo
from storage.models import InboundMessage, OutboundMessage


@dataclass(frozen=True)
class ThreadItem:
    """One message in a thread, in either direction."""

    direction: str  # in|out
    channel: str
    body: str
    at: datetime
    status: str


def thread(sessions: sessionmaker[Session], e164: str, limit: int = 100) -> list[ThreadItem]:
    """The conversation with one number, oldest first, with delivery states."""
    with sessions.begin() as session:
        rows = repo.thread_for_number(session, e164, limit)
        return [_item(row) for row in rows]


def _item(row: object) -> ThreadItem:
    if isinstance(row, InboundMessage):
        state = "answered" if row.handled_at else "received"
        return ThreadItem("in", row.channel, row.body, row.received_at, state)
    assert isinstance(row, OutboundMessage)
    state = row.status or row.dispatch_state
    return ThreadItem("out", row.channel, row.body, row.created_at, state)

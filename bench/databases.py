"""Fresh benchmark databases (a SQLite file, or a throwaway PostgreSQL database) and probes."""

import secrets
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import ColumnElement, Connection, Engine, create_engine, func, select, text
from sqlalchemy.engine import make_url

from storage import migrate
from storage.db import normalise_url
from storage.models import InboundMessage, OutboundMessage


@contextmanager
def fresh_sqlite() -> Iterator[str]:
    """A migrated SQLite file in a temporary folder; its URL."""
    with tempfile.TemporaryDirectory(prefix="returnee-bench-") as folder:
        url = f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        migrate.upgrade(url)
        yield url


@contextmanager
def fresh_postgres(server_url: str) -> Iterator[str]:
    """A migrated, separate PostgreSQL database next to `server_url`'s; dropped afterwards."""
    admin_url = normalise_url(server_url)
    name = f"returnee_bench_{secrets.token_hex(4)}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            url = make_url(admin_url).set(database=name).render_as_string(hide_password=False)
            migrate.upgrade(url)
            yield url
        finally:
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()


def probe_engine(url: str) -> Engine:
    """A plain engine for read-only polling (no BEGIN IMMEDIATE, so it never blocks writers)."""
    return create_engine(normalise_url(url))


@dataclass(frozen=True)
class Counts:
    """Row counts that tell whether the app did all its work."""

    inbound: int
    inbound_handled: int
    outbound: int
    pending: int
    sent: int
    failed: int


def counts(engine: Engine) -> Counts:
    """Current inbound and outbox row counts."""
    state = OutboundMessage.dispatch_state
    with engine.connect() as connection:
        return Counts(
            inbound=_count(connection, InboundMessage),
            inbound_handled=_count(
                connection, InboundMessage, InboundMessage.handled_at.is_not(None)
            ),
            outbound=_count(connection, OutboundMessage),
            pending=_count(connection, OutboundMessage, state.in_(("pending", "sending"))),
            sent=_count(connection, OutboundMessage, state == "sent"),
            failed=_count(connection, OutboundMessage, state.in_(("failed", "cancelled"))),
        )


def _count(connection: Connection, model: type, *where: ColumnElement[bool]) -> int:
    """Rows of `model` matching every condition."""
    query = select(func.count()).select_from(model).where(*where)
    return int(connection.execute(query).scalar_one())


def sent_count(engine: Engine) -> int:
    """How many outbox rows are dispatch_state='sent'."""
    query = select(func.count()).where(OutboundMessage.dispatch_state == "sent")
    with engine.connect() as connection:
        return int(connection.execute(query).scalar_one())

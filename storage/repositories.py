"""Queries and updates on a caller's session; the caller owns the transaction."""

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from storage.models import (
    Contact,
    ContactNumber,
    InboundMessage,
    MessageStatusEvent,
    OutboundMessage,
    ProcessLease,
    SenderSlot,
)
from storage.states import DispatchState


# Twilio's lifecycle, in order; a late callback never moves a message backwards.
def insert_ignoring_conflict(session: Session, model: type[Any], **values: Any) -> None:
    """INSERT ... ON CONFLICT DO NOTHING, on SQLite and PostgreSQL alike."""
    dialect = session.get_bind().dialect.name
    module: Any = postgresql if dialect == "postgresql" else sqlite
    session.execute(module.insert(model).values(**values).on_conflict_do_nothing())


# Contacts and numbers


def find_number(session: Session, e164: str) -> ContactNumber | None:
    """The number row for `e164`, if we have seen it."""
    return session.scalar(select(ContactNumber).where(ContactNumber.e164 == e164))


def add_contact_with_number(
    session: Session, e164: str, language: str, channel: str, now: datetime
) -> ContactNumber:
    """A new contact that so far is only a number (enough to honour STOP)."""
    contact = Contact(language=language, consent="unknown", created_at=now, updated_at=now)
    number = ContactNumber(
        contact=contact, e164=e164, first_seen_at=now, last_seen_at=now, last_channel=channel
    )
    session.add_all([contact, number])
    session.flush()
    return number


def mark_opted_out(session: Session, e164: str, now: datetime) -> None:
    """Record an opt-out for `e164` (kept even if the number is unknown until now)."""
    session.execute(
        update(ContactNumber)
        .where(ContactNumber.e164 == e164, ContactNumber.opted_out_at.is_(None))
        .values(opted_out_at=now)
    )


def mark_unreachable(session: Session, e164: str, code: int, now: datetime) -> None:
    """Record that the carrier could not reach `e164` (30003, 30005, 30006)."""
    session.execute(
        update(ContactNumber)
        .where(ContactNumber.e164 == e164)
        .values(unreachable_at=now, unreachable_code=code)
    )


# Inbound


def get_inbound_by_sid(session: Session, message_sid: str) -> InboundMessage | None:
    """The stored inbound message with this Twilio MessageSid."""
    return session.scalar(select(InboundMessage).where(InboundMessage.message_sid == message_sid))


def unhandled_inbound(
    session: Session, received_before: datetime, limit: int
) -> list[tuple[int, str]]:
    """(id, body) of messages stored but never answered (a crash after storing), oldest first."""
    query = (
        select(InboundMessage.id, InboundMessage.body)
        .where(InboundMessage.handled_at.is_(None), InboundMessage.received_at < received_before)
        .order_by(InboundMessage.received_at)
        .limit(limit)
    )
    return [(row.id, row.body) for row in session.execute(query)]


# Outbox


def enqueue_outbound(session: Session, **values: Any) -> None:
    """Add a message to the outbox; a repeated idempotency key adds nothing."""
    insert_ignoring_conflict(session, OutboundMessage, **values)


def outbound_key_exists(session: Session, key: str) -> bool:
    """True if a message with this idempotency key was ever queued."""
    query = select(OutboundMessage.id).where(OutboundMessage.idempotency_key == key)
    return session.scalar(query) is not None


def claim_due(
    session: Session, now: datetime, owner: str, lease: timedelta, limit: int
) -> Sequence[OutboundMessage]:
    """Lease due messages to `owner`; a lapsed lease (a dead worker) is due again."""
    query = (
        select(OutboundMessage)
        .where(
            OutboundMessage.dispatch_state.in_((DispatchState.PENDING, DispatchState.SENDING)),
            OutboundMessage.next_attempt_at <= now,
        )
        .order_by(OutboundMessage.next_attempt_at, OutboundMessage.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    rows = session.scalars(query).all()
    for row in rows:
        # A row still 'sending' was held by a worker that vanished: Twilio may have it.
        row.needs_reconcile = row.needs_reconcile or row.dispatch_state == DispatchState.SENDING
        row.dispatch_state, row.lease_owner = DispatchState.SENDING, owner
        row.lease_expires_at = row.next_attempt_at = now + lease
        row.first_claimed_at = row.first_claimed_at or now
        row.attempts += 1
    return rows


def held_message(session: Session, message_id: int, owner: str) -> OutboundMessage | None:
    """The message, locked, if `owner` still holds its lease."""
    row = session.get(OutboundMessage, message_id, with_for_update=True)
    if row is None or row.dispatch_state != DispatchState.SENDING or row.lease_owner != owner:
        return None
    return row


def outbound_by_sid(session: Session, sid: str) -> OutboundMessage | None:
    """The outbound message Twilio knows as `sid`."""
    return session.scalar(select(OutboundMessage).where(OutboundMessage.twilio_sid == sid))


def sids_already_recorded(session: Session, sids: list[str]) -> set[str]:
    """Which of these Twilio SIDs already belong to an outbound message."""
    if not sids:
        return set()
    query = select(OutboundMessage.twilio_sid).where(OutboundMessage.twilio_sid.in_(sids))
    return {sid for sid in session.scalars(query) if sid}


def add_status_event(
    session: Session,
    outbound_id: int | None,
    sid: str,
    status: str,
    code: int | None,
    now: datetime,
) -> None:
    """Keep one status callback in the lifecycle history."""
    session.add(
        MessageStatusEvent(
            outbound_id=outbound_id,
            message_sid=sid,
            status=status,
            error_code=code,
            received_at=now,
        )
    )


# Shared rate limit and leases


def reserve_send_slot(
    session: Session, sender: str, interval: timedelta, now: datetime
) -> datetime:
    """Book the sender's next free send time; every worker books from the same row."""
    insert_ignoring_conflict(session, SenderSlot, sender=sender, next_slot_at=now)
    slot_row = session.get(SenderSlot, sender, with_for_update=True, populate_existing=True)
    assert slot_row is not None
    slot = max(now, slot_row.next_slot_at)
    slot_row.next_slot_at = slot + interval
    return slot


def acquire_lease(session: Session, name: str, holder: str, now: datetime, ttl: timedelta) -> bool:
    """Take or renew the named lease; False while another live holder has it."""
    insert_ignoring_conflict(session, ProcessLease, name=name, holder=holder, expires_at=now + ttl)
    lease = session.get(ProcessLease, name, with_for_update=True, populate_existing=True)
    assert lease is not None
    if lease.holder != holder and lease.expires_at > now:
        return False
    lease.holder, lease.expires_at = holder, now + ttl
    return True


# Conversation thread


def thread_for_number(
    session: Session, e164: str, limit: int
) -> list[InboundMessage | OutboundMessage]:
    """The latest messages to and from `e164`, oldest first."""
    inbound = session.scalars(
        select(InboundMessage).where(InboundMessage.from_e164 == e164)
        .order_by(InboundMessage.id.desc()).limit(limit)
    ).all()  # fmt: skip
    outbound = session.scalars(
        select(OutboundMessage).where(OutboundMessage.to_e164 == e164)
        .order_by(OutboundMessage.id.desc()).limit(limit)
    ).all()  # fmt: skip
    both: list[InboundMessage | OutboundMessage] = [*inbound, *outbound]
    both.sort(
        key=lambda row: (
            row.received_at if isinstance(row, InboundMessage) else row.created_at,
            row.id,
        )
    )
    return both[-limit:]

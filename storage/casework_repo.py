"""Queries and updates for casework, on a caller's session; the caller owns the transaction."""

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from storage.casework import Alert, Caseworker, CheckIn, FlowSession, OutboundEmail
from storage.models import Contact, ContactNumber, InboundMessage
from storage.repositories import insert_ignoring_conflict
from storage.staff import StaffOffice
from storage.states import AlertStatus, DispatchState

SUPERVISOR_ROLES = ("supervisor", "admin")

# Caseworkers


def caseworker_by_phone(session: Session, e164: str) -> Caseworker | None:
    """The active caseworker who uses `e164`, if any."""
    return session.scalar(
        select(Caseworker).where(Caseworker.phone == e164, Caseworker.active.is_(True))
    )


def list_caseworkers(session: Session, office: str | None = None) -> Sequence[Caseworker]:
    """Active caseworkers, by office then name."""
    query = select(Caseworker).where(Caseworker.active.is_(True))
    if office:
        query = query.where(Caseworker.office == office)
    return session.scalars(query.order_by(Caseworker.office, Caseworker.name)).all()


def _with_access(session: Session, office: str | None, **where: Any) -> list[Caseworker]:
    """Matching active staff who can see the office's returnees: it is their own office, or
    one they were given. Nobody else is paged about a returnee they could not open."""
    if office is None:
        return []
    granted = select(StaffOffice.caseworker_id).where(StaffOffice.office == office)
    query = select(Caseworker).where(
        Caseworker.active.is_(True), or_(Caseworker.office == office, Caseworker.id.in_(granted))
    )
    for column, value in where.items():
        attribute = getattr(Caseworker, column)
        query = query.where(
            attribute.in_(value) if isinstance(value, tuple) else attribute == value
        )
    return list(session.scalars(query.order_by(Caseworker.office != office, Caseworker.id)))


def on_call(session: Session, office: str | None) -> list[Caseworker]:
    """The on-call caseworkers who can see the office (its own staff first)."""
    return _with_access(session, office, on_call=True)


def supervisors(session: Session, office: str | None) -> list[Caseworker]:
    """The supervisors and admins who can see the office (its own first)."""
    return _with_access(session, office, role=SUPERVISOR_ROLES)


def alert_recipients(session: Session, kind: str, contact: Contact | None,
                     office: str | None) -> list[Caseworker]:  # fmt: skip
    """Who hears of an alert first: the assigned caseworker, and for a crisis also on-call;
    with nobody on call for the office, its supervisors."""
    assigned = None
    if contact is not None and contact.caseworker_id is not None:
        assigned = session.get(Caseworker, contact.caseworker_id)
        assigned = assigned if assigned is not None and assigned.active else None
    if assigned is not None and kind != "crisis":
        return [assigned]
    people = [assigned] if assigned is not None else []
    people += [c for c in on_call(session, office) if c not in people]
    return people or supervisors(session, office)


# Alerts


def alert_by_code(session: Session, code: str) -> Alert | None:
    """The alert with this short code."""
    return session.scalar(select(Alert).where(Alert.code == code))


def open_alert(session: Session, contact_id: int, kind: str) -> Alert | None:
    """The contact's unresolved alert of this kind, if any."""
    return session.scalar(
        select(Alert)
        .where(
            Alert.contact_id == contact_id, Alert.kind == kind, Alert.status != AlertStatus.RESOLVED
        )
        .order_by(Alert.id.desc())
        .limit(1)
    )


def has_open_alerts(session: Session, contact_id: int, kinds: tuple[str, ...]) -> bool:
    """True while the contact has an unresolved alert of one of these kinds."""
    query = select(Alert.id).where(
        Alert.contact_id == contact_id, Alert.kind.in_(kinds), Alert.status != AlertStatus.RESOLVED
    )
    return session.scalar(query.limit(1)) is not None


def overdue_alert_ids(session: Session, now: datetime, limit: int) -> list[int]:
    """Open (unacknowledged) alerts past their SLA that were never escalated."""
    query = (
        select(Alert.id)
        .where(
            Alert.status == AlertStatus.OPEN, Alert.escalated_at.is_(None), Alert.sla_due_at <= now
        )
        .order_by(Alert.sla_due_at)
        .limit(limit)
    )
    return list(session.scalars(query))


def lock_overdue_alert(session: Session, alert_id: int, now: datetime) -> Alert | None:
    """The alert, locked, if it is still open, overdue and not escalated."""
    query = (
        select(Alert)
        .where(Alert.id == alert_id, Alert.status == AlertStatus.OPEN, Alert.escalated_at.is_(None),
               Alert.sla_due_at <= now)
        .with_for_update(skip_locked=True)
    )  # fmt: skip
    return session.scalar(query)


def set_handoff(session: Session, contact_id: int, why: str, now: datetime) -> None:
    """Record why a person has the conversation (unless a crisis already says so)."""
    row = flow_session(session, contact_id)
    if row is None:
        row = FlowSession(contact_id=contact_id, updated_at=now)
        session.add(row)
    row.handoff = "crisis" if row.handoff == "crisis" else why


def unread_counts(session: Session, contact_ids: list[int]) -> dict[int, int]:
    """Messages from each returnee received after a caseworker last read the conversation."""
    if not contact_ids:
        return {}
    query = (
        select(InboundMessage.contact_id, func.count(InboundMessage.id))
        .join(Contact, Contact.id == InboundMessage.contact_id)
        .where(InboundMessage.contact_id.in_(contact_ids),
               or_(Contact.read_until.is_(None), InboundMessage.received_at > Contact.read_until))
        .group_by(InboundMessage.contact_id)
    )  # fmt: skip
    return {int(contact): int(count) for contact, count in session.execute(query) if contact}


def expired_handoffs(session: Session, now: datetime, limit: int) -> Sequence[Contact]:
    """Returnees whose handoff ran out, locked (another clock skips them)."""
    query = (
        select(Contact)
        .where(Contact.paused_until <= now)
        .order_by(Contact.paused_until, Contact.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    return session.scalars(query).all()


def trigger_text(session: Session, alert: Alert) -> str:
    """The body of the message that raised the alert, if there was one."""
    if alert.inbound_id is None:
        return ""
    message = session.get(InboundMessage, alert.inbound_id)
    return message.body if message else ""


def alerts(
    session: Session, status: tuple[str, ...] = (AlertStatus.OPEN, AlertStatus.ACKNOWLEDGED)
) -> Sequence[Alert]:
    """Alerts by status, newest first."""
    query = select(Alert).where(Alert.status.in_(status)).order_by(Alert.id.desc())
    return session.scalars(query).all()


# Email outbox


def latest_emails(session: Session, limit: int) -> Sequence[OutboundEmail]:
    """The most recent alert emails, newest first."""
    query = select(OutboundEmail).order_by(OutboundEmail.id.desc()).limit(limit)
    return session.scalars(query).all()


def enqueue_email(session: Session, **values: Any) -> None:
    """Add an email to the outbox; a repeated idempotency key adds nothing."""
    insert_ignoring_conflict(session, OutboundEmail, **values)


def claim_emails(
    session: Session, now: datetime, owner: str, lease: timedelta, limit: int
) -> Sequence[OutboundEmail]:
    """Lease due emails to `owner`; a lapsed lease (a dead worker) is due again."""
    query = (
        select(OutboundEmail)
        .where(OutboundEmail.dispatch_state.in_((DispatchState.PENDING, DispatchState.SENDING)),
               OutboundEmail.next_attempt_at <= now)
        .order_by(OutboundEmail.next_attempt_at, OutboundEmail.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )  # fmt: skip
    rows = session.scalars(query).all()
    for row in rows:
        row.dispatch_state, row.lease_owner = DispatchState.SENDING, owner
        row.next_attempt_at = now + lease
        row.attempts += 1
    return rows


# Conversation sessions, cases and check-ins


def flow_session(session: Session, contact_id: int) -> FlowSession | None:
    """The contact's conversation session row, if any."""
    return session.get(FlowSession, contact_id)


def contact_by_code(session: Session, code: str) -> Contact | None:
    """The case a caseworker registered with this code."""
    return session.scalar(select(Contact).where(Contact.registration_code == code))


def numbers_of(session: Session, contact_id: int) -> Sequence[ContactNumber]:
    """The numbers linked to a contact."""
    return session.scalars(
        select(ContactNumber).where(ContactNumber.contact_id == contact_id)
    ).all()


def move_messages(session: Session, e164: str, contact_id: int) -> None:
    """Attach the number's messages to the contact it now belongs to."""
    session.execute(
        update(InboundMessage).where(InboundMessage.from_e164 == e164)
        .values(contact_id=contact_id)
    )  # fmt: skip


def open_checkin(session: Session, contact_id: int) -> CheckIn | None:
    """The contact's latest check-in, if it is still unanswered or just answered 'struggling'."""
    return session.scalar(
        select(CheckIn)
        .where(CheckIn.contact_id == contact_id,
               or_(CheckIn.answer.is_(None), CheckIn.answer == "struggling"))
        .order_by(CheckIn.id.desc())
        .limit(1)
    )  # fmt: skip

"""A caseworker's caseload: only their offices' returnees and alerts, and what they do to them."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, exists, or_, select
from sqlalchemy.orm import Session

from bot.casework import commands, handoffs
from bot.casework.staff import StaffMember
from bot.desk import Desk
from bot.messaging import outbox
from bot.messaging.delivery import latest_number, reachable_number
from bot.phones import region_of
from flows.texts import render
from storage import casework_repo as cases
from storage.casework import Alert, Caseworker, CheckIn
from storage.models import Contact, ContactNumber, InboundMessage, OutboundMessage
from storage.states import AlertStatus

URGENCY = {"crisis": 0, "request_human": 1, "struggling": 2, "reschedule": 3,
           "missed_checkins": 3, "undeliverable": 4, "new_number": 4}  # fmt: skip


class OutOfScope(LookupError):
    """No such returnee or alert for this caseworker: answered 404, never 403."""


def _in_offices(offices: tuple[str, ...]) -> ColumnElement[bool]:
    """Contacts of these offices: their country; for one without, the office of their number
    (someone who texted in), or an alert's office."""
    alert_here = exists().where(Alert.contact_id == Contact.id, Alert.office.in_(offices))
    no_country = Contact.country.is_(None) & (Contact.office.in_(offices) | alert_here)
    # An erased returnee is in nobody's office: gone from every page and the API (404).
    return Contact.erased_at.is_(None) & or_(Contact.country.in_(offices), no_country)


def in_offices(offices: tuple[str, ...]) -> ColumnElement[bool]:
    """The condition on Contact that keeps a query to these offices' returnees."""
    return _in_offices(offices)


def returnee(session: Session, who: StaffMember, contact_id: int) -> Contact:
    """The returnee, if they belong to one of the caseworker's offices."""
    contact = session.scalar(select(Contact).where(
        Contact.id == contact_id, Contact.merged_into_id.is_(None), _in_offices(who.offices)
    ))  # fmt: skip
    if contact is None:
        raise OutOfScope(f"no returnee {contact_id}")
    return contact


def returnees(
    session: Session, who: StaffMember, search: str = "", limit: int = 200
) -> list[Contact]:
    """The caseworker's returnees, newest first; `search` matches a name or a number."""
    query = select(Contact).where(Contact.merged_into_id.is_(None), _in_offices(who.offices))
    if search.strip():
        text = search.strip()  # % and _ are matched as themselves
        has_number = exists().where(ContactNumber.contact_id == Contact.id,
                                    ContactNumber.e164.contains(text, autoescape=True))  # fmt: skip
        query = query.where(or_(Contact.name.icontains(text, autoescape=True), has_number))
    return list(session.scalars(query.order_by(Contact.id.desc()).limit(limit)))


def alert(session: Session, who: StaffMember, alert_id: int) -> Alert:
    """The alert, if it belongs to one of the caseworker's offices."""
    found = session.get(Alert, alert_id)
    if found is None or found.office not in who.offices:
        raise OutOfScope(f"no alert {alert_id}")
    return found


def alert_queue(session: Session, who: StaffMember, include_resolved: bool = False) -> list[Alert]:
    """Open and acknowledged alerts of the offices: the most urgent first, then the newest."""
    states = (
        (AlertStatus.OPEN, AlertStatus.ACKNOWLEDGED, AlertStatus.RESOLVED)
        if include_resolved
        else (AlertStatus.OPEN, AlertStatus.ACKNOWLEDGED)
    )
    found = session.scalars(select(Alert).where(Alert.office.in_(who.offices),
                                                Alert.status.in_(states)))  # fmt: skip
    return sorted(found, key=lambda a: (a.status == AlertStatus.RESOLVED,
                                        a.status != AlertStatus.OPEN, URGENCY.get(a.kind, 5),
                                        -a.id))  # fmt: skip


def acknowledge(
    session: Session, desk: Desk, who: StaffMember, alert_id: int, now: datetime
) -> Alert:
    """Acknowledge from the dashboard, as `ACK <code>` does by SMS."""
    found = alert(session, who, alert_id)
    commands.acknowledge(session, desk, found, _person(session, who), now)
    return found


def resolve(session: Session, who: StaffMember, alert_id: int, note: str, now: datetime) -> Alert:
    """Resolve with a note, as `DONE <code>` does by SMS (and hand back after a handoff)."""
    found = alert(session, who, alert_id)
    if found.status != AlertStatus.RESOLVED:
        commands.resolve(session, found, _person(session, who), now)
        found.resolution_note = note.strip()[:2000] or None
    return found


def _person(session: Session, who: StaffMember) -> Caseworker:
    person = session.get(Caseworker, who.id)
    assert person is not None
    return person


@dataclass(frozen=True)
class ThreadMessage:
    """One message of a conversation, either way, with its delivery status."""

    at: datetime
    direction: str  # in|out
    body: str
    channel: str
    number: str
    status: str  # received, or the outbox/Twilio status
    purpose: str


def thread(session: Session, contact: Contact, limit: int = 500) -> list[ThreadMessage]:
    """The whole conversation with a returnee, on every number they used, oldest first."""
    numbers = [n.e164 for n in contact.numbers]
    inbound = session.scalars(select(InboundMessage).where(or_(
        InboundMessage.contact_id == contact.id, InboundMessage.from_e164.in_(numbers)
    )).order_by(InboundMessage.id.desc()).limit(limit))  # fmt: skip
    outbound = session.scalars(select(OutboundMessage).where(or_(
        OutboundMessage.contact_id == contact.id, OutboundMessage.to_e164.in_(numbers)
    )).order_by(OutboundMessage.id.desc()).limit(limit))  # fmt: skip
    # Oldest id first, so the stable sort keeps messages of one moment (a reply in two
    # parts, a referral and its question) in the order they were queued.
    both = [ThreadMessage(m.received_at, "in", m.body, m.channel, m.from_e164, "received",
                          m.nlu_intent or "") for m in reversed(inbound.all())]  # fmt: skip
    both += [ThreadMessage(m.created_at, "out", m.body, m.channel, m.to_e164,
                           m.status or m.dispatch_state, m.purpose)
             for m in reversed(outbound.all())]  # fmt: skip
    return sorted(both, key=lambda m: m.at)[-limit:]


def checkins(session: Session, contact_id: int) -> list[CheckIn]:
    """The returnee's check-ins, oldest first."""
    query = select(CheckIn).where(CheckIn.contact_id == contact_id).order_by(CheckIn.id)
    return list(session.scalars(query))


def reply(
    session: Session, who: StaffMember, contact: Contact, body: str, nonce: str, now: datetime
) -> str | None:
    """Send a caseworker's message through the outbox; the reason it cannot go, or None.

    `nonce` comes with the form, so a double submit sends once.
    """
    text = body.strip()
    if not text:
        return "the message is empty"
    if len(text) > 1600:
        return "the message is longer than 1,600 characters"
    # Someone who wrote to us can be answered (a crisis may come before any consent);
    # consent governs what we keep and what the scheduler sends, opt-out governs everything.
    number = reachable_number(contact) or latest_number(contact)
    if number is None or number.opted_out_at is not None:
        return "no number to write to: the returnee opted out"
    queued = outbox.enqueue(
        session, key=f"staff:{who.id}:{nonce}"[:160], purpose="caseworker_message",
        to_e164=number.e164, channel=number.last_channel, body=text, now=now,
        contact_id=contact.id,
    )  # fmt: skip
    if not queued:
        return "the returnee opted out"
    handoffs.answered(session, contact, _person(session, who), now)
    return None


def rename(contact: Contact, name: str, now: datetime) -> str | None:
    """Give the returnee a name; the reason it cannot be saved, or None."""
    clean = " ".join(name.split())
    if not clean:
        return "the name is empty"
    if len(clean) > 200 or not clean.isprintable():
        return "the name must be printable text of at most 200 characters"
    contact.name, contact.updated_at = clean, now
    return None


def mark_read(contact: Contact, now: datetime) -> None:
    """A caseworker has seen the returnee's messages up to now."""
    contact.read_until = now


def unread(session: Session, contact_ids: list[int]) -> dict[int, int]:
    """How many messages each returnee sent that no caseworker has seen yet."""
    return cases.unread_counts(session, contact_ids)


def take_over(
    session: Session, desk: Desk, who: StaffMember, contact: Contact, now: datetime
) -> None:
    """The caseworker has the conversation: the bot stays quiet until handed back, and the
    returnee's messages go to this caseworker."""
    contact.paused_until = now + desk.flow_policy.handoff
    contact.handoff_owner_id = who.id
    cases.set_handoff(session, contact.id, "caseworker", now)


def hand_back(session: Session, contact: Contact, now: datetime) -> None:
    """The bot answers again; the returnee is told, as after `DONE`."""
    if contact.paused_until is None:
        return
    handoffs.end(session, contact)
    number = latest_number(contact)
    if number is not None:
        outbox.enqueue(
            session, key=f"handback:{contact.id}:{now:%Y%m%dT%H%M%S%f}", purpose="handoff_ended",
            to_e164=number.e164, channel=number.last_channel,
            body=render("handoff_ended", contact.language), now=now, contact_id=contact.id,
        )  # fmt: skip


def office_of(contact: Contact) -> str | None:
    """The office a returnee belongs to (for the audit log): their country, else their number's."""
    if contact.country or contact.office:
        return contact.country or contact.office
    regions = [region_of(n.e164) for n in contact.numbers]
    return next((region for region in regions if region), None)

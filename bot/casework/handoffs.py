"""Handoffs: while a person has the conversation, every returnee message reaches them; a
false alarm is noted on its alert; and a handoff that runs out tells the returnee the bot is
back (in the returnee's waking hours)."""

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.casework import alerts
from bot.desk import Desk
from bot.logs import get_logger
from bot.messaging import outbox
from bot.messaging.delivery import delivery, latest_number
from bot.schedule.planning import contact_zone
from flows.schedule import outside_quiet_hours
from flows.texts import render
from storage import casework_repo as cases
from storage.casework import Alert, Caseworker
from storage.models import Contact, ContactNumber, InboundMessage, OutboundMessage
from storage.states import AlertStatus

log = get_logger("handoffs")
MESSAGE_KIND = "handoff_message"


def owner(session: Session, contact: Contact) -> Caseworker | None:
    """The caseworker who has the conversation (took over, replied or acknowledged)."""
    if contact.handoff_owner_id is None:
        return None
    person = session.get(Caseworker, contact.handoff_owner_id)
    return person if person is not None and person.active else None


def take(session: Session, contact: Contact, caseworker: Caseworker) -> None:
    """`caseworker` has the conversation from now on: messages during the handoff go to them."""
    if contact.paused_until is not None:
        contact.handoff_owner_id = caseworker.id


def message_during_handoff(
    session: Session, desk: Desk, number: ContactNumber, inbound: InboundMessage,
    began_with_crisis: bool, now: datetime,
) -> Alert:  # fmt: skip
    """Tell the person who has the conversation: one `handoff_message` alert per handoff
    (in the queue until answered, escalated after its SLA), and at most one SMS and email
    per `message_notice`, quoting the newest message."""
    contact, policy = number.contact, desk.alert_policy
    sla = policy.crisis_sla if began_with_crisis else policy.message_sla
    person = owner(session, contact)
    alert = cases.open_alert(session, contact.id, MESSAGE_KIND)
    if alert is None:
        trigger = alerts.Trigger(number.e164, contact, inbound.id, inbound.body)
        reason = "wrote while a caseworker has the conversation"
        alert = alerts.raise_alert(session, desk.alerts, MESSAGE_KIND, reason, trigger, now,
                                   sla=sla, recipients=[person] if person else None)  # fmt: skip
        alert.notified_at = now
        return alert
    alert.inbound_id = inbound.id  # the newest message is the one to answer
    if alert.status == AlertStatus.ACKNOWLEDGED:  # seen before: this message is new and unanswered
        alert.status, alert.sla_due_at, alert.escalated_at = AlertStatus.OPEN, now + sla, None
    if alert.notified_at is None or now - alert.notified_at >= policy.message_notice:
        people = [person] if person else cases.alert_recipients(
            session, MESSAGE_KIND, contact, alert.office)  # fmt: skip
        for caseworker in people:
            alerts.notify(session, desk.alerts, alert, caseworker, inbound.body, now,
                          escalation=False, occasion=f"message{inbound.id}")  # fmt: skip
        alert.notified_at = now
    return alert


def answered(session: Session, contact: Contact, caseworker: Caseworker, now: datetime) -> None:
    """A caseworker wrote to the returnee: the messages are answered and read, and they have
    the conversation."""
    take(session, contact, caseworker)
    contact.read_until = now
    alert = cases.open_alert(session, contact.id, MESSAGE_KIND)
    if alert is not None:
        close(alert, caseworker.id, "answered on the dashboard", now)


def close(alert: Alert, caseworker_id: int | None, note: str, now: datetime) -> None:
    """Resolve an alert with a note (who, when)."""
    alert.status, alert.resolved_at, alert.resolved_by_id = AlertStatus.RESOLVED, now, caseworker_id
    alert.acknowledged_at = alert.acknowledged_at or now
    alert.acknowledged_by_id = alert.acknowledged_by_id or caseworker_id
    alert.resolution_note = alert.resolution_note or note


def note(session: Session, contact: Contact, kind: str, text: str) -> None:
    """Add a note to the returnee's open alert of `kind` (a person still closes it)."""
    alert = cases.open_alert(session, contact.id, kind)
    if alert is not None and text not in alert.reason:
        alert.reason = f"{alert.reason}; {text}"[:4000]


def staff_engaged(session: Session, contact: Contact) -> bool:
    """A caseworker has written to the returnee since the open crisis alert was raised."""
    crisis = cases.open_alert(session, contact.id, "crisis")
    if crisis is None:
        return contact.handoff_owner_id is not None
    query = select(OutboundMessage.id).where(
        OutboundMessage.contact_id == contact.id,
        OutboundMessage.purpose == "caseworker_message",
        OutboundMessage.created_at >= crisis.created_at,
    )
    return session.scalar(query.limit(1)) is not None


def end(session: Session, contact: Contact) -> None:
    """The bot answers again: nobody has the conversation, no message waits for a person."""
    contact.paused_until, contact.handoff_owner_id = None, None
    row = cases.flow_session(session, contact.id)
    if row is not None:
        row.handoff, row.notified_at = None, None
    alert = cases.open_alert(session, contact.id, MESSAGE_KIND)
    if alert is not None:
        close(alert, None, "handed back to the assistant", alert.created_at)


def end_expired(
    sessions: sessionmaker[Session], desk: Desk, now: datetime, limit: int = 100
) -> int:
    """Handoffs that ran out: the returnee hears the bot is back, in their waking hours (a
    handoff that runs out at night lasts until the morning)."""
    with sessions.begin() as session:
        ended = 0
        for contact in cases.expired_handoffs(session, now, limit):
            zone = contact_zone(contact, desk.catalogue)
            morning = outside_quiet_hours(now, zone, desk.schedule.quiet)
            if morning > now:
                contact.paused_until = morning
                continue
            ran_out = contact.paused_until
            end(session, contact)
            _say_back(session, desk, contact, f"handoff_back:{contact.id}:{ran_out:%Y%m%dT%H%M%S}",
                      now)  # fmt: skip
            ended += 1
    if ended:
        log.info("handoffs.ended", count=ended)
    return ended


def _say_back(session: Session, desk: Desk, contact: Contact, key: str, now: datetime) -> None:
    number = latest_number(contact)
    if number is None or number.opted_out_at is not None:
        return
    channel, sid, values = delivery(
        session, desk.templates, number, "handoff_back", contact.language, {}, now
    )
    outbox.enqueue(
        session, key=key, purpose="handoff_back", to_e164=number.e164, channel=channel,
        body=render("handoff_back", contact.language), now=now, contact_id=contact.id,
        content_sid=sid, content_variables=values,
    )  # fmt: skip

"""Casework effects of a conversation step, and the caseworkers' own SMS commands."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from bot import alerts, handoffs, outbox, staff
from bot.desk import Desk
from bot.logs import get_logger
from flows.commands import normalise_code, parse_command
from flows.conversation import Alert as RaiseAlert
from flows.conversation import (
    HandoffMessage,
    LinkCase,
    NoteAlert,
    RecordCheckin,
    RecordMilestoneAnswer,
)
from flows.texts import render
from storage import casework_repo as cases
from storage import repositories as repo
from storage.casework import Alert, Caseworker, CheckIn
from storage.models import Contact, ContactNumber, InboundMessage
from storage.schedule import Milestone

log = get_logger("casework")


@dataclass(frozen=True)
class Origin:
    """The message a step answered: the number it came from and the stored row."""

    number: ContactNumber
    inbound: InboundMessage


def code_status(session: Session, number: ContactNumber, body: str) -> str:
    """Whether a registration code links at once, needs a caseworker's check, or is unknown."""
    case = cases.contact_by_code(session, normalise_code(body))
    if case is None:
        return "unknown"
    return "needs_check" if _has_other_numbers(session, case, number) else "linked"


def _has_other_numbers(session: Session, case: Contact, number: ContactNumber) -> bool:
    """A case that already has a number gets a new one only after a caseworker's check."""
    return any(n.id != number.id for n in cases.numbers_of(session, case.id))


def perform(session: Session, desk: Desk, origin: Origin, effect: object, now: datetime) -> None:
    """Carry out one non-reply effect in the caller's transaction."""
    if isinstance(effect, RaiseAlert):
        trigger = alerts.Trigger(origin.number.e164, origin.number.contact, origin.inbound.id,
                                 origin.inbound.body)  # fmt: skip
        alerts.raise_alert(session, desk.alerts, effect.kind, effect.reason, trigger, now)
    elif isinstance(effect, LinkCase):
        link_case(session, desk, origin, effect.code, now)
    elif isinstance(effect, RecordCheckin):
        record_checkin(session, origin, effect, now)
    elif isinstance(effect, RecordMilestoneAnswer):
        milestone = session.get(Milestone, effect.milestone_id)
        if milestone is not None and milestone.contact_id == origin.number.contact_id:
            milestone.answer, milestone.answered_at = effect.answer, now
    elif isinstance(effect, HandoffMessage):
        handoffs.message_during_handoff(session, desk, origin.number, origin.inbound,
                                        effect.began_with_crisis, now)  # fmt: skip
    elif isinstance(effect, NoteAlert):
        handoffs.note(session, origin.number.contact, effect.kind, effect.note)


def link_case(session: Session, desk: Desk, origin: Origin, code: str, now: datetime) -> None:
    """Link the number to the registered case; a case with other numbers needs a check first."""
    case = cases.contact_by_code(session, normalise_code(code))
    number = origin.number
    if case is None or case.id == number.contact_id:
        return
    if _has_other_numbers(session, case, number):
        trigger = alerts.Trigger(number.e164, case, origin.inbound.id, origin.inbound.body)
        reason = f"new number {number.e164} sent this case's registration code"
        alerts.raise_alert(session, desk.alerts, "new_number", reason, trigger, now)
        return
    move_number(session, number, case, now)


def move_number(session: Session, number: ContactNumber, case: Contact, now: datetime) -> None:
    """The number now belongs to the registered case; what onboarding learnt comes along."""
    old = number.contact
    case.language = old.language
    if old.consent == "given":
        case.consent, case.consent_at = old.consent, old.consent_at
    case.country = case.country or old.country
    case.time_zone = case.time_zone or old.time_zone
    case.updated_at = now
    number.contact_id, number.contact = case.id, case
    old.merged_into_id = case.id
    cases.move_messages(session, number.e164, case.id)
    stale = cases.flow_session(session, old.id)
    if stale is not None:
        session.delete(stale)
    log.info("casework.number_linked", contact_id=case.id)


def record_checkin(session: Session, origin: Origin, effect: RecordCheckin, now: datetime) -> None:
    """Store the check-in answer (and the need, when the follow-up answers it)."""
    contact_id = origin.number.contact_id
    row = cases.open_checkin(session, contact_id)  # the one asked, or the one the need is for
    if row is None or (row.answer is not None and not effect.need):
        row = CheckIn(contact_id=contact_id)
        session.add(row)
    row.answer, row.answered_at, row.inbound_id = effect.answer, now, origin.inbound.id
    if effect.need:
        row.need = effect.need


def handle_caseworker(
    session: Session, desk: Desk, caseworker: Caseworker, inbound: InboundMessage, now: datetime
) -> None:
    """ACK <code> acknowledges; DONE <code> resolves and hands the returnee back to the bot."""
    command = parse_command(inbound.body)
    language = caseworker.language
    alert = cases.alert_by_code(session, command.code) if command else None
    if command is None:
        reply = render("caseworker_help", language)
    elif alert is None or alert.status == "resolved":
        reply = render("unknown_alert", language, code=command.code)
    elif command.verb == "ack":
        acknowledge(session, desk, alert, caseworker, now)
        _audit_sms(session, caseworker, "acknowledge_alert", alert, now)
        reply = render("ack_done", language, code=alert.code)
    else:
        resolve(session, alert, caseworker, now)
        _audit_sms(session, caseworker, "resolve_alert", alert, now)
        reply = render("resolve_done", language, code=alert.code)
    outbox.enqueue(
        session, key=f"reply:{inbound.message_sid}:0", purpose="caseworker_reply",
        to_e164=caseworker.phone, channel=inbound.channel, body=reply, now=now,
        in_reply_to_id=inbound.id,
    )  # fmt: skip


def _audit_sms(
    session: Session, caseworker: Caseworker, action: str, alert: Alert, now: datetime
) -> None:
    """The audit log says who acted on an alert by SMS, as it does for the dashboard."""
    staff.audit(session, staff.member(session, caseworker), action, now, channel="sms",
                contact_id=alert.contact_id, office=alert.office, detail=alert.code)  # fmt: skip


def acknowledge(
    session: Session, desk: Desk, alert: Alert, caseworker: Caseworker, now: datetime
) -> None:
    """Mark the alert acknowledged; for a new number, the caseworker has verified it: link."""
    if alert.status != "open":
        return
    alert.status, alert.acknowledged_at, alert.acknowledged_by_id = (
        "acknowledged",
        now,
        caseworker.id,
    )
    log.info("alert.acknowledged", alert=alert.code, caseworker_id=caseworker.id)
    contact = session.get(Contact, alert.contact_id) if alert.contact_id else None
    if contact is not None and alert.kind in (*alerts.HANDOFF_KINDS, handoffs.MESSAGE_KIND):
        handoffs.take(session, contact, caseworker)  # who acknowledged has the conversation
    if alert.kind == "new_number" and alert.contact_id is not None:
        number = repo.find_number(session, alert.e164)
        case = session.get(Contact, alert.contact_id)
        if number is not None and case is not None and number.contact_id != case.id:
            move_number(session, number, case, now)
            _tell_returnee(session, number, "code_linked", f"linked:{alert.code}", now)


def resolve(session: Session, alert: Alert, caseworker: Caseworker, now: datetime) -> None:
    """Close the alert; with no other handoff open, the bot answers the returnee again."""
    alert.status, alert.resolved_at, alert.resolved_by_id = "resolved", now, caseworker.id
    alert.acknowledged_at = alert.acknowledged_at or now
    alert.acknowledged_by_id = alert.acknowledged_by_id or caseworker.id
    log.info("alert.resolved", alert=alert.code, caseworker_id=caseworker.id)
    contact = session.get(Contact, alert.contact_id) if alert.contact_id else None
    if contact is None or alert.kind not in alerts.HANDOFF_KINDS or contact.paused_until is None:
        return
    if cases.has_open_alerts(session, contact.id, alerts.HANDOFF_KINDS):
        return
    handoffs.end(session, contact)
    number = repo.find_number(session, alert.e164)
    if number is not None:
        _tell_returnee(session, number, "handoff_ended", f"handback:{alert.code}", now)


def _tell_returnee(
    session: Session, number: ContactNumber, key: str, idempotency: str, now: datetime
) -> None:
    outbox.enqueue(
        session, key=idempotency, purpose=key, to_e164=number.e164,
        channel=number.last_channel, body=render(key, number.contact.language), now=now,
        contact_id=number.contact_id,
    )  # fmt: skip

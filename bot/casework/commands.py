"""The caseworkers' own SMS commands (ACK <code>, DONE <code>), and what acknowledging and
resolving an alert does, by SMS or on the dashboard."""

from datetime import datetime

from sqlalchemy.orm import Session

from bot.casework import alerts, handoffs, staff
from bot.casework.effects import move_number
from bot.desk import Desk
from bot.logs import get_logger
from bot.messaging import outbox
from flows.commands import parse_command
from flows.texts import render
from storage import casework_repo as cases
from storage import repositories as repo
from storage.casework import Alert, Caseworker
from storage.models import Contact, ContactNumber, InboundMessage
from storage.states import AlertStatus

log = get_logger("casework")


def handle_caseworker(
    session: Session, desk: Desk, caseworker: Caseworker, inbound: InboundMessage, now: datetime
) -> None:
    """ACK <code> acknowledges; DONE <code> resolves and hands the returnee back to the bot."""
    command = parse_command(inbound.body)
    language = caseworker.language
    alert = cases.alert_by_code(session, command.code) if command else None
    if command is None:
        reply = render("caseworker_help", language)
    elif alert is None or alert.status == AlertStatus.RESOLVED:
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
    if alert.status != AlertStatus.OPEN:
        return
    alert.status, alert.acknowledged_at, alert.acknowledged_by_id = (
        AlertStatus.ACKNOWLEDGED,
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
    alert.status, alert.resolved_at, alert.resolved_by_id = AlertStatus.RESOLVED, now, caseworker.id
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

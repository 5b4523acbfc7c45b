"""Caseworker alerts: raise, route, notify by SMS and email, acknowledge, resolve, escalate."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session, sessionmaker

from bot.codes import unique_code
from bot.logs import get_logger
from bot.messaging import emails, outbox
from bot.phones import region_of
from flows.commands import CODE_LENGTH
from flows.content import Catalogue
from flows.segments import count_segments
from flows.texts import label, render
from storage import casework_repo as cases
from storage.casework import Alert, Caseworker
from storage.models import Contact
from storage.states import AlertStatus

log = get_logger("alerts")
HANDOFF_KINDS = ("crisis", "request_human")


@dataclass(frozen=True)
class AlertPolicy:
    """How fast an alert must be acknowledged, and the deployment's fallback office."""

    crisis_sla: timedelta = timedelta(minutes=15)
    other_sla: timedelta = timedelta(hours=24)
    default_office: str | None = None
    message_sla: timedelta = timedelta(hours=2)  # a message during a handoff, unanswered
    message_notice: timedelta = timedelta(minutes=10)  # at most one SMS per conversation

    def sla(self, kind: str) -> timedelta:
        """Time allowed before an unacknowledged alert goes to the supervisor."""
        if kind == "handoff_message":
            return self.message_sla
        return self.crisis_sla if kind == "crisis" else self.other_sla


@dataclass(frozen=True)
class Trigger:
    """What raised an alert: the returnee's number and contact, and the message, if any."""

    e164: str
    contact: Contact | None
    inbound_id: int | None = None
    text: str = ""


def raise_alert(
    session: Session, desk: "AlertDesk", kind: str, reason: str, trigger: Trigger, now: datetime,
    *, sla: timedelta | None = None, recipients: list[Caseworker] | None = None,
) -> Alert:  # fmt: skip
    """Store the alert and notify; an open alert of the same kind only gains the reason.

    `recipients` replaces the usual routing (the person who has the conversation)."""
    contact = trigger.contact
    existing = cases.open_alert(session, contact.id, kind) if contact is not None else None
    if existing is not None:
        if reason not in existing.reason:
            existing.reason = f"{existing.reason}; {reason}"
        return existing
    office = office_for(desk, trigger)
    alert = Alert(
        code=_new_code(session), kind=kind, status=AlertStatus.OPEN, reason=reason,
        contact_id=contact.id if contact else None, inbound_id=trigger.inbound_id,
        e164=trigger.e164, office=office, created_at=now,
        sla_due_at=now + (sla or desk.policy.sla(kind)),
    )  # fmt: skip
    session.add(alert)
    if recipients is None:
        recipients = cases.alert_recipients(session, kind, contact, office)
    alert.caseworker_id = recipients[0].id if recipients else None
    session.flush()
    if not recipients:
        log.error("alert.unrouted", alert=alert.code, kind=kind, office=office)
    for caseworker in recipients:
        notify(session, desk, alert, caseworker, trigger.text, now, escalation=False)
    log.info("alert.raised", alert=alert.code, kind=kind, notified=len(recipients))
    return alert


def office_for(desk: "AlertDesk", trigger: Trigger) -> str | None:
    """The returnee's country office: chosen country, else the number's, else the default."""
    contact = trigger.contact
    for code in (contact.country if contact else None, region_of(trigger.e164)):
        if desk.catalogue.get(code) is not None:
            return code
    return desk.policy.default_office


def notify(
    session: Session, desk: "AlertDesk", alert: Alert, caseworker: Caseworker, text: str,
    now: datetime, escalation: bool, occasion: str = "",
) -> None:  # fmt: skip
    """An SMS through the outbox and an email through the email outbox, in this transaction.

    `occasion` tells apart several notices of one alert (each message during a handoff)."""
    tag = ("escalation" if escalation else "alert") + (f":{occasion}" if occasion else "")
    body = alert_sms(desk, alert, caseworker, text, escalation, session)
    purpose = f"{'escalation' if escalation else 'alert'}_{alert.kind}"
    outbox.enqueue(
        session, key=f"{tag}:{alert.id}:sms:{caseworker.id}", purpose=purpose,
        to_e164=caseworker.phone, channel="sms", body=body, now=now,
    )  # fmt: skip
    subject, email_body = emails.alert_email(desk.catalogue, alert, caseworker, text, escalation)
    emails.enqueue_email(
        session, key=f"{tag}:{alert.id}:email:{caseworker.id}", alert_id=alert.id,
        to_address=caseworker.email, subject=subject, body=email_body, now=now,
    )  # fmt: skip


def alert_sms(
    desk: "AlertDesk", alert: Alert, caseworker: Caseworker, text: str, escalation: bool,
    session: Session,
) -> str:  # fmt: skip
    """The alert SMS in the caseworker's language, the message cut to stay within 2 segments."""
    language = caseworker.language
    country = desk.catalogue.get(alert.office)
    values = {"code": alert.code, "kind": label(f"alert_{alert.kind}", language),
              "who": alert.e164, "country": country.name(language) if country else "?"}  # fmt: skip
    if escalation:
        assigned = session.get(Caseworker, alert.caseworker_id) if alert.caseworker_id else None
        return render("alert_escalated_sms", language, **values,
                      caseworker=assigned.name if assigned else "-")  # fmt: skip
    snippet = " ".join((text or alert.reason).split())
    key = "handoff_message_sms" if alert.kind == "handoff_message" else "alert_sms"
    for size in range(min(len(snippet), 120), -1, -10):
        short = snippet if size >= len(snippet) else snippet[:size].rstrip() + "..."
        body = render(key, language, **values, snippet=short)
        if count_segments(body).segments <= 2:
            return body
    return render(key, language, **values, snippet="")


def _new_code(session: Session) -> str:
    return unique_code("", CODE_LENGTH, lambda code: cases.alert_by_code(session, code) is not None)


@dataclass(frozen=True)
class AlertDesk:
    """What raising and escalating alerts reads: the content and the alert policy."""

    catalogue: Catalogue
    policy: AlertPolicy


def escalate_overdue(
    sessions: sessionmaker[Session], desk: AlertDesk, now: datetime, limit: int = 50
) -> int:
    """Send every open alert past its SLA to the office supervisor; return how many."""
    with sessions.begin() as session:
        ids = cases.overdue_alert_ids(session, now, limit)
    for alert_id in ids:
        with sessions.begin() as session:
            alert = cases.lock_overdue_alert(session, alert_id, now)
            if alert is None:
                continue  # acknowledged meanwhile, or another clock took it
            alert.escalated_at = now
            supervisors = cases.supervisors(session, alert.office)
            if not supervisors:
                log.error("alert.no_supervisor", alert=alert.code, office=alert.office)
            text = cases.trigger_text(session, alert)
            for supervisor in supervisors:
                notify(session, desk, alert, supervisor, text, now, escalation=True)
            log.warning("alert.escalated", alert=alert.code, kind=alert.kind,
                        supervisors=len(supervisors))  # fmt: skip
    return len(ids)

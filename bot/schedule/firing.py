"""What the clock does when an entry fires: a check-in, a nudge, a reminder, a missed check.

Each runs in the transaction that marks the entry, and a message takes the entry's key in
the outbox, so a crash, a restart or a second clock can never send it twice.
"""

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from bot.casework import alerts
from bot.conversations import state
from bot.desk import Desk
from bot.logs import get_logger
from bot.messaging import outbox
from bot.messaging.delivery import addressed_as, delivery, latest_number, reachable_number
from flows.checkin import nudge_checkin, open_checkin
from flows.conversation import Context, Conversation, Effect, Reminder, Send
from flows.reminder import local_when, open_reminder
from flows.texts import label
from storage import schedule_repo as plan
from storage.casework import CheckIn
from storage.models import Contact
from storage.schedule import Milestone, ScheduleEntry

log = get_logger("scheduled")
Opener = Callable[[Conversation, Context], tuple[Conversation, list[Effect]]]


def send_scheduled(
    session: Session, desk: Desk, key: str, kind: str, contact: Contact, opener: Opener,
    variables: dict[str, str], now: datetime,
) -> str | None:  # fmt: skip
    """Open the flow (its question goes out under `key`); the reason it was skipped, or None.

    `kind` (checkin, checkin_nudge, reminder) picks the WhatsApp template."""
    number = reachable_number(contact)
    if number is None:
        return "no consent or every number opted out"
    old = state.load(session, number)
    new, effects = opener(old, Context(desk.catalogue, now, desk.flow_policy))
    [message] = [effect for effect in effects if isinstance(effect, Send)]
    channel, sid, values = delivery(
        session, desk.templates, number, kind, contact.language, variables, now
    )
    queued = outbox.enqueue(
        session, key=key, purpose=message.purpose, to_e164=number.e164, channel=channel,
        body=message.body, now=now, contact_id=contact.id, content_sid=sid,
        content_variables=values,
    )  # fmt: skip
    if not queued:
        return "opted out"
    state.save(session, number, old, new, now, desk.catalogue)
    return None


def fire_checkin(
    session: Session, desk: Desk, entry: ScheduleEntry, contact: Contact, now: datetime
) -> str | None:
    """Ask this month's check-in, and plan its nudge and its missed-check."""
    variables = {"1": addressed_as(contact)}
    skipped = send_scheduled(
        session, desk, entry.key, entry.purpose, contact, open_checkin, variables, now
    )
    if skipped:
        return skipped
    session.add(CheckIn(contact_id=contact.id, asked_at=now, occurrence=entry.occurrence))
    policy = desk.schedule
    for purpose, after in (("checkin_nudge", policy.nudge_after),
                           ("checkin_missed", policy.missed_after)):  # fmt: skip
        plan.add_entry(
            session, key=f"{purpose}:{contact.id}:{entry.occurrence}", contact_id=contact.id,
            purpose=purpose, occurrence=entry.occurrence, fire_at=now + after, created_at=now,
        )  # fmt: skip
    return None


def _unanswered(session: Session, contact: Contact, entry: ScheduleEntry) -> CheckIn | None:
    """The check-in of the entry's month, if it is still unanswered."""
    checkin = plan.checkin_by_occurrence(session, contact.id, entry.occurrence)
    return checkin if checkin is not None and checkin.answer is None else None


def fire_nudge(
    session: Session, desk: Desk, entry: ScheduleEntry, contact: Contact, now: datetime
) -> str | None:
    """No answer in 72 hours: one nudge; nothing if the check-in was answered."""
    checkin = _unanswered(session, contact, entry)
    if checkin is None:
        return "answered"
    skipped = send_scheduled(
        session, desk, entry.key, entry.purpose, contact, nudge_checkin, {}, now
    )
    if skipped is None:
        checkin.nudged_at = now
    return skipped


def fire_missed(
    session: Session, desk: Desk, entry: ScheduleEntry, contact: Contact, now: datetime
) -> str | None:
    """Mark an unanswered check-in missed; the second missed in a row alerts a caseworker."""
    checkin = _unanswered(session, contact, entry)
    if checkin is None:
        return "answered"
    checkin.missed_at = now
    previous = plan.previous_checkin(session, checkin)
    if previous is None or previous.missed_at is None or previous.answer is not None:
        return None
    number = latest_number(contact)
    if number is None:
        return "no number"
    months = f"{previous.occurrence} and {checkin.occurrence}"
    trigger = alerts.Trigger(number.e164, contact, None, "")
    alerts.raise_alert(session, desk.alerts, "missed_checkins",
                       f"no answer to the check-ins of {months}", trigger, now)  # fmt: skip
    return None


def fire_reminder(
    session: Session, desk: Desk, entry: ScheduleEntry, contact: Contact, zone: ZoneInfo,
    milestone: Milestone, now: datetime,
) -> str | None:  # fmt: skip
    """Remind the returnee of the milestone: what, when and where, answerable with 1 or 2."""
    reminder = Reminder(milestone.id, milestone.kind, milestone.at, milestone.place, zone.key)
    language = contact.language
    variables = {
        "1": label(f"milestone_{milestone.kind}", language),
        "2": local_when(milestone.at, zone.key, language),
        "3": milestone.place,
    }

    def opener(conversation: Conversation, ctx: Context) -> tuple[Conversation, list[Effect]]:
        return open_reminder(conversation, reminder, ctx)

    return send_scheduled(session, desk, entry.key, entry.purpose, contact, opener, variables, now)

"""Erasure on request and retention: names, numbers, message bodies and free text go;
pseudonymised statistics stay; the keyed hash of each number keeps its opt-out.

What is kept, and why (README, "Erasure"): the contact row (id, office, country, language,
consent, age band, sex, return type, deporting country, the month of return, created_at),
check-in answers, alert kinds and times, referral and service kinds, statuses and dates,
grant business types and values, survey scores: the programme report counts them and none
names the person. Removed: name, WhatsApp profile name, registration code, area, time zone,
birth date (its age band is kept), every message body, alert reasons, alert emails, notes,
referral outcomes, plan goal texts, survey answers, milestone places and notes, the open
conversation; planned check-ins and reminders are cancelled.
"""

import hashlib
import hmac
from calendar import monthrange
from datetime import date, datetime

from sqlalchemy.orm import Session, sessionmaker

from bot.casework.staff import StaffMember, audit
from bot.desk import Desk
from bot.logs import get_logger
from bot.messaging import outbox
from bot.messaging.emails import enqueue_email
from flows.erasure import CONFIRM_STEP
from flows.keywords import Keyword, match_keyword
from flows.texts import render
from flows.vocabulary import Flow, Question
from storage import casework_repo as cases
from storage import erasure_repo as repo
from storage.casework import Caseworker, FlowSession
from storage.models import Contact, ContactNumber

log = get_logger("erasure")
BATCH = 500
AGE_BANDS = ((18, "0-17"), (25, "18-24"), (35, "25-34"), (45, "35-44"), (55, "45-54"),
             (65, "55-64"))  # fmt: skip


def keyed_hash(key: str, text: str) -> str:
    """HMAC-SHA256 of `text` with the deployment's pseudonym key, in hex: erased numbers and
    the regional dataset's pseudonyms (useless without the key)."""
    return hmac.new(key.encode(), text.encode(), hashlib.sha256).hexdigest()


def number_hash(key: str, e164: str) -> str:
    """The keyed hash (HMAC-SHA256) an erased number is kept as: `h:<hex>`."""
    return f"{repo.HASHED}{keyed_hash(key, e164)}"


def age_band(born: date, on: date) -> str:
    """The age band of someone born on `born`, on the day `on`."""
    age = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
    return next((band for limit, band in AGE_BANDS if age < limit), "65+")


def erased_number(session: Session, key: str, e164: str, body: str) -> ContactNumber | None:
    """The opted-out row an erasure left for this number, unless the message is START (the
    sender then begins again as a new person, asked for consent like anyone new)."""
    found = repo.find_hashed_number(session, number_hash(key, e164))
    keyword = match_keyword(body)
    if found is None or (keyword is not None and keyword.keyword is Keyword.START):
        return None
    return found


def erase(
    session: Session, contact: Contact, key: str, now: datetime, *,
    who: StaffMember | None = None, channel: str = "sms", replying_to: int | None = None,
) -> None:  # fmt: skip
    """Erase a returnee in the caller's transaction, audit it and tell the caseworker.
    `replying_to`: the inbound message being answered keeps its number until the clock."""
    if contact.erased_at is not None:
        return
    session.flush()
    _tell_caseworker(session, contact, now)
    _blank_contact(contact, now)
    for number in contact.numbers:
        number.e164, number.wa_id = number_hash(key, number.e164), None
        number.opted_out_at = number.opted_out_at or now
    repo.blank_free_text(session, contact.id)
    repo.blank_messages(session, contact.id)
    repo.close_alerts(session, contact.id, now)
    repo.hash_addresses(session, contact.id, lambda e164: number_hash(key, e164), replying_to)
    audit(session, who, "erasure", now, contact_id=contact.id, office=contact.office,
          detail=f"erased on request ({channel})", channel=channel)  # fmt: skip
    log.info("erasure.done", contact_id=contact.id, channel=channel)


def _blank_contact(contact: Contact, now: datetime) -> None:
    """Everything on the contact row that names or locates the person."""
    if contact.birth_date is not None:
        contact.age_band = contact.age_band or age_band(contact.birth_date, now.date())
    if contact.returned_at is not None:  # the month of return is enough for statistics
        contact.returned_at = contact.returned_at.replace(day=1, hour=0, minute=0, second=0,
                                                          microsecond=0)  # fmt: skip
    contact.name = contact.whatsapp_profile_name = contact.registration_code = None
    contact.area = contact.time_zone = None
    contact.birth_date = contact.paused_until = contact.read_until = None
    contact.handoff_owner_id = None
    contact.erased_at = contact.updated_at = now


def _tell_caseworker(session: Session, contact: Contact, now: datetime) -> None:
    """An email to the assigned caseworker: the case is gone, by the returnee's wish."""
    if contact.caseworker_id is None:
        return
    caseworker = session.get(Caseworker, contact.caseworker_id)
    if caseworker is None:
        return
    body = (f"Hello {caseworker.name},\n\nReturnee #{contact.id} asked for their data to be "
            "erased and it has been. Their name, numbers, messages and notes are gone; the "
            "case no longer appears on the dashboard. Please delete any copy you keep "
            "elsewhere (notes, spreadsheets, phone contacts).\n")  # fmt: skip
    enqueue_email(session, key=f"erasure:{contact.id}", alert_id=None,
                  to_address=caseworker.email, subject="[Returnee Assistant] A returnee's data "
                  "was erased", body=body, now=now)  # fmt: skip


def finish_erasures(sessions: sessionmaker[Session], key: str, now: datetime) -> int:
    """Hash the numbers left in messages sent or received after an erasure (the clock)."""
    changed = 0
    with sessions.begin() as session:
        for contact_id in repo.contacts_left_to_hash(session, BATCH):
            repo.blank_messages(session, contact_id)  # a message that came after erasure
            changed += repo.hash_addresses(session, contact_id,
                                           lambda e164: number_hash(key, e164), None)  # fmt: skip
    return changed


def months_before(now: datetime, months: int) -> datetime:
    """The same moment `months` calendar months earlier (the last day if that month is short)."""
    index = now.year * 12 + now.month - 1 - months
    year, month = divmod(index, 12)
    day = min(now.day, monthrange(year, month + 1)[1])
    return now.replace(year=year, month=month + 1, day=day)


def redact_old_messages(
    sessions: sessionmaker[Session], now: datetime, months: int, max_batches: int = 20
) -> int:
    """Retention: redact message bodies older than `months`, a batch per transaction
    (idempotent: a redacted body is skipped), and audit what was done."""
    cutoff, total = months_before(now, months), 0
    for _ in range(max_batches):
        with sessions.begin() as session:
            changed = repo.redact_before(session, cutoff, BATCH)
            if changed:
                audit(
                    session,
                    None,
                    "retention",
                    now,
                    channel="clock",
                    detail=f"{changed} message bodies before {cutoff:%Y-%m-%d} redacted",
                )
        total += changed
        if changed == 0:
            break
    return total


def ask_returnee(
    session: Session, desk: Desk, who: StaffMember, contact: Contact, now: datetime
) -> str | None:
    """A supervisor starts erasure: the returnee is asked to confirm by keypad (1 erases).
    The problem, if the question cannot be sent (no number that has not opted out)."""
    reachable = [n for n in contact.numbers if n.opted_out_at is None]
    if not reachable:
        return "the returnee opted out"
    row = cases.flow_session(session, contact.id)
    if row is None:
        row = FlowSession(contact_id=contact.id)
        session.add(row)
    row.flow, row.step, row.asked = Flow.ERASURE, CONFIRM_STEP, Question.ERASURE
    row.answers, row.invalid = "[]", 0
    row.expires_at, row.updated_at = now + desk.flow_policy.onboarding, now
    number = max(reachable, key=lambda n: n.last_seen_at)
    outbox.enqueue(session, key=f"erasure_confirm:{contact.id}:{now.isoformat()}",
                   purpose="erasure_confirm", to_e164=number.e164, channel=number.last_channel,
                   body=render("erasure_confirm", contact.language), now=now,
                   contact_id=contact.id)  # fmt: skip
    audit(session, who, "erasure_asked", now, contact_id=contact.id, office=contact.office)
    return None

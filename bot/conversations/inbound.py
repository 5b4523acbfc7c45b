"""Inbound messages: store first, then answer, idempotently; and delivery status callbacks."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from bot.casework import alerts, commands, erasure, handoffs, partners
from bot.casework.effects import Origin, perform, registration_code_status
from bot.conversations import state
from bot.desk import Desk
from bot.logs import get_logger
from bot.messaging import outbox
from bot.messaging.ports import DeliveryUpdate, Inbound
from bot.phones import region_of
from bot.schedule.planning import contact_zone
from flows.content import Catalogue
from flows.conversation import Context, Conversation, DirectoryPartner, Event, Reminder, Send
from flows.dialogue import step
from flows.keywords import Keyword, match_keyword
from flows.orientation import SERVICE_INTENTS
from flows.texts import language_for_region
from flows.vocabulary import Consent, Flow
from nlu.client import ParseResult
from nlu.understand import Parser, understand
from storage import casework_repo as cases
from storage import repositories as repo
from storage import schedule_repo as plan
from storage.models import Contact, ContactNumber, InboundMessage, OutboundMessage
from storage.states import DispatchState

log = get_logger("inbound")
MAX_CALLBACK_RETRIES = 6


@dataclass(frozen=True)
class Accepted:
    """The stored message, and whether this delivery was a repeat of one we had."""

    inbound_id: int
    duplicate: bool


def store_inbound(sessions: sessionmaker[Session], message: Inbound, now: datetime) -> Accepted:
    """Store the message in its own transaction, keyed by MessageSid (repeats are no-ops)."""
    try:
        with sessions.begin() as session:
            row = InboundMessage(
                message_sid=message.message_sid, channel=message.channel,
                from_e164=message.from_e164, to_address=message.to_address, body=message.body,
                num_media=message.num_media, profile_name=message.profile_name,
                wa_id=message.wa_id, received_at=now, handling_attempts=0,
            )  # fmt: skip
            session.add(row)
            session.flush()
            return Accepted(row.id, duplicate=False)
    except IntegrityError:
        with sessions.begin() as session:
            existing = repo.get_inbound_by_sid(session, message.message_sid)
            if existing is None:
                raise
            return Accepted(existing.id, duplicate=True)


def receive(desk: Desk, message: Inbound, now: datetime, nlu: Parser | None = None) -> Accepted:
    """Store, then answer; an answer that fails is retried by the clock, never lost."""
    accepted = store_inbound(desk.sessions, message, now)
    try:
        meaning = interpret(message.body, nlu)
        handle_inbound(desk, accepted.inbound_id, now, meaning)
    except Exception:
        log.exception("inbound.handling_failed", inbound_id=accepted.inbound_id)
        _note_failure(desk.sessions, accepted.inbound_id)
    return accepted


def interpret(body: str, nlu: Parser | None) -> ParseResult | None:
    """What the message means; STOP, HELP and empty bodies never reach the NLU.

    Called outside any transaction: a slow NLU must never hold a database lock.
    """
    keyword = match_keyword(body)
    if not body.strip() or (keyword and keyword.keyword in (Keyword.STOP, Keyword.HELP)):
        return None
    return understand(body, nlu)  # START/YES too: from a subscribed number "yes" is affirm


def handle_inbound(desk: Desk, inbound_id: int, now: datetime, meaning: ParseResult | None) -> None:
    """Answer one stored message exactly once: replies, alerts and 'handled' commit together."""
    for attempt in (1, 2):
        try:
            with desk.sessions.begin() as session:
                _handle(session, desk, inbound_id, now, meaning)
            return
        except IntegrityError:
            if attempt == 2:  # a concurrent first message from the same new number
                raise


def _handle(
    session: Session, desk: Desk, inbound_id: int, now: datetime, meaning: ParseResult | None
) -> None:
    inbound = session.get(InboundMessage, inbound_id, with_for_update=True)
    if inbound is None or inbound.handled_at is not None:
        return
    inbound.handling_attempts += 1
    _record_meaning(inbound, meaning)
    caseworker = cases.caseworker_by_phone(session, inbound.from_e164)
    if caseworker is not None:  # staff are never treated as returnees
        commands.handle_caseworker(session, desk, caseworker, inbound, now)
        inbound.handled_at = now
        return
    number = _number_for(session, inbound, now, desk.catalogue, desk.pseudonym_key)
    inbound.contact_id = number.contact_id
    old = state.load(session, number)
    event = _event(session, desk, inbound, meaning, number, old)
    new, effects = step(old, event, Context(desk.catalogue, now, desk.flow_policy))
    state.save(session, number, old, new, now, desk.catalogue)
    origin = Origin(number, inbound)
    sends = [effect for effect in effects if isinstance(effect, Send)]
    for effect in effects:
        perform(session, desk, origin, effect, now)
    for index, send in enumerate(sends):
        outbox.enqueue(
            session, key=f"reply:{inbound.message_sid}:{index}", purpose=send.purpose,
            to_e164=inbound.from_e164, channel=inbound.channel, body=send.body, now=now,
            contact_id=number.contact_id, in_reply_to_id=inbound.id,
        )  # fmt: skip
    inbound.handled_at = now


def _event(
    session: Session, desk: Desk, inbound: InboundMessage, meaning: ParseResult | None,
    number: ContactNumber, conversation: Conversation,
) -> Event:  # fmt: skip
    """The flow's view of the message, with a registration code looked up when one is due."""
    flow = conversation.session
    code_status = None
    if flow is not None and flow.flow == Flow.ONBOARDING and flow.step == "code":
        code_status = registration_code_status(session, number, inbound.body)
    intent = meaning.intent if meaning else None
    upcoming = None
    if intent == "ask_appointment":
        upcoming = next_milestone(session, desk, number.contact, inbound.received_at)
    retracts = meaning is not None and meaning.retracts
    partners = _directory(session, desk, inbound, intent, number.contact)
    return Event(
        inbound.body, inbound.channel, inbound.num_media, intent=intent,
        confidence=meaning.confidence if meaning else 0.0, retracts=retracts,
        staff_engaged=retracts and handoffs.staff_engaged(session, number.contact),
        language=meaning.entity("language") if meaning else None,
        region=region_of(inbound.from_e164), code_status=code_status,
        next_milestone=upcoming, partners=partners, area=number.contact.area,
    )  # fmt: skip


def _directory(
    session: Session, desk: Desk, inbound: InboundMessage, intent: str | None, contact: Contact
) -> tuple[DirectoryPartner, ...]:
    """For a service question, the directory's partners of that service in the returnee's
    country (their own, else their number's, else the default office's)."""
    service = SERVICE_INTENTS.get(intent or "")
    if service is None:
        return ()
    country = contact.country or region_of(inbound.from_e164)
    if desk.catalogue.get(country) is None:
        country = desk.catalogue.default
    return partners.for_service(session, country, service)


def next_milestone(
    session: Session, desk: Desk, contact: Contact, now: datetime
) -> Reminder | None:
    """The returnee's next planned milestone, as a reminder names it."""
    upcoming = plan.next_milestone(session, contact.id, now)
    if upcoming is None:
        return None
    zone = contact_zone(contact, desk.catalogue)
    return Reminder(upcoming.id, upcoming.kind, upcoming.at, upcoming.place, zone.key)


def _record_meaning(inbound: InboundMessage, meaning: ParseResult | None) -> None:
    if meaning is not None:
        inbound.nlu_intent, inbound.nlu_source = meaning.intent, meaning.source
        inbound.nlu_confidence = meaning.confidence


def _number_for(
    session: Session, inbound: InboundMessage, now: datetime, catalogue: Catalogue, key: str
) -> ContactNumber:
    """The sender's number, creating a bare contact for a first message (an erased number
    stays opted out under its hash, until START)."""
    number = repo.find_number(session, inbound.from_e164) or erasure.erased_number(
        session, key, inbound.from_e164, inbound.body
    )
    if number is None:
        region = region_of(inbound.from_e164)
        language = language_for_region(region)
        number = repo.add_contact_with_number(
            session, inbound.from_e164, language, inbound.channel, now
        )
        known = catalogue.get(region) is not None
        number.contact.office = region if known else catalogue.default
    number.last_seen_at, number.last_channel = now, inbound.channel
    if number.contact.erased_at is not None:
        return number  # nothing new is learnt about an erased returnee
    number.wa_id = inbound.wa_id or number.wa_id
    if inbound.profile_name:
        number.contact.whatsapp_profile_name = inbound.profile_name
    return number


def _note_failure(sessions: sessionmaker[Session], inbound_id: int) -> None:
    try:
        with sessions.begin() as session:
            row = session.get(InboundMessage, inbound_id)
            if row is not None:
                row.handling_attempts += 1
                row.last_error = "handling failed; will be retried"
    except Exception:
        log.exception("inbound.note_failure_failed", inbound_id=inbound_id)


def resume_unhandled(
    desk: Desk,
    now: datetime,
    older_than: timedelta,
    nlu: Parser | None = None,
    limit: int = 100,
) -> int:
    """Answer messages that were stored but never answered (a crash in between)."""
    with desk.sessions.begin() as session:
        pending = repo.unhandled_inbound(session, now - older_than, limit)
    for inbound_id, body in pending:
        try:
            handle_inbound(desk, inbound_id, now, interpret(body, nlu))
        except Exception:
            log.exception("inbound.resume_failed", inbound_id=inbound_id)
    if pending:
        log.info("inbound.resumed", count=len(pending))
    return len(pending)


def record_status(desk: Desk, update: DeliveryUpdate, now: datetime) -> bool:
    """Record a delivery status; act on an unsubscribe or unreachable number. False if the
    message is unknown."""
    with desk.sessions.begin() as session:
        row = repo.outbound_by_sid(session, update.message_sid)
        if row is None and update.outbound_id is not None:
            row = _adopt_sid(session, update)
        repo.add_status_event(
            session, row.id if row else None, update.message_sid, update.status,
            update.error_code, now,
        )  # fmt: skip
        if row is None:
            _opt_out_unknown(session, update, now)
            return False
        row.status = outbox.later_status(row.status, update.status)
        row.status_at = now
        if update.error_code:
            row.error_code = update.error_code
        if update.retry_later:
            _retry_later(row, now)  # a rate limit reported after the channel took the message
        _act_on_error(session, desk, row.to_e164, update, now)
        return True


def _retry_later(row: OutboundMessage, now: datetime) -> None:
    """Send again with backoff (30 s, 1 min, 2 min ... at most 30 min), a few times."""
    if row.attempts >= MAX_CALLBACK_RETRIES:
        return
    row.dispatch_state, row.twilio_sid, row.status = DispatchState.PENDING, None, "queued"
    row.next_attempt_at = now + timedelta(seconds=min(1800, 30 * 2 ** max(row.attempts - 1, 0)))
    log.info("outbox.retry_after_rate_limit", message_id=row.id)


def _opt_out_unknown(session: Session, update: DeliveryUpdate, now: datetime) -> None:
    """An unsubscribe reported for a message we do not know (sent before a restore, or by
    hand): the number unsubscribed all the same, so it is opted out by its number."""
    if not update.stopped:
        return
    if update.recipient is None:
        log.warning("inbound.unsubscribed_unknown_address")
        return
    repo.mark_opted_out(session, update.recipient, now)


def _adopt_sid(session: Session, update: DeliveryUpdate) -> OutboundMessage | None:
    """The callback beat the worker's own record (or the worker died): take the sid from it."""
    row = session.get(OutboundMessage, update.outbound_id, with_for_update=True)
    if row is None or (row.twilio_sid and row.twilio_sid != update.message_sid):
        return None
    row.twilio_sid = update.message_sid
    if row.dispatch_state in (DispatchState.PENDING, DispatchState.SENDING):
        row.dispatch_state, row.lease_owner, row.lease_expires_at = DispatchState.SENT, None, None
    return row


def _act_on_error(
    session: Session, desk: Desk, e164: str, update: DeliveryUpdate, now: datetime
) -> None:
    code = update.error_code
    if update.stopped:
        repo.mark_opted_out(session, e164, now)
    elif update.unreachable and code is not None:
        repo.mark_unreachable(session, e164, code, now)
        number = repo.find_number(session, e164)
        contact = number.contact if number is not None else None
        if contact is not None and (contact.consent == Consent.GIVEN or contact.caseworker_id):
            trigger = alerts.Trigger(e164, contact, None, f"carrier error {code}")
            reason = f"messages to this number fail (error {code})"
            alerts.raise_alert(session, desk.alerts, "undeliverable", reason, trigger, now)

"""Casework effects of a conversation step: alerts, linked cases, check-ins, handoffs."""

from dataclasses import dataclass
from datetime import datetime
from typing import assert_never

from sqlalchemy.orm import Session

from bot.casework import alerts, erasure, handoffs, referral_answers
from bot.desk import Desk
from bot.logs import get_logger
from bot.schedule import surveys
from flows.commands import normalise_code
from flows.conversation import (
    CloseSurvey,
    Effect,
    EraseData,
    HandoffMessage,
    LinkCase,
    NoteAlert,
    RaiseAlert,
    RecordCheckin,
    RecordMilestoneAnswer,
    RecordReferralFollowUp,
    RecordReferralShare,
    RecordSurveyAnswer,
    Send,
)
from flows.vocabulary import Consent
from storage import casework_repo as cases
from storage.casework import CheckIn
from storage.models import Contact, ContactNumber, InboundMessage
from storage.schedule import Milestone

log = get_logger("casework")


@dataclass(frozen=True)
class Origin:
    """The message a step answered: the number it came from and the stored row."""

    number: ContactNumber
    inbound: InboundMessage


def registration_code_status(session: Session, number: ContactNumber, body: str) -> str:
    """Whether a registration code links at once, needs a caseworker's check, or is unknown."""
    case = cases.contact_by_code(session, normalise_code(body))
    if case is None:
        return "unknown"
    return "needs_check" if _has_other_numbers(session, case, number) else "linked"


def _has_other_numbers(session: Session, case: Contact, number: ContactNumber) -> bool:
    """A case that already has a number gets a new one only after a caseworker's check."""
    return any(n.id != number.id for n in cases.numbers_of(session, case.id))


def perform(session: Session, desk: Desk, origin: Origin, effect: Effect, now: datetime) -> None:
    """Carry out one effect of a step in the caller's transaction. Every kind of effect is
    handled here (strict mypy proves it: a new one that nobody handles is a type error);
    replies (`Send`) are queued by the caller, which numbers them for the outbox."""
    match effect:
        case Send():
            pass
        case RaiseAlert(kind=kind, reason=reason):
            trigger = alerts.Trigger(origin.number.e164, origin.number.contact, origin.inbound.id,
                                     origin.inbound.body)  # fmt: skip
            alerts.raise_alert(session, desk.alerts, kind, reason, trigger, now)
        case LinkCase(code=code):
            link_case(session, desk, origin, code, now)
        case RecordCheckin():
            record_checkin(session, origin, effect, now)
        case RecordMilestoneAnswer(milestone_id=milestone_id, answer=answer):
            milestone = session.get(Milestone, milestone_id)
            if milestone is not None and milestone.contact_id == origin.number.contact_id:
                milestone.answer, milestone.answered_at = answer, now
        case HandoffMessage(began_with_crisis=began_with_crisis):
            handoffs.message_during_handoff(session, desk, origin.number, origin.inbound,
                                            began_with_crisis, now)  # fmt: skip
        case NoteAlert(kind=kind, note=note):
            handoffs.note(session, origin.number.contact, kind, note)
        case RecordReferralShare(referral_id=referral_id, given=given):
            contact_id = origin.number.contact_id
            referral_answers.record_share(session, contact_id, referral_id, given, now)
        case RecordReferralFollowUp(referral_id=referral_id, answer=answer):
            contact_id = origin.number.contact_id
            referral_answers.record_follow_up(session, contact_id, referral_id, answer, now)
        case RecordSurveyAnswer() | CloseSurvey():
            survey_effect(session, desk, origin, effect, now)
        case EraseData():
            erasure.erase(session, origin.number.contact, desk.pseudonym_key, now,
                          replying_to=origin.inbound.id)  # fmt: skip
        case _:
            assert_never(effect)


def survey_effect(
    session: Session, desk: Desk, origin: Origin, effect: RecordSurveyAnswer | CloseSurvey,
    now: datetime,
) -> None:  # fmt: skip
    """Keep a survey answer, or close the returnee's survey (scored; may alert)."""
    contact, number = origin.number.contact, origin.number
    trigger = alerts.Trigger(number.e164, contact, origin.inbound.id, origin.inbound.body)
    if isinstance(effect, CloseSurvey):
        surveys.close_open(session, desk, contact, effect.status, trigger, now)
    else:
        surveys.record_answer(session, desk, contact, effect.question, effect.digit,
                              effect.next, trigger, now)  # fmt: skip


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
    if old.consent == Consent.GIVEN:
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

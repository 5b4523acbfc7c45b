"""Load a returnee's conversation from the database, and store the new one back."""

import json
from dataclasses import replace
from datetime import datetime

from sqlalchemy.orm import Session

from flows.content import Catalogue
from flows.conversation import Conversation, FlowStep
from flows.vocabulary import Consent, Flow, Handoff, Question
from storage import casework_repo as cases
from storage.casework import FlowSession
from storage.models import ContactNumber


def load(session: Session, number: ContactNumber) -> Conversation:
    """The conversation of the number's contact, as the flows see it."""
    contact = number.contact
    row = cases.flow_session(session, contact.id)
    conversation = Conversation(
        language=contact.language, opted_out=number.opted_out_at is not None,
        consent=Consent(contact.consent), country=contact.country,
        paused_until=contact.paused_until,
    )  # fmt: skip
    if row is None:
        return conversation
    step = None
    if row.flow and row.step and row.expires_at:
        answers = tuple((str(k), str(v)) for k, v in json.loads(row.answers or "[]"))
        step = FlowStep(Flow(row.flow), row.step, row.expires_at, answers, row.invalid)
    return replace(
        conversation, session=step, topic=row.topic, topic_until=row.topic_until,
        notified_at=row.notified_at, misunderstood=row.misunderstood,
        handoff=Handoff(row.handoff) if row.handoff and contact.paused_until else None,
        asked=Question(row.asked) if row.asked else None,
        onboarding_after=row.onboarding_after,
    )  # fmt: skip


def save(
    session: Session, number: ContactNumber, old: Conversation, new: Conversation,
    now: datetime, catalogue: Catalogue,
) -> None:  # fmt: skip
    """Store the new state: opt-out on the number, consent and profile on the contact."""
    contact = number.contact
    if new.opted_out and not old.opted_out:
        number.opted_out_at, number.opted_in_at = now, None
    elif old.opted_out and not new.opted_out:
        number.opted_out_at, number.opted_in_at = None, now
    if new.consent != old.consent:
        contact.consent, contact.consent_at = new.consent, now
    if new.consent == Consent.DECLINED:
        contact.name = contact.country = contact.time_zone = None  # keep only the number
    elif new.country != contact.country and new.country is not None:
        country = catalogue.get(new.country)
        contact.country, contact.time_zone = new.country, country.time_zone if country else None
    contact.language, contact.paused_until, contact.updated_at = new.language, new.paused_until, now
    if new.paused_until is None:
        contact.handoff_owner_id = None  # the bot answers: nobody has the conversation
    _save_session(session, contact.id, new, now)


def _save_session(session: Session, contact_id: int, new: Conversation, now: datetime) -> None:
    row = cases.flow_session(session, contact_id)
    if row is None:
        row = FlowSession(contact_id=contact_id)
        session.add(row)
    step = new.session
    row.flow, row.step = (step.flow, step.step) if step else (None, None)
    row.answers = json.dumps([list(pair) for pair in step.answers] if step else [])
    row.invalid, row.expires_at = (step.invalid, step.expires_at) if step else (0, None)
    row.topic, row.topic_until, row.notified_at = new.topic, new.topic_until, new.notified_at
    row.misunderstood, row.updated_at = new.misunderstood, now
    row.handoff, row.asked, row.onboarding_after = new.handoff, new.asked, new.onboarding_after

"""Queries of erasure and retention: what names a returnee is blanked, the statistics stay."""

from collections.abc import Callable
from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from storage.casework import Alert, FlowSession, OutboundEmail
from storage.models import Contact, ContactNumber, InboundMessage, OutboundMessage
from storage.reintegration import PlanGoal, Referral, ReferralEvent, ServiceDelivered, Survey
from storage.schedule import Milestone, ScheduleEntry

ERASED = "[erased]"
REDACTED = "[redacted]"
HASHED = "h:"  # an address replaced by its keyed hash starts with this
IN_FLIGHT = ("pending", "sending")  # outbox rows still to send keep their address until sent


def blank_free_text(session: Session, contact_id: int) -> None:
    """Remove the free text of a returnee's casework; kinds, statuses and dates stay."""
    referrals = select(Referral.id).where(Referral.contact_id == contact_id)
    for statement in (
        update(Referral).where(Referral.contact_id == contact_id).values(note=None, outcome=None),
        update(ReferralEvent).where(ReferralEvent.referral_id.in_(referrals)).values(note=None),
        update(PlanGoal).where(PlanGoal.contact_id == contact_id).values(goal=ERASED),
        update(ServiceDelivered).where(ServiceDelivered.contact_id == contact_id)
        .values(note=None),
        update(Survey).where(Survey.contact_id == contact_id).values(answers={}),
        update(Milestone).where(Milestone.contact_id == contact_id).values(place="", note=None),
        update(ScheduleEntry).where(ScheduleEntry.contact_id == contact_id,
                                    ScheduleEntry.state == "planned").values(state="cancelled"),
        delete(FlowSession).where(FlowSession.contact_id == contact_id),
    ):  # fmt: skip
        session.execute(statement)


def blank_messages(session: Session, contact_id: int) -> None:
    """Message bodies and profile names go; the addresses are hashed by `hash_addresses`."""
    session.execute(
        update(InboundMessage).where(InboundMessage.contact_id == contact_id)
        .values(body=ERASED, profile_name=None, wa_id=None)
    )  # fmt: skip
    session.execute(
        update(OutboundMessage).where(OutboundMessage.contact_id == contact_id)
        .values(body=ERASED, content_variables=None)
    )  # fmt: skip
    alerts = select(Alert.id).where(Alert.contact_id == contact_id)
    session.execute(update(Alert).where(Alert.contact_id == contact_id)
                    .values(reason=ERASED, resolution_note=None))  # fmt: skip
    session.execute(update(OutboundEmail).where(OutboundEmail.alert_id.in_(alerts))
                    .values(subject=ERASED, body=ERASED))  # fmt: skip


def close_alerts(session: Session, contact_id: int, now: datetime) -> None:
    """The returnee's open alerts are resolved: there is nobody left to call back."""
    session.execute(
        update(Alert).where(Alert.contact_id == contact_id, Alert.status != "resolved")
        .values(status="resolved", resolved_at=now)
    )  # fmt: skip


def hash_addresses(
    session: Session, contact_id: int, hashed: Callable[[str], str], skip_inbound: int | None
) -> int:
    """Replace the returnee's numbers in messages and alerts by their keyed hash (an outbox
    row still to send keeps its address until it is sent). The number of rows changed."""
    changed = 0
    for inbound in session.scalars(select(InboundMessage).where(
            InboundMessage.contact_id == contact_id, InboundMessage.id != (skip_inbound or 0),
            ~InboundMessage.from_e164.startswith(HASHED))):  # fmt: skip
        inbound.from_e164, changed = hashed(inbound.from_e164), changed + 1
    for outbound in session.scalars(select(OutboundMessage).where(
            OutboundMessage.contact_id == contact_id, ~OutboundMessage.to_e164.startswith(HASHED),
            OutboundMessage.dispatch_state.not_in(IN_FLIGHT))):  # fmt: skip
        outbound.to_e164, changed = hashed(outbound.to_e164), changed + 1
    for alert in session.scalars(select(Alert).where(
            Alert.contact_id == contact_id, ~Alert.e164.startswith(HASHED))):  # fmt: skip
        alert.e164, changed = hashed(alert.e164), changed + 1
    return changed


def contacts_left_to_hash(session: Session, limit: int) -> list[int]:
    """Erased returnees whose messages still hold a number (a reply sent after erasure)."""
    erased = select(Contact.id).where(Contact.erased_at.is_not(None))
    inbound = select(InboundMessage.contact_id).where(
        InboundMessage.contact_id.in_(erased),
        ~InboundMessage.from_e164.startswith(HASHED) | (InboundMessage.body != ERASED),
    )
    outbound = select(OutboundMessage.contact_id).where(
        OutboundMessage.contact_id.in_(erased), ~OutboundMessage.to_e164.startswith(HASHED),
        OutboundMessage.dispatch_state.not_in(IN_FLIGHT))  # fmt: skip
    rows = session.scalars(inbound.union(outbound).limit(limit))
    return [int(row) for row in rows if row is not None]


def find_hashed_number(session: Session, hashed: str) -> ContactNumber | None:
    """The number row an erasure left (its e164 is the keyed hash), if any."""
    return session.scalar(select(ContactNumber).where(ContactNumber.e164 == hashed))


def redact_before(session: Session, cutoff: datetime, limit: int) -> int:
    """Redact up to `limit` inbound and `limit` outbound bodies older than `cutoff`."""
    changed = 0
    for model, when in ((InboundMessage, InboundMessage.received_at),
                        (OutboundMessage, OutboundMessage.created_at)):  # fmt: skip
        ids = select(model.id).where(when < cutoff, model.body.not_in((REDACTED, ERASED)))
        if model is OutboundMessage:
            ids = ids.where(OutboundMessage.dispatch_state.not_in(IN_FLIGHT))
        batch = list(session.scalars(ids.limit(limit)))
        if batch:
            session.execute(update(model).where(model.id.in_(batch)).values(body=REDACTED))
            changed += len(batch)
    return changed

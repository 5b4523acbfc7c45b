"""Referrals: a returnee sent to a partner for a service. Making one tells the returnee by
SMS (and asks whether the partner may be told who they are) and plans the follow-up; every
status change is a ReferralEvent; the returnee's answers come back as effects."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.casework import caseload, referral_messages
from bot.casework.partners import PartnerError
from bot.casework.referral_answers import add_event
from bot.casework.staff import StaffMember
from bot.desk import Desk
from flows.content import Catalogue
from flows.referrals import (
    OPEN,
    allowed_next,
    check_transition,
    is_stale,
)
from flows.vocabulary import ReferralStatus, ShareConsent
from storage import schedule_repo as plan
from storage.models import Contact
from storage.reintegration import Partner, Referral, ReferralEvent

NOTE_MAX, OUTCOME_MAX = 2000, 2000
FOLLOW_UP = "referral_follow_up"  # the schedule entry's purpose


class ReferralError(PartnerError):
    """A referral the caseload refuses (unknown partner, service not offered, ...)."""


@dataclass(frozen=True)
class Made:
    """A new referral, and why no SMS went to the returnee (None: it was queued)."""

    referral: Referral
    not_sent: str | None


def _text(value: object, field: str, limit: int) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str):
        raise ReferralError(field, "must be text")
    if "\x00" in value:
        raise ReferralError(field, "contains a NUL character, which is not allowed")
    if len(value) > limit:
        raise ReferralError(field, f"is {len(value)} characters; at most {limit}")
    return value.strip()


def _partner_for(
    session: Session, who: StaffMember, partner_id: object, service: object
) -> Partner:
    if isinstance(partner_id, str) and partner_id.strip().isdigit():
        partner_id = int(partner_id)
    if isinstance(partner_id, bool) or not isinstance(partner_id, int):
        raise ReferralError("partner_id", "must be a partner's id (a whole number)")
    partner = session.get(Partner, partner_id) if 0 < partner_id < 2**31 else None
    if partner is None or partner.country not in who.offices or not partner.active:
        raise ReferralError("partner_id", f"no active partner {partner_id} in your offices")
    if not isinstance(service, str) or service not in (partner.services or []):
        offered = ", ".join(partner.services or []) or "none"
        raise ReferralError("service", f"{partner.name} does not offer {str(service)[:40]!r}; "
                            f"it offers {offered}")  # fmt: skip
    return partner


def make(
    session: Session, desk: Desk, who: StaffMember, contact: Contact, data: dict[str, Any],
    now: datetime, source: str,
) -> Made:  # fmt: skip
    """Refer the returnee: record it, tell them by SMS, ask to share, plan the follow-up."""
    partner = _partner_for(session, who, data.get("partner_id"), data.get("service"))
    note = _text(data.get("note"), "note", NOTE_MAX)
    referral = Referral(
        contact_id=contact.id, partner_id=partner.id, service=str(data["service"]), note=note,
        status=ReferralStatus.MADE, share=ShareConsent.UNKNOWN, created_by_id=who.id,
        created_at=now, updated_at=now,
    )  # fmt: skip
    session.add(referral)
    session.flush()
    add_event(session, referral, ReferralStatus.MADE, source, who, note, now)
    not_sent = referral_messages.tell(session, desk, contact, referral, partner, now)
    days = _follow_up_days(desk.catalogue, partner.country, referral.service)
    plan.add_entry(
        session, key=f"{FOLLOW_UP}:{referral.id}", contact_id=contact.id, purpose=FOLLOW_UP,
        occurrence=str(referral.id), fire_at=now + timedelta(days=days), created_at=now,
    )  # fmt: skip
    return Made(referral, not_sent)


def _follow_up_days(catalogue: Catalogue, country: str, service: str) -> int:
    found = catalogue.get(country)
    known = found.services.get(service) if found else None
    return known.follow_up_days if known else 14


def get(session: Session, who: StaffMember, referral_id: int) -> Referral:
    """A referral of one of the caseworker's returnees; OutOfScope (404) otherwise."""
    referral = session.get(Referral, referral_id) if 0 < referral_id < 2**31 else None
    if referral is None:
        raise caseload.OutOfScope(f"no referral {referral_id}")
    caseload.returnee(session, who, referral.contact_id)  # raises OutOfScope
    return referral


def change_status(
    session: Session, who: StaffMember, referral_id: int, status: object, outcome: object,
    now: datetime, source: str,
) -> Referral:  # fmt: skip
    """Move a referral on (TransitionError for a move it cannot make), recording the event."""
    referral = get(session, who, referral_id)
    if not isinstance(status, str):
        raise ReferralError("status", f"must be one of {', '.join(ReferralStatus)}")
    new = check_transition(referral.status, status)
    text = _text(outcome, "outcome", OUTCOME_MAX)
    referral.status, referral.updated_at = new, now
    referral.outcome = text or referral.outcome
    add_event(session, referral, new, source, who, text, now)
    return referral


def referrals_of(session: Session, contact_id: int) -> list[Referral]:
    """A returnee's referrals, newest first."""
    query = select(Referral).where(Referral.contact_id == contact_id)
    return list(session.scalars(query.order_by(Referral.id.desc())))


def events_of(session: Session, referral_id: int) -> list[ReferralEvent]:
    """A referral's history, oldest first."""
    query = select(ReferralEvent).where(ReferralEvent.referral_id == referral_id)
    return list(session.scalars(query.order_by(ReferralEvent.id)))


def listing(
    session: Session, who: StaffMember, stale_after: timedelta, now: datetime,
    stale_only: bool = False, status: str | None = None, limit: int = 500,
) -> list[Referral]:  # fmt: skip
    """The referrals of the caseworker's returnees, newest first; only the stale ones, or
    only one status, if asked."""
    query = select(Referral).join(Contact, Contact.id == Referral.contact_id)
    query = query.where(caseload.in_offices(who.offices))
    if status:
        query = query.where(Referral.status == status)
    if stale_only:
        query = query.where(Referral.status.in_(sorted(OPEN)),
                            Referral.updated_at <= now - stale_after)  # fmt: skip
    return list(session.scalars(query.order_by(Referral.id.desc()).limit(limit)))


def as_json(
    referral: Referral, partner: Partner | None, stale_after: timedelta, now: datetime
) -> dict[str, Any]:
    """A referral as the API shows it, with its stale flag."""

    def at(value: datetime | None) -> str | None:
        return None if value is None else value.isoformat().replace("+00:00", "Z")

    return {
        "id": referral.id, "returnee_id": referral.contact_id, "partner_id": referral.partner_id,
        "partner": partner.name if partner else None, "service": referral.service,
        "note": referral.note, "status": referral.status, "outcome": referral.outcome,
        "share": referral.share, "created_at": at(referral.created_at),
        "updated_at": at(referral.updated_at), "follow_up_answer": referral.follow_up_answer,
        "stale": is_stale(referral.status, referral.updated_at, now, stale_after),
        "next": list(allowed_next(referral.status)),
    }  # fmt: skip

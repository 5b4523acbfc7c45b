"""A returnee's reintegration plan: goals per dimension and the services delivered, kept by
caseworkers on the dashboard and the API; a milestone marked done becomes a service, once.

Every value is checked by flows/plans.py first, so the database never sees text, dates or
numbers it would refuse; PlanError names the field at fault."""

from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.casework import caseload
from bot.casework.staff import StaffMember
from bot.logs import get_logger
from flows.plans import (
    GOAL_MAX,
    GOAL_STATUSES,
    NOTE_MAX,
    PlanBook,
    PlanError,
    choice,
    day,
    dimension,
    grant,
    text,
)
from flows.vocabulary import ServiceKind
from storage.models import Contact
from storage.reintegration import Partner, PlanGoal, Referral, ServiceDelivered
from storage.schedule import Milestone

log = get_logger("plans")
LARGEST_ID = 2_147_483_647
GOAL_FIELDS = ("dimension", "goal", "status", "due_on")
SERVICE_FIELDS = ("kind", "delivered_on", "partner_id", "referral_id", "business_type",
                  "goods_value", "currency", "note")  # fmt: skip

__all__ = ["PlanError", "add_goal", "add_service", "change_goal", "goals_of", "services_of"]


def goals_of(session: Session, contact_id: int) -> list[PlanGoal]:
    """The plan's goals: by dimension, then the oldest first."""
    query = select(PlanGoal).where(PlanGoal.contact_id == contact_id)
    return list(session.scalars(query.order_by(PlanGoal.dimension, PlanGoal.id)))


def services_of(session: Session, contact_id: int) -> list[ServiceDelivered]:
    """The services delivered, the latest first."""
    query = select(ServiceDelivered).where(ServiceDelivered.contact_id == contact_id)
    return list(session.scalars(query.order_by(ServiceDelivered.delivered_on.desc(),
                                               ServiceDelivered.id.desc())))  # fmt: skip


def add_goal(
    session: Session, who: StaffMember | None, contact: Contact, raw: dict[str, Any],
    now: datetime,
) -> PlanGoal:  # fmt: skip
    """Add a goal in one dimension (open, unless a status is given)."""
    row = PlanGoal(
        contact_id=contact.id, dimension=dimension(raw.get("dimension")),
        goal=text(raw.get("goal"), "goal", GOAL_MAX),
        status=choice(raw.get("status") or "open", "status", GOAL_STATUSES),
        due_on=day(raw.get("due_on"), "due_on", required=False),
        created_by_id=who.id if who else None, created_at=now, updated_at=now,
    )  # fmt: skip
    session.add(row)
    session.flush()
    return row


def scoped_goal(session: Session, who: StaffMember, goal_id: int) -> tuple[PlanGoal, Contact]:
    """The goal and its returnee, if the returnee is in the caseworker's offices."""
    row = session.get(PlanGoal, goal_id)
    try:
        if row is not None:
            return row, caseload.returnee(session, who, row.contact_id)
    except caseload.OutOfScope:
        pass
    raise caseload.OutOfScope(f"no goal {goal_id}")  # the same, whoever's it is


def change_goal(goal: PlanGoal, raw: dict[str, Any], now: datetime) -> None:
    """Change a goal's status, text or due date (only the fields given)."""
    if "status" in raw:
        goal.status = choice(raw["status"], "status", GOAL_STATUSES)
    if "goal" in raw:
        goal.goal = text(raw["goal"], "goal", GOAL_MAX) or goal.goal
    if "due_on" in raw:
        goal.due_on = day(raw["due_on"], "due_on", required=False)
    if "dimension" in raw:
        goal.dimension = dimension(raw["dimension"])
    goal.updated_at = now


def add_service(
    session: Session, book: PlanBook, who: StaffMember | None, contact: Contact,
    raw: dict[str, Any], today: date, now: datetime,
) -> ServiceDelivered:  # fmt: skip
    """Record a service delivered on a date (not in the future); a grant may name its
    business, the value of goods and the currency."""
    kind = choice(raw.get("kind"), "kind", tuple(ServiceKind))
    delivered = day(raw.get("delivered_on"), "delivered_on", latest=today)
    assert delivered is not None
    details = grant(book, kind, raw)
    row = ServiceDelivered(
        contact_id=contact.id, kind=kind, delivered_on=delivered,
        partner_id=_partner(session, raw.get("partner_id")),
        referral_id=_referral(session, contact, raw.get("referral_id")),
        business_type=details.business_type, goods_value=details.goods_value,
        currency=details.currency, note=text(raw.get("note"), "note", NOTE_MAX, required=False),
        recorded_by_id=who.id if who else None, created_at=now,
    )  # fmt: skip
    session.add(row)
    session.flush()
    return row


def _record_id(value: object, name: str) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, str) and value.strip().isdigit() and len(value.strip()) <= 10:
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= LARGEST_ID:
        raise PlanError(name, "must be the id of a record")
    return value


def _partner(session: Session, value: object) -> int | None:
    partner_id = _record_id(value, "partner_id")
    if partner_id is not None and session.get(Partner, partner_id) is None:
        raise PlanError("partner_id", f"no partner {partner_id}")
    return partner_id


def _referral(session: Session, contact: Contact, value: object) -> int | None:
    referral_id = _record_id(value, "referral_id")
    found = session.get(Referral, referral_id) if referral_id is not None else None
    if referral_id is not None and (found is None or found.contact_id != contact.id):
        raise PlanError("referral_id", f"no referral {referral_id} of this returnee")
    return referral_id


def service_from_milestone(
    session: Session, book: PlanBook, milestone: Milestone, on: date, now: datetime
) -> ServiceDelivered | None:
    """A milestone done becomes the service its type stands for (content/plan.yml), once."""
    kind = book.milestone_services.get(milestone.kind)
    if kind is None:
        return None
    found = session.scalar(select(ServiceDelivered).where(
        ServiceDelivered.milestone_id == milestone.id))  # fmt: skip
    if found is not None:
        return found
    row = ServiceDelivered(contact_id=milestone.contact_id, kind=kind,
                           delivered_on=on, milestone_id=milestone.id,
                           note=f"milestone #{milestone.id} done", created_at=now)  # fmt: skip
    session.add(row)
    session.flush()
    log.info("plan.service_from_milestone", milestone_id=milestone.id, kind=kind)
    return row

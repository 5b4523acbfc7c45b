"""Milestones of a case: record, move, complete or cancel; each change re-plans its reminders."""

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from bot.casework import plans
from bot.desk import Desk
from bot.logs import get_logger
from bot.schedule.planning import contact_zone
from flows.schedule import PlannedMilestone, plan_reminders
from storage import schedule_repo as plan
from storage.models import Contact
from storage.schedule import MILESTONE_STATUSES, Milestone

log = get_logger("milestones")


class MilestoneError(ValueError):
    """A milestone request that cannot be done; str() says why, for the operator."""


def find_milestone(session: Session, milestone_id: int) -> tuple[Milestone, Contact] | None:
    """A milestone and its returnee, or None if there is no such milestone."""
    row = session.get(Milestone, milestone_id)
    contact = session.get(Contact, row.contact_id) if row is not None else None
    return (row, contact) if row is not None and contact is not None else None


def add_milestone(
    session: Session, desk: Desk, contact_id: int, kind: str, at: datetime, place: str,
    now: datetime, note: str | None = None,
) -> Milestone:  # fmt: skip
    """Record a planned milestone and plan its reminders."""
    if kind not in desk.reminders.milestone_types:
        raise MilestoneError(f"unknown milestone type {kind!r}; one of "
                             f"{', '.join(desk.reminders.milestone_types)}")  # fmt: skip
    if session.get(Contact, contact_id) is None:
        raise MilestoneError(f"no returnee {contact_id}")
    _check(at, place)
    milestone = Milestone(contact_id=contact_id, kind=kind, at=at, place=place.strip(),
                          status="planned", note=note, created_at=now, updated_at=now)  # fmt: skip
    session.add(milestone)
    session.flush()
    replan(session, desk, milestone, now)
    return milestone


def move_milestone(
    session: Session, desk: Desk, milestone: Milestone, at: datetime, now: datetime,
    place: str | None = None,
) -> None:  # fmt: skip
    """A new date (or place): the old reminders are cancelled and new ones planned."""
    _check(at, place if place is not None else milestone.place)
    milestone.at, milestone.updated_at = at, now
    if place is not None:
        milestone.place = place.strip()
    milestone.answer = milestone.answered_at = None
    replan(session, desk, milestone, now)


def parse_local(raw: str, zone: ZoneInfo) -> datetime:
    """A local date and time as typed (`2026-12-10 14:00` or `2026-12-10T14:00`) in `zone`."""
    try:
        return datetime.fromisoformat(raw.strip().replace(" ", "T")).replace(tzinfo=zone)
    except ValueError:
        raise MilestoneError("date and time: use YYYY-MM-DD HH:MM") from None


def _check(at: datetime, place: str) -> None:
    """A date between 2000 and 2100, and a place of at most 200 characters."""
    if not 2000 <= at.year <= 2100:
        raise MilestoneError("date: the year must be between 2000 and 2100")
    if len(place.strip()) > 200:
        raise MilestoneError("place: at most 200 characters")


def set_status(
    session: Session, desk: Desk, milestone: Milestone, status: str, now: datetime
) -> None:
    """done, missed or cancelled cancels the reminders still to come; planned re-plans them."""
    if status not in MILESTONE_STATUSES:
        raise MilestoneError(f"status must be one of {', '.join(MILESTONE_STATUSES)}")
    milestone.status, milestone.updated_at = status, now
    replan(session, desk, milestone, now)
    if status == "done":  # a service delivered, on the milestone's local day (once)
        contact = session.get(Contact, milestone.contact_id)
        zone = contact_zone(contact, desk.catalogue) if contact else ZoneInfo("UTC")
        on = milestone.at.astimezone(zone).date()
        plans.service_from_milestone(session, desk.plan, milestone, on, now)


def replan_upcoming(desk: Desk, now: datetime) -> int:
    """Re-plan every planned milestone still to come under the current reminder rules.

    The rules are read at start-up, so the clock does this when it starts: an operator's
    edit of content/reminders.yml reaches milestones recorded before it. Returns how many.
    """
    with desk.sessions.begin() as session:
        ids = plan.upcoming_milestone_ids(session, now)
    for milestone_id in ids:
        with desk.sessions.begin() as session:
            milestone = session.get(Milestone, milestone_id, with_for_update=True)
            if milestone is not None and milestone.status == "planned":
                replan(session, desk, milestone, now)
    return len(ids)


def replan(session: Session, desk: Desk, milestone: Milestone, now: datetime) -> int:
    """Plan the milestone's reminders; cancel planned ones that no longer apply. New count."""
    contact = session.get(Contact, milestone.contact_id)
    assert contact is not None
    zone = contact_zone(contact, desk.catalogue)
    view = PlannedMilestone(milestone.id, milestone.kind, milestone.at, milestone.status)
    rules = desk.reminders.for_type(milestone.kind)
    planned = plan_reminders(view, rules, zone, desk.schedule.quiet, now)
    keys = {reminder.key for reminder in planned}
    cancelled = plan.cancel_entries(session, milestone.id, now, keys, "milestone changed")
    for reminder in planned:
        plan.plan_entry(
            session, key=reminder.key, contact_id=milestone.contact_id, purpose="reminder",
            occurrence=reminder.key.split(":", 2)[2], milestone_id=milestone.id,
            fire_at=reminder.fire_at, created_at=now,
        )  # fmt: skip
    log.info("milestone.planned", milestone_id=milestone.id, reminders=len(planned),
             cancelled=cancelled)  # fmt: skip
    return len(planned)

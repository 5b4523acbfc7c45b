"""Queries and updates for milestones and schedule entries; the caller owns the transaction."""

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Row, and_, exists, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from storage.casework import CheckIn
from storage.models import Contact, ContactNumber, InboundMessage
from storage.repositories import insert_ignoring_conflict
from storage.schedule import Milestone, ScheduleEntry


def add_entry(session: Session, **values: Any) -> None:
    """Plan an entry; a key planned before (even if sent or dropped) adds nothing."""
    insert_ignoring_conflict(session, ScheduleEntry, state="planned", attempts=0, **values)


def plan_entry(session: Session, **values: Any) -> None:
    """Plan an entry; one cancelled before under the same key (a date moved back) is revived."""
    add_entry(session, **values)
    session.execute(
        update(ScheduleEntry)
        .where(ScheduleEntry.key == values["key"], ScheduleEntry.state == "cancelled")
        .values(state="planned", fire_at=values["fire_at"], reason=None, done_at=None)
    )


def add_entries(session: Session, rows: list[dict[str, Any]]) -> None:
    """Plan many entries in one statement; keys planned before add nothing."""
    if rows:
        dialect = session.get_bind().dialect.name
        module: Any = postgresql if dialect == "postgresql" else sqlite
        session.execute(module.insert(ScheduleEntry).on_conflict_do_nothing(), rows)


def due_entry_ids(session: Session, now: datetime, limit: int) -> list[int]:
    """Planned entries whose time has come, oldest first."""
    query = (
        select(ScheduleEntry.id)
        .where(ScheduleEntry.state == "planned", ScheduleEntry.fire_at <= now)
        .order_by(ScheduleEntry.fire_at, ScheduleEntry.id)
        .limit(limit)
    )
    return list(session.scalars(query))


def lock_due_entry(session: Session, entry_id: int, now: datetime) -> ScheduleEntry | None:
    """The entry, locked, if it is still planned and due (another clock may have taken it)."""
    query = (
        select(ScheduleEntry)
        .where(ScheduleEntry.id == entry_id, ScheduleEntry.state == "planned",
               ScheduleEntry.fire_at <= now)
        .with_for_update(skip_locked=True)
    )  # fmt: skip
    return session.scalar(query)


def later_reminder_due(session: Session, entry: ScheduleEntry, now: datetime) -> bool:
    """True if a later reminder of the same milestone is due too (this one is superseded)."""
    query = select(ScheduleEntry.id).where(
        ScheduleEntry.milestone_id == entry.milestone_id, ScheduleEntry.state == "planned",
        ScheduleEntry.fire_at > entry.fire_at, ScheduleEntry.fire_at <= now,
    )  # fmt: skip
    return session.scalar(query.limit(1)) is not None


def cancel_entries(
    session: Session, milestone_id: int, now: datetime, keep: set[str], reason: str
) -> int:
    """Cancel a milestone's planned entries, except those under the keys in `keep`."""
    query = update(ScheduleEntry).where(
        ScheduleEntry.milestone_id == milestone_id, ScheduleEntry.state == "planned"
    )
    if keep:
        query = query.where(ScheduleEntry.key.not_in(keep))
    query = query.values(state="cancelled", reason=reason, done_at=now)
    return int(session.execute(query).rowcount)  # type: ignore[attr-defined]


def entries_before(session: Session, end: datetime) -> Sequence[ScheduleEntry]:
    """Planned entries firing before `end` (overdue ones too), in time order."""
    query = (
        select(ScheduleEntry)
        .where(ScheduleEntry.state == "planned", ScheduleEntry.fire_at < end)
        .order_by(ScheduleEntry.fire_at, ScheduleEntry.id)
    )
    return session.scalars(query).all()


def entries_of(session: Session, milestone_id: int) -> Sequence[ScheduleEntry]:
    """Every entry of a milestone, in time order."""
    query = select(ScheduleEntry).where(ScheduleEntry.milestone_id == milestone_id)
    return session.scalars(query.order_by(ScheduleEntry.fire_at)).all()


# Who gets check-ins


def checkin_candidates(
    session: Session, after_id: int, limit: int
) -> Sequence[Row[int, str | None, str | None, datetime | None, datetime | None]]:
    """(id, time zone, country, returned_at, consent_at) of consenting contacts with a number
    that has not opted out, by id after `after_id` (keyset pages: memory stays flat)."""
    # The redundant bound on contact_numbers keeps PostgreSQL's semi-join from scanning
    # every number before the page (quadratic over the pages), as `make bench` found.
    reachable = exists().where(
        ContactNumber.contact_id == Contact.id, ContactNumber.contact_id > after_id,
        ContactNumber.opted_out_at.is_(None),
    )  # fmt: skip
    query = (
        select(Contact.id, Contact.time_zone, Contact.country, Contact.returned_at,
               Contact.consent_at)
        .where(Contact.id > after_id, Contact.consent == "given",
               Contact.merged_into_id.is_(None), reachable)
        .order_by(Contact.id)
        .limit(limit)
    )  # fmt: skip
    return session.execute(query).all()


def planned_keys(session: Session, contact_ids: list[int], purpose: str) -> set[str]:
    """The keys already planned for these contacts and this purpose."""
    if not contact_ids:
        return set()
    query = select(ScheduleEntry.key).where(
        ScheduleEntry.contact_id.in_(contact_ids), ScheduleEntry.purpose == purpose
    )
    return set(session.scalars(query))


# Check-ins and milestones


def checkin_by_occurrence(session: Session, contact_id: int, occurrence: str) -> CheckIn | None:
    """The scheduled check-in of this month, if it was asked."""
    return session.scalar(
        select(CheckIn).where(CheckIn.contact_id == contact_id, CheckIn.occurrence == occurrence)
        .order_by(CheckIn.id.desc()).limit(1)
    )  # fmt: skip


def previous_checkin(session: Session, checkin: CheckIn) -> CheckIn | None:
    """The scheduled check-in asked before this one."""
    return session.scalar(
        select(CheckIn).where(CheckIn.contact_id == checkin.contact_id, CheckIn.id < checkin.id,
                              CheckIn.occurrence.is_not(None))
        .order_by(CheckIn.id.desc()).limit(1)
    )  # fmt: skip


def milestones_of(session: Session, contact_id: int) -> Sequence[Milestone]:
    """A returnee's milestones by date."""
    query = select(Milestone).where(Milestone.contact_id == contact_id)
    return session.scalars(query.order_by(Milestone.at)).all()


def upcoming_milestone_ids(session: Session, now: datetime) -> list[int]:
    """Planned milestones still to come, by id."""
    query = select(Milestone.id).where(Milestone.status == "planned", Milestone.at > now)
    return list(session.scalars(query.order_by(Milestone.id)))


def next_milestone(session: Session, contact_id: int, now: datetime) -> Milestone | None:
    """The returnee's next planned milestone after `now`."""
    query = select(Milestone).where(
        Milestone.contact_id == contact_id, Milestone.status == "planned", Milestone.at > now
    )
    return session.scalar(query.order_by(Milestone.at).limit(1))


def last_whatsapp_inbound(session: Session, e164: str) -> datetime | None:
    """When this number last wrote to us on WhatsApp (the 24-hour window starts there)."""
    query = select(InboundMessage.received_at).where(
        and_(InboundMessage.from_e164 == e164, InboundMessage.channel == "whatsapp")
    )
    return session.scalar(query.order_by(InboundMessage.received_at.desc()).limit(1))

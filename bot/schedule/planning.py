"""The clock's schedule: plan monthly check-ins, then fire what is due, exactly once."""

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from bot.desk import Desk
from bot.logs import get_logger
from bot.schedule import firing, referral_follow_up
from flows.content import Catalogue
from flows.schedule import PlannedCheckin, add_months, decide, month_of, plan_checkin
from storage import schedule_repo as plan
from storage.models import Contact
from storage.schedule import Milestone, ScheduleEntry

log = get_logger("scheduling")
PAGE = 2000
MAX_ATTEMPTS = 5


def zone_of(time_zone: str | None, country: str | None, catalogue: Catalogue) -> ZoneInfo:
    """The returnee's time zone: their own, else their country's, else the default office's."""
    found = catalogue.get(country) or catalogue.get(catalogue.default)
    return ZoneInfo(time_zone or (found.time_zone if found else "UTC"))


def contact_zone(contact: Contact, catalogue: Catalogue) -> ZoneInfo:
    """A returnee's time zone (see zone_of)."""
    return zone_of(contact.time_zone, contact.country, catalogue)


def pending_checkins(
    session: Session, desk: Desk, now: datetime, after_id: int, month_offset: int = 0
) -> tuple[list[tuple[int, PlannedCheckin]], int | None]:
    """One page of (returnee id, check-in) not yet planned; the last id read, or None at the end."""
    rows = plan.checkin_candidates(session, after_id, PAGE)
    if not rows:
        return [], None
    have = plan.planned_keys(session, [row[0] for row in rows], "checkin")
    policy, found = desk.schedule, []
    for contact_id, time_zone, country, returned_at, consent_at in rows:
        since = returned_at or consent_at
        if since is None:
            continue
        zone = zone_of(time_zone, country, desk.catalogue)
        month = add_months(month_of(now, zone), month_offset)
        planned = plan_checkin(contact_id, since, zone, policy.quiet, policy.follow_up, now, month)
        if planned is not None and planned.key not in have:
            found.append((contact_id, planned))
    return found, rows[-1][0]


def plan_checkins(desk: Desk, now: datetime) -> int:
    """Plan this month's check-in for every active returnee who has none; return how many.

    Pages by id, one transaction a page: memory stays flat and the time grows linearly.
    """
    after: int | None = 0
    added = 0
    while after is not None:
        with desk.sessions.begin() as session:
            found, after = pending_checkins(session, desk, now, after)
            plan.add_entries(session, [
                {"key": p.key, "contact_id": contact_id, "purpose": "checkin",
                 "occurrence": p.occurrence, "fire_at": p.fire_at, "due_at": p.due_at,
                 "created_at": now, "state": "planned", "attempts": 0}
                for contact_id, p in found
            ])  # fmt: skip
            added += len(found)
    if added:
        log.info("schedule.checkins_planned", count=added)
    return added


def fire_due(desk: Desk, now: datetime, limit: int = 200) -> int:
    """Fire every due entry (one transaction each); return how many were looked at."""
    with desk.sessions.begin() as session:
        ids = plan.due_entry_ids(session, now, limit)
    for entry_id in ids:
        try:
            with desk.sessions.begin() as session:
                entry = plan.lock_due_entry(session, entry_id, now)
                if entry is not None:  # else another clock took it, or it was cancelled
                    fire(session, desk, entry, now)
        except Exception:
            log.exception("schedule.fire_failed", entry_id=entry_id)
            _note_failure(desk, entry_id, now)
    return len(ids)


def fire(session: Session, desk: Desk, entry: ScheduleEntry, now: datetime) -> None:
    """Decide (send, wait for the morning, drop as stale) and do it; the entry records which."""
    contact = session.get(Contact, entry.contact_id)
    milestone = session.get(Milestone, entry.milestone_id) if entry.milestone_id else None
    if contact is None:
        return _finish(entry, "cancelled", "no such returnee", now)
    if entry.purpose == "reminder" and (milestone is None or milestone.status != "planned"):
        return _finish(entry, "cancelled", "milestone no longer planned", now)
    zone = contact_zone(contact, desk.catalogue)
    superseded = entry.purpose == "reminder" and plan.later_reminder_due(session, entry, now)
    paused = contact.paused_until if contact.paused_until and contact.paused_until > now else None
    policy = desk.schedule
    decision = decide(
        entry.purpose, entry.due_at or entry.fire_at, now, zone, policy.quiet,
        milestone.at if milestone else None, superseded, paused, policy.grace,
    )  # fmt: skip
    if decision.action == "drop":
        return _finish(entry, "dropped", decision.reason, now)
    if decision.action == "wait":
        assert decision.at is not None
        entry.due_at = entry.due_at or entry.fire_at  # the grace still counts from here
        entry.fire_at, entry.reason = decision.at, decision.reason
        return None
    skipped = _run(session, desk, entry, contact, zone, milestone, now)
    state = "done" if entry.purpose == "checkin_missed" else "sent"
    return _finish(entry, "skipped" if skipped else state, skipped, now)


def _run(
    session: Session, desk: Desk, entry: ScheduleEntry, contact: Contact, zone: ZoneInfo,
    milestone: Milestone | None, now: datetime,
) -> str | None:  # fmt: skip
    if entry.purpose == "checkin":
        return firing.fire_checkin(session, desk, entry, contact, now)
    if entry.purpose == "checkin_nudge":
        return firing.fire_nudge(session, desk, entry, contact, now)
    if entry.purpose == "checkin_missed":
        return firing.fire_missed(session, desk, entry, contact, now)
    if entry.purpose.startswith("survey"):
        from bot.schedule import surveys  # here: surveys reads this module's zones

        return surveys.fire(session, desk, entry, contact, now)
    if entry.purpose == referral_follow_up.PURPOSE:
        return referral_follow_up.fire_follow_up(session, desk, entry, contact, now)
    assert milestone is not None
    return firing.fire_reminder(session, desk, entry, contact, zone, milestone, now)


def _finish(entry: ScheduleEntry, state: str, reason: str | None, now: datetime) -> None:
    entry.state, entry.reason, entry.done_at = state, reason, now
    log.info("schedule.fired", entry_id=entry.id, purpose=entry.purpose, state=state,
             reason=reason)  # fmt: skip


def _note_failure(desk: Desk, entry_id: int, now: datetime) -> None:
    """Count a failed attempt; after a few, the entry is failed (and logged) so nothing spins."""
    try:
        with desk.sessions.begin() as session:
            entry = session.get(ScheduleEntry, entry_id, with_for_update=True)
            if entry is not None and entry.state == "planned":
                entry.attempts += 1
                if entry.attempts >= MAX_ATTEMPTS:
                    _finish(entry, "failed", "failed repeatedly; see the logs", now)
    except Exception:
        log.exception("schedule.note_failure_failed", entry_id=entry_id)

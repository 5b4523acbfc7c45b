"""When scheduled messages fire: reminder rules as data, quiet hours, monthly check-in slots.

Like RapidPro's campaign events, a rule is an offset and a unit from a milestone's date,
optionally at a delivery hour on that day, in the returnee's own time zone. Everything here
takes `now` and time zones as arguments; nothing reads the clock.
"""

import hashlib
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from flows.content import ContentError
from flows.texts import LABELS

UNITS = {"minutes": timedelta(minutes=1), "hours": timedelta(hours=1), "days": timedelta(days=1),
         "weeks": timedelta(weeks=1)}  # fmt: skip


@dataclass(frozen=True)
class ReminderRule:
    """Remind `offset` `unit`s from a milestone (negative: before), at `delivery_hour`."""

    milestone_type: str
    offset: int
    unit: str  # minutes|hours|days|weeks
    delivery_hour: int | None = None  # local hour on the offset day; None: the exact offset

    def __post_init__(self) -> None:
        if self.unit not in UNITS:
            raise ValueError(f"unit {self.unit!r} is not one of {tuple(UNITS)}")
        if self.delivery_hour is not None and not 0 <= self.delivery_hour <= 23:
            raise ValueError(f"delivery_hour {self.delivery_hour} is not 0-23")
        if self.delivery_hour is not None and self.unit not in ("days", "weeks"):
            raise ValueError("a delivery hour needs a unit of days or weeks")


@dataclass(frozen=True)
class QuietHours:
    """Messages go out between `start` and `end`, local time; others wait for the morning."""

    start: time = time(8)
    end: time = time(20)


def fire_time(rule: ReminderRule, milestone_at: datetime, zone: ZoneInfo) -> datetime:
    """When the rule fires for a milestone, in UTC (before quiet hours are applied)."""
    local = milestone_at.astimezone(zone)
    if rule.delivery_hour is None:
        return (milestone_at + rule.offset * UNITS[rule.unit]).astimezone(milestone_at.tzinfo)
    day = local.date() + rule.offset * UNITS[rule.unit]
    return at_local(day, time(rule.delivery_hour), zone)


def at_local(day: date, moment: time, zone: ZoneInfo) -> datetime:
    """The instant of a local wall-clock time; a time skipped by DST moves forward an hour."""
    local = datetime.combine(day, moment, tzinfo=zone)
    round_trip = local.astimezone(ZoneInfo("UTC")).astimezone(zone)
    if round_trip.replace(tzinfo=None) != local.replace(tzinfo=None):  # in a DST gap
        local = datetime.combine(day, moment, tzinfo=zone) + timedelta(hours=1)
    return local.astimezone(ZoneInfo("UTC"))


def outside_quiet_hours(moment: datetime, zone: ZoneInfo, quiet: QuietHours) -> datetime:
    """`moment`, or the start of the next allowed window if it falls in the night."""
    local = moment.astimezone(zone)
    if quiet.start <= local.time() < quiet.end:
        return moment
    day = local.date() if local.time() < quiet.start else local.date() + timedelta(days=1)
    return at_local(day, quiet.start, zone)


def checkin_slot(contact_id: int, month: date, zone: ZoneInfo, quiet: QuietHours) -> datetime:
    """A returnee's check-in time in `month`: a day and minute spread by id, inside the window.

    Spreading over days 1-20 and the whole window keeps a sender's rate limit from being
    the bottleneck; the same returnee always gets the same slot, so re-planning is stable.
    """
    digest = hashlib.sha256(f"{contact_id}:{month:%Y-%m}".encode()).digest()
    window = (datetime.combine(month, quiet.end) - datetime.combine(month, quiet.start)).seconds
    day = month.replace(day=1) + timedelta(days=digest[0] % 20)
    minute = int.from_bytes(digest[1:4], "big") % max(1, window // 60)
    start = datetime.combine(day, quiet.start) + timedelta(minutes=minute)
    return at_local(start.date(), start.time(), zone)


@dataclass(frozen=True)
class PlannedMilestone:
    """A dated step of a returnee's case (counselling session, training, grant due, ...)."""

    id: int
    kind: str
    at: datetime
    status: str = "planned"  # planned|done|missed|cancelled


@dataclass(frozen=True)
class PlannedReminder:
    """One reminder to send, under the key that makes sending it twice impossible."""

    key: str
    rule: ReminderRule
    fire_at: datetime


def plan_reminders(
    milestone: PlannedMilestone, rules: list[ReminderRule], zone: ZoneInfo, quiet: QuietHours,
    now: datetime,
) -> list[PlannedReminder]:  # fmt: skip
    """The reminders still to come for a planned milestone, after quiet hours, oldest first.

    The key holds the milestone's date: a new date plans new keys (the caller cancels the
    old ones); done, missed and cancelled milestones plan nothing. A reminder that is due
    already, or that quiet hours push past a milestone it should precede, is dropped.
    """
    if milestone.status != "planned":
        return []
    planned = []
    for rule in (r for r in rules if r.milestone_type == milestone.kind):
        fire = outside_quiet_hours(fire_time(rule, milestone.at, zone), zone, quiet)
        if fire <= now or (rule.offset <= 0 and fire >= milestone.at):
            continue
        hour = "" if rule.delivery_hour is None else f"@{rule.delivery_hour}"
        key = f"reminder:{milestone.id}:{rule.offset}{rule.unit}{hour}:{milestone.at:%Y%m%dT%H%MZ}"
        planned.append(PlannedReminder(key, rule, fire))
    return sorted(planned, key=lambda p: p.fire_at)


@dataclass(frozen=True)
class ReminderBook:
    """The milestone types and the reminder rules operators keep in content/reminders.yml."""

    milestone_types: tuple[str, ...]
    rules: tuple[ReminderRule, ...]

    def for_type(self, milestone_type: str) -> list[ReminderRule]:
        """The rules that apply to one milestone type."""
        return [rule for rule in self.rules if rule.milestone_type == milestone_type]


def parse_reminder_book(data: Any, source: str) -> ReminderBook:
    """Validate the parsed reminders file; ContentError names the file, rule and key."""
    if not isinstance(data, dict):
        raise ContentError(source, "(top level)", "must be a mapping")
    types = data.get("milestone_types")
    if not isinstance(types, list) or not types or not all(isinstance(t, str) for t in types):
        raise ContentError(source, "milestone_types", "must be a list of names")
    for index, name in enumerate(types):
        if f"milestone_{name}" not in LABELS:
            raise ContentError(source, f"milestone_types[{index}]", f"{name!r} has no reminder "
                               "text (flows/schedule_texts.py MILESTONE_LABELS)")  # fmt: skip
    raw_rules = data.get("rules")
    if not isinstance(raw_rules, list):
        raise ContentError(source, "rules", "must be a list")
    return ReminderBook(tuple(types), tuple(
        _rule(raw, f"rules[{index}]", source, types) for index, raw in enumerate(raw_rules)
    ))  # fmt: skip


def _rule(raw: Any, path: str, source: str, types: list[str]) -> ReminderRule:
    if not isinstance(raw, dict):
        raise ContentError(source, path, "must be a mapping")
    if raw.get("milestone") not in types:
        raise ContentError(source, f"{path}.milestone", f"{raw.get('milestone')!r} is not "
                           "one of milestone_types")  # fmt: skip
    offset, hour = raw.get("offset"), raw.get("delivery_hour")
    if not isinstance(offset, int) or isinstance(offset, bool):
        raise ContentError(source, f"{path}.offset", "must be a whole number")
    if hour is not None and (not isinstance(hour, int) or isinstance(hour, bool)):
        raise ContentError(source, f"{path}.delivery_hour", "must be a whole hour 0-23")
    try:
        return ReminderRule(raw["milestone"], offset, str(raw.get("unit")), hour)
    except ValueError as error:
        raise ContentError(source, path, str(error)) from None


# Monthly check-ins


def month_of(moment: datetime, zone: ZoneInfo) -> date:
    """The first day of the local month `moment` falls in."""
    return moment.astimezone(zone).date().replace(day=1)


def add_months(month: date, count: int) -> date:
    """The first day of the month `count` months after `month` (before, if negative)."""
    index = month.year * 12 + month.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)


def month_end(month: date, zone: ZoneInfo) -> datetime:
    """The instant the local month starting `month` ends, in UTC."""
    return at_local(add_months(month, 1), time(0), zone)


@dataclass(frozen=True)
class FollowUp:
    """Who gets monthly check-ins: from the month after return for `months` months."""

    months: int = 12


def checkin_months(since: datetime, zone: ZoneInfo, follow_up: FollowUp) -> tuple[date, date]:
    """The first and last month of check-ins for a returnee back (or enrolled) at `since`."""
    first = add_months(month_of(since, zone), 1)
    return first, add_months(first, follow_up.months - 1)


@dataclass(frozen=True)
class PlannedCheckin:
    """This month's check-in of one returnee, under its exactly-once key."""

    key: str
    occurrence: str
    fire_at: datetime
    due_at: datetime | None = None  # the slot, if it had passed and the check-in moved on


def plan_checkin(
    contact_id: int, since: datetime, zone: ZoneInfo, quiet: QuietHours, follow_up: FollowUp,
    now: datetime, month: date | None = None,
) -> PlannedCheckin | None:  # fmt: skip
    """The check-in of `month` (default: the current local month), or None if none is due.

    None outside the follow-up period. A slot already past (the clock was down, or the
    returnee joined the plan late) moves to the next allowed minute, if that is still
    within the month and the check-in grace.
    """
    month = month or month_of(now, zone)
    first, last = checkin_months(since, zone, follow_up)
    if not first <= month <= last:
        return None
    slot = checkin_slot(contact_id, month, zone, quiet)
    fire, due = slot, None
    if slot < now:
        fire, due = outside_quiet_hours(now, zone, quiet), slot
        if fire >= useful_until("checkin", slot, zone):
            return None
    occurrence = f"{month:%Y-%m}"
    return PlannedCheckin(f"checkin:{contact_id}:{occurrence}", occurrence, fire, due)


# Misfires: what a clock that was down (or a night) does with an entry that is due


@dataclass(frozen=True)
class Grace:
    """How late each kind of scheduled message is still worth sending (like misfire_grace)."""

    checkin: timedelta = timedelta(days=7)
    nudge: timedelta = timedelta(hours=48)
    after_milestone: timedelta = timedelta(hours=24)


def useful_until(
    purpose: str, fire_at: datetime, zone: ZoneInfo, milestone_at: datetime | None = None,
    grace: Grace = Grace(),
) -> datetime:  # fmt: skip
    """The moment an entry becomes stale: sending it later would confuse more than help."""
    if purpose == "checkin":
        return min(fire_at + grace.checkin, month_end(month_of(fire_at, zone), zone))
    if purpose == "checkin_nudge":
        return fire_at + grace.nudge
    if purpose == "reminder" and milestone_at is not None and fire_at < milestone_at:
        return milestone_at  # a reminder before the milestone is useless after it
    if purpose == "reminder":
        return fire_at + grace.after_milestone
    return datetime.max.replace(tzinfo=ZoneInfo("UTC"))  # checks (missed check-ins) never go stale


@dataclass(frozen=True)
class Decision:
    """send now, wait until `at` (night, or a handoff), or drop (stale), with the reason."""

    action: str  # send|wait|drop
    at: datetime | None = None
    reason: str = ""


def decide(
    purpose: str, fire_at: datetime, now: datetime, zone: ZoneInfo, quiet: QuietHours,
    milestone_at: datetime | None = None, superseded: bool = False,
    paused_until: datetime | None = None, grace: Grace = Grace(),
) -> Decision:  # fmt: skip
    """What to do with a due entry at `now`: catch up what is still useful, drop the stale.

    A later reminder of the same milestone that is also due supersedes an earlier one, so a
    clock that was down sends one reminder, not a burst.
    """
    if purpose == "checkin_missed":
        return Decision("send")
    if superseded:
        return Decision("drop", reason="a later reminder of the milestone is due")
    until = useful_until(purpose, fire_at, zone, milestone_at, grace)
    if now >= until:
        return Decision("drop", reason="stale")
    start = outside_quiet_hours(max(now, paused_until or now), zone, quiet)
    if start >= until:
        return Decision("drop", reason="stale before the next allowed time")
    if start > now:
        return Decision("wait", start, "paused" if paused_until and paused_until > now else
                        "quiet hours")  # fmt: skip
    return Decision("send")


@dataclass(frozen=True)
class SchedulePolicy:
    """The scheduler's rules: quiet hours, follow-up period, grace, nudge and missed times."""

    quiet: QuietHours = QuietHours()
    follow_up: FollowUp = FollowUp()
    grace: Grace = Grace()
    nudge_after: timedelta = timedelta(hours=72)
    missed_after: timedelta = timedelta(days=7)

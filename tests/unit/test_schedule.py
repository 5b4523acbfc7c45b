"""Next-fire computation: offsets, delivery hours, time zones, DST, month ends, quiet hours."""

from collections import Counter
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from flows.schedule import (
    PlannedMilestone,
    QuietHours,
    ReminderRule,
    at_local,
    checkin_slot,
    fire_time,
    outside_quiet_hours,
    plan_reminders,
)

KINGSTON = ZoneInfo("America/Jamaica")
NASSAU = ZoneInfo("America/Nassau")
HAITI = ZoneInfo("America/Port-au-Prince")
QUIET = QuietHours()


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)  # type: ignore[misc]


FIRES = [  # (id, rule, milestone at, zone, expected fire time in UTC)
    ("2 days before at 09:00 Kingston (UTC-5)", ReminderRule("counselling", -2, "days", 9),
     utc(2026, 12, 10, 19, 0), KINGSTON, utc(2026, 12, 8, 14, 0)),
    ("the morning of, at 07:00", ReminderRule("counselling", 0, "days", 7),
     utc(2026, 12, 10, 19, 0), KINGSTON, utc(2026, 12, 10, 12, 0)),
    ("the local day, not the UTC day: 23:30 local is the next day in UTC",
     ReminderRule("training", 0, "days", 9), utc(2026, 12, 11, 4, 30), KINGSTON,
     utc(2026, 12, 10, 14, 0)),
    ("2 hours before, exact", ReminderRule("health", -2, "hours"), utc(2026, 12, 10, 19, 0),
     KINGSTON, utc(2026, 12, 10, 17, 0)),
    ("1 week before at 10:00", ReminderRule("grant_due", -1, "weeks", 10),
     utc(2026, 12, 10, 19, 0), KINGSTON, utc(2026, 12, 3, 15, 0)),
    ("across the spring DST change in Nassau: 09:00 EDT is 13:00 UTC",
     ReminderRule("job_interview", -1, "days", 9), utc(2026, 3, 9, 15, 0), NASSAU,
     utc(2026, 3, 8, 13, 0)),
    ("before the DST change in Nassau: 09:00 EST is 14:00 UTC",
     ReminderRule("job_interview", -2, "days", 9), utc(2026, 3, 9, 15, 0), NASSAU,
     utc(2026, 3, 7, 14, 0)),
    ("a delivery hour inside the DST gap moves an hour on",
     ReminderRule("counselling", 0, "days", 2), utc(2026, 3, 8, 15, 0), NASSAU,
     utc(2026, 3, 8, 7, 0)),
    ("a day before the first of the month is the last day of the one before",
     ReminderRule("business_visit", -1, "days", 9), utc(2026, 3, 1, 15, 0), HAITI,
     utc(2026, 2, 28, 14, 0)),
    ("a day after February 28 in a non-leap year is March 1",
     ReminderRule("grant_disbursement", 1, "days", 9), utc(2027, 2, 28, 15, 0), KINGSTON,
     utc(2027, 3, 1, 14, 0)),
]  # fmt: skip


@pytest.mark.parametrize(("rule", "milestone", "zone", "expected"),
                         [f[1:] for f in FIRES], ids=[f[0] for f in FIRES])  # fmt: skip
def test_a_rule_fires_at_the_offset_and_local_delivery_hour(
    rule: ReminderRule, milestone: datetime, zone: ZoneInfo, expected: datetime
) -> None:
    assert fire_time(rule, milestone, zone) == expected


QUIET_CASES = [  # (id, moment, zone, expected)
    ("midday stays", utc(2026, 12, 10, 17, 0), KINGSTON, utc(2026, 12, 10, 17, 0)),
    ("08:00 local is the first allowed minute", utc(2026, 12, 10, 13, 0), KINGSTON,
     utc(2026, 12, 10, 13, 0)),
    ("20:00 local waits for 08:00 the next day", utc(2026, 12, 11, 1, 0), KINGSTON,
     utc(2026, 12, 11, 13, 0)),
    ("03:00 local waits for 08:00 the same day", utc(2026, 12, 10, 8, 0), KINGSTON,
     utc(2026, 12, 10, 13, 0)),
    ("23:00 on December 31 waits for January 1", utc(2027, 1, 1, 4, 0), KINGSTON,
     utc(2027, 1, 1, 13, 0)),
    ("a night across the DST change wakes at 08:00 EDT", utc(2026, 3, 8, 6, 0), NASSAU,
     utc(2026, 3, 8, 12, 0)),
]  # fmt: skip


@pytest.mark.parametrize(("moment", "zone", "expected"), [q[1:] for q in QUIET_CASES],
                         ids=[q[0] for q in QUIET_CASES])  # fmt: skip
def test_a_message_due_at_night_waits_for_the_morning(
    moment: datetime, zone: ZoneInfo, expected: datetime
) -> None:
    assert outside_quiet_hours(moment, zone, QUIET) == expected


def test_a_check_in_slot_is_stable_inside_the_window_and_spread_over_days() -> None:
    month = date(2026, 12, 1)
    slots = [checkin_slot(contact, month, KINGSTON, QUIET) for contact in range(1, 2001)]
    assert slots[:5] == [checkin_slot(c, month, KINGSTON, QUIET) for c in range(1, 6)]
    for slot in slots:
        local = slot.astimezone(KINGSTON)
        assert local.month == 12 and local.day <= 20
        assert QUIET.start <= local.time() < QUIET.end
    per_day = Counter(s.astimezone(KINGSTON).date() for s in slots)
    assert len(per_day) == 20 and max(per_day.values()) < 2 * min(per_day.values())
    assert max(Counter(slots).values()) <= 4  # 2,000 returnees, at most 4 in one minute


@pytest.mark.parametrize(
    ("unit", "hour"), [("fortnights", None), ("days", 24), ("hours", 9), ("minutes", 8)]
)
def test_a_malformed_rule_is_refused(unit: str, hour: int | None) -> None:
    with pytest.raises(ValueError):
        ReminderRule("counselling", -1, unit, hour)


def test_a_local_time_that_exists_twice_takes_the_first() -> None:
    assert at_local(date(2026, 11, 1), time(1, 30), NASSAU) == utc(2026, 11, 1, 5, 30)


RULES = [
    ReminderRule("counselling", -2, "days", 9),
    ReminderRule("counselling", 0, "days", 7),
    ReminderRule("counselling", -2, "hours"),
    ReminderRule("training", -1, "days", 9),
]
SESSION_AT = utc(2026, 12, 10, 19, 0)  # 14:00 in Kingston


def plan(milestone: PlannedMilestone, now: datetime) -> list[tuple[str, datetime]]:
    return [(p.key, p.fire_at) for p in plan_reminders(milestone, RULES, KINGSTON, QUIET, now)]


def test_a_planned_milestone_gets_its_rules_reminders_after_quiet_hours_oldest_first() -> None:
    planned = plan(PlannedMilestone(7, "counselling", SESSION_AT), utc(2026, 12, 1, 12, 0))
    assert planned == [
        ("reminder:7:-2days@9:20261210T1900Z", utc(2026, 12, 8, 14, 0)),
        ("reminder:7:0days@7:20261210T1900Z", utc(2026, 12, 10, 13, 0)),  # 07:00 -> 08:00
        ("reminder:7:-2hours:20261210T1900Z", utc(2026, 12, 10, 17, 0)),
    ]


@pytest.mark.parametrize("status", ["done", "missed", "cancelled"])
def test_a_finished_or_cancelled_milestone_plans_nothing(status: str) -> None:
    assert plan(PlannedMilestone(7, "counselling", SESSION_AT, status), utc(2026, 12, 1)) == []


def test_reminders_already_due_are_dropped_not_sent_late() -> None:
    keys = [key for key, _ in plan(PlannedMilestone(7, "counselling", SESSION_AT),
                                   utc(2026, 12, 9, 12, 0))]  # fmt: skip
    assert keys == ["reminder:7:0days@7:20261210T1900Z", "reminder:7:-2hours:20261210T1900Z"]


def test_a_new_date_plans_new_keys_so_the_old_reminders_can_be_cancelled() -> None:
    first = {
        key for key, _ in plan(PlannedMilestone(7, "counselling", SESSION_AT), utc(2026, 12, 1))
    }
    moved = PlannedMilestone(7, "counselling", utc(2026, 12, 17, 19, 0))
    second = {key for key, _ in plan(moved, utc(2026, 12, 1))}
    assert first and second and not first & second


def test_a_reminder_pushed_past_an_early_milestone_by_quiet_hours_is_dropped() -> None:
    early = PlannedMilestone(8, "counselling", utc(2026, 12, 10, 12, 30))  # 07:30 in Kingston
    assert [key for key, _ in plan(early, utc(2026, 12, 1))] == [
        "reminder:8:-2days@9:20261210T1230Z"
    ]

"""Monthly check-ins and misfires: follow-up months, slots, late slots, staleness, decisions."""

import re
from collections import Counter
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from flows.schedule import (
    Decision,
    FollowUp,
    Grace,
    PlannedCheckin,
    QuietHours,
    add_months,
    checkin_months,
    checkin_slot,
    decide,
    month_end,
    month_of,
    outside_quiet_hours,
    plan_checkin,
    useful_until,
)

KINGSTON = ZoneInfo("America/Jamaica")  # UTC-5, no DST
NASSAU = ZoneInfo("America/Nassau")  # UTC-5, UTC-4 from the second Sunday of March
HAITI = ZoneInfo("America/Port-au-Prince")  # same rules as Nassau
GEORGETOWN = ZoneInfo("America/Guyana")  # UTC-4, no DST
UTC_ZONE = ZoneInfo("UTC")
QUIET = QuietHours()
YEAR = FollowUp()
SINCE = datetime(2026, 3, 15, 15, 0, tzinfo=UTC)  # back on March 15, 10:00 in Kingston
EARLY = datetime(2025, 12, 15, 15, 0, tzinfo=UTC)  # back in December 2025 ...
TWO_YEARS = FollowUp(24)  # ... and followed up through 2026 and 2027


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)  # type: ignore[arg-type,misc]


def ids(cases: Sequence[tuple[object, ...]]) -> list[str]:
    return [str(case[0]) for case in cases]


def rows(cases: Sequence[tuple[object, ...]]) -> list[tuple[object, ...]]:
    return [case[1:] for case in cases]


# The cases below name the slots they rely on; this keeps them honest.
SLOTS = [  # (id, contact, month, zone, slot in UTC)
    ("contact 7 in April 2026, Kingston: Thu 2 Apr 17:09", 7, date(2026, 4, 1), KINGSTON,
     utc(2026, 4, 2, 22, 9)),
    ("contact 7 in June 2026, Kingston: 9 Jun 17:57", 7, date(2026, 6, 1), KINGSTON,
     utc(2026, 6, 9, 22, 57)),
    ("contact 7 in March 2027, Kingston: 14 Mar 15:34", 7, date(2027, 3, 1), KINGSTON,
     utc(2027, 3, 14, 20, 34)),
    ("contact 7 in January 2027, Kingston: 15 Jan 13:56", 7, date(2027, 1, 1), KINGSTON,
     utc(2027, 1, 15, 18, 56)),
    ("contact 1 in December 2026, Kingston: 10 Dec 09:32", 1, date(2026, 12, 1), KINGSTON,
     utc(2026, 12, 10, 14, 32)),
    ("contact 1 in December 2026, Georgetown: 10 Dec 09:32", 1, date(2026, 12, 1), GEORGETOWN,
     utc(2026, 12, 10, 13, 32)),
    ("contact 1 in March 2026, Nassau: 18 Mar 18:56 EDT", 1, date(2026, 3, 1), NASSAU,
     utc(2026, 3, 18, 22, 56)),
]  # fmt: skip


@pytest.mark.parametrize(("contact", "month", "zone", "expected"), rows(SLOTS), ids=ids(SLOTS))
def test_the_slots_the_examples_rely_on(
    contact: int, month: date, zone: ZoneInfo, expected: datetime
) -> None:
    assert checkin_slot(contact, month, zone, QUIET) == expected


FOLLOW_UP = [  # (id, now, month argument, expected (key, fire_at) or None); contact 7, SINCE
    ("there is no check-in in the month of return", utc(2026, 3, 20, 15), None, None),
    ("the first check-in is in the month after return", utc(2026, 4, 1, 5), None,
     ("checkin:7:2026-04", utc(2026, 4, 2, 22, 9))),
    ("the twelfth month, a year after return, still gets one", utc(2027, 3, 1, 5), None,
     ("checkin:7:2027-03", utc(2027, 3, 14, 20, 34))),
    ("the thirteenth month gets none", utc(2027, 4, 1, 5), None, None),
    ("a month argument plans that month, not the current one", utc(2026, 4, 1, 5),
     date(2026, 6, 1), ("checkin:7:2026-06", utc(2026, 6, 9, 22, 57))),
    ("a month argument for the month of return plans nothing", utc(2026, 3, 1, 5),
     date(2026, 3, 1), None),
    ("a month argument before the return plans nothing", utc(2026, 1, 1, 5),
     date(2026, 2, 1), None),
    ("a month argument past the follow-up plans nothing", utc(2026, 4, 1, 5),
     date(2027, 4, 1), None),
    ("a month argument for the last month plans it", utc(2026, 4, 1, 5), date(2027, 3, 1),
     ("checkin:7:2027-03", utc(2027, 3, 14, 20, 34))),
]  # fmt: skip


@pytest.mark.parametrize(("now", "month", "expected"), rows(FOLLOW_UP), ids=ids(FOLLOW_UP))
def test_check_ins_run_from_the_month_after_return_for_the_follow_up_months(
    now: datetime, month: date | None, expected: tuple[str, datetime] | None
) -> None:
    planned = plan_checkin(7, SINCE, KINGSTON, QUIET, YEAR, now, month)

    if expected is None:
        assert planned is None
    else:
        key, fire_at = expected
        assert planned == PlannedCheckin(key, key.rsplit(":", 1)[1], fire_at)


@pytest.mark.parametrize(
    ("months", "first", "last"),
    [(1, date(2026, 4, 1), date(2026, 4, 1)), (6, date(2026, 4, 1), date(2026, 9, 1)),
     (12, date(2026, 4, 1), date(2027, 3, 1)), (24, date(2026, 4, 1), date(2028, 3, 1))],
    ids=["one month is just the month after return", "six months end in September",
         "twelve months end the March after", "two years cross two year ends"],
)  # fmt: skip
def test_the_follow_up_length_sets_the_last_check_in_month(
    months: int, first: date, last: date
) -> None:
    follow_up = FollowUp(months)
    assert checkin_months(SINCE, KINGSTON, follow_up) == (first, last)
    after = add_months(last, 1)
    assert plan_checkin(7, SINCE, KINGSTON, QUIET, follow_up, utc(2026, 4, 1, 5), last)
    assert plan_checkin(7, SINCE, KINGSTON, QUIET, follow_up, utc(2026, 4, 1, 5), after) is None


def test_the_key_is_checkin_id_and_local_month_and_stable_for_the_same_contact_and_month() -> None:
    early = plan_checkin(42, SINCE, KINGSTON, QUIET, YEAR, utc(2026, 12, 1, 5))
    again = plan_checkin(42, SINCE, KINGSTON, QUIET, YEAR, utc(2026, 12, 1, 5))
    late = plan_checkin(42, SINCE, KINGSTON, QUIET, YEAR, utc(2026, 12, 20, 15))
    other_contact = plan_checkin(43, SINCE, KINGSTON, QUIET, YEAR, utc(2026, 12, 1, 5))
    next_month = plan_checkin(42, SINCE, KINGSTON, QUIET, YEAR, utc(2027, 1, 1, 5))

    assert early is not None and again is not None and late is not None
    assert other_contact is not None and next_month is not None
    assert re.fullmatch(r"checkin:42:\d{4}-\d{2}", early.key)
    assert (early.key, early.occurrence) == ("checkin:42:2026-12", "2026-12")
    assert early == again
    assert late.key == early.key  # moved to now, but the same check-in: sent at most once
    assert late.fire_at == utc(2026, 12, 20, 15) != early.fire_at
    assert other_contact.key == "checkin:43:2026-12"
    assert next_month.key == "checkin:42:2027-01"


LATE = [  # (id, contact, zone, now, expected fire_at or None); the slots are in SLOTS
    ("a minute before the slot keeps the slot", 1, KINGSTON, utc(2026, 12, 10, 14, 31),
     utc(2026, 12, 10, 14, 32)),
    ("at the slot keeps the slot", 1, KINGSTON, utc(2026, 12, 10, 14, 32),
     utc(2026, 12, 10, 14, 32)),
    ("later the same day moves to now", 1, KINGSTON, utc(2026, 12, 10, 17, 0),
     utc(2026, 12, 10, 17, 0)),
    ("at 21:00 local it waits for 08:00 the next morning", 1, KINGSTON,
     utc(2026, 12, 11, 2, 0), utc(2026, 12, 11, 13, 0)),
    ("before dawn on the last useful day it waits for 08:00", 1, KINGSTON,
     utc(2026, 12, 17, 11, 0), utc(2026, 12, 17, 13, 0)),
    ("the last minute of the seven-day grace still plans it", 1, KINGSTON,
     utc(2026, 12, 17, 14, 31), utc(2026, 12, 17, 14, 31)),
    ("seven days after the slot it is dropped", 1, KINGSTON, utc(2026, 12, 17, 14, 32), None),
    ("on the last evening of the local month it is dropped", 1, KINGSTON,
     utc(2027, 1, 1, 2, 0), None),
    ("in Georgetown it waits for 08:00 Georgetown time", 1, GEORGETOWN, utc(2026, 12, 12, 9, 0),
     utc(2026, 12, 12, 12, 0)),
    ("in Nassau after the DST change it waits for 08:00 EDT", 1, NASSAU, utc(2026, 3, 19, 1, 0),
     utc(2026, 3, 19, 12, 0)),
]  # fmt: skip


@pytest.mark.parametrize(("contact", "zone", "now", "expected"), rows(LATE), ids=ids(LATE))
def test_a_slot_already_past_moves_to_the_next_allowed_minute_or_is_dropped(
    contact: int, zone: ZoneInfo, now: datetime, expected: datetime | None
) -> None:
    planned = plan_checkin(contact, EARLY, zone, QUIET, TWO_YEARS, now)

    if expected is None:
        assert planned is None
    else:
        assert planned is not None and planned.fire_at == expected
        local = planned.fire_at.astimezone(zone)
        assert QUIET.start <= local.time() < QUIET.end


def test_the_local_month_not_the_utc_month_decides() -> None:
    new_year_utc = utc(2027, 1, 1, 2, 0)  # 21:00 on December 31 in Kingston
    assert month_of(new_year_utc, KINGSTON) == date(2026, 12, 1)
    assert month_of(new_year_utc, GEORGETOWN) == date(2026, 12, 1)
    assert month_of(new_year_utc, UTC_ZONE) == date(2027, 1, 1)
    # Back on December 31 local time: December is the month of return, January the first.
    assert checkin_months(new_year_utc, KINGSTON, YEAR) == (date(2027, 1, 1), date(2027, 12, 1))
    assert checkin_months(new_year_utc, UTC_ZONE, YEAR) == (date(2027, 2, 1), date(2028, 1, 1))


@pytest.mark.parametrize(
    ("since", "now", "expected"),
    [
        (utc(2026, 12, 1, 4), utc(2026, 12, 1, 4, 30), None),
        (utc(2026, 12, 1, 4), utc(2026, 12, 1, 5), "checkin:7:2026-12"),
        (SINCE, utc(2027, 1, 1, 2), None),
        (SINCE, utc(2027, 1, 1, 5), "checkin:7:2027-01"),
    ],
    ids=[
        "back at 23:00 on Nov 30 local, 23:30 is still November there: the month of return",
        "at local midnight December starts and gets the first check-in",
        "at 02:00 UTC on Jan 1 it is still December in Kingston, and December is past",
        "at local midnight January's check-in is planned",
    ],
)
def test_the_check_in_month_is_the_returnees_local_month(
    since: datetime, now: datetime, expected: str | None
) -> None:
    planned = plan_checkin(7, since, KINGSTON, QUIET, YEAR, now)

    assert (planned.key if planned else None) == expected
    if planned is not None:
        assert planned.fire_at == checkin_slot(7, month_of(now, KINGSTON), KINGSTON, QUIET)


ZONES = [KINGSTON, NASSAU, HAITI, GEORGETOWN]
MONTHS = [date(2026, 3, 1), date(2026, 11, 1), date(2026, 12, 1), date(2027, 1, 1),
          date(2027, 2, 1), date(2027, 3, 1)]  # fmt: skip
WINDOWS = [QUIET, QuietHours(time(9), time(17, 30))]


@pytest.mark.parametrize("quiet", WINDOWS, ids=["08:00-20:00", "09:00-17:30"])
@pytest.mark.parametrize("month", MONTHS, ids=[f"{m:%B %Y}" for m in MONTHS])
@pytest.mark.parametrize("zone", ZONES, ids=[z.key for z in ZONES])
def test_every_slot_is_inside_quiet_hours_on_days_1_to_20_of_the_local_month(
    zone: ZoneInfo, month: date, quiet: QuietHours
) -> None:
    now = month_end(add_months(month, -1), zone) - timedelta(days=1)
    days: Counter[int] = Counter()
    for contact in range(1, 501):
        planned = plan_checkin(contact, EARLY, zone, quiet, TWO_YEARS, now, month)
        assert planned is not None, contact
        assert planned.fire_at == checkin_slot(contact, month, zone, quiet)
        assert planned.key == f"checkin:{contact}:{month:%Y-%m}"
        local = planned.fire_at.astimezone(zone)
        assert local.date().replace(day=1) == month, contact
        assert 1 <= local.day <= 20, contact
        assert quiet.start <= local.time() < quiet.end, contact
        assert local.second == 0 and local.microsecond == 0
        days[local.day] += 1
    assert len(days) == 20  # 500 returnees use every day of the spread


@pytest.mark.parametrize("month", MONTHS, ids=[f"{m:%B %Y}" for m in MONTHS])
@pytest.mark.parametrize("zone", ZONES, ids=[z.key for z in ZONES])
def test_a_late_slot_is_always_moved_inside_quiet_hours_and_the_grace(
    zone: ZoneInfo, month: date
) -> None:
    for contact in range(1, 501):
        slot = checkin_slot(contact, month, zone, QUIET)
        now = slot + timedelta(minutes=contact * 7919 % (8 * 24 * 60))  # 0 to 8 days late
        planned = plan_checkin(contact, EARLY, zone, QUIET, TWO_YEARS, now, month)
        useful = min(slot + timedelta(days=7), month_end(month, zone))
        if outside_quiet_hours(now, zone, QUIET) >= useful:
            assert planned is None, contact
            continue
        assert planned is not None, contact
        assert planned.key == f"checkin:{contact}:{month:%Y-%m}"
        assert now <= planned.fire_at < useful
        local = planned.fire_at.astimezone(zone)
        assert QUIET.start <= local.time() < QUIET.end, contact
        assert planned.fire_at == max(slot, outside_quiet_hours(now, zone, QUIET))


USEFUL = [  # (id, purpose, fire_at, zone, milestone_at, grace, expected)
    ("a check-in is useful for seven days", "checkin", utc(2026, 12, 10, 14, 32), KINGSTON,
     None, Grace(), utc(2026, 12, 17, 14, 32)),
    ("a check-in late in the month is useful until the local month ends", "checkin",
     utc(2026, 12, 28, 15), KINGSTON, None, Grace(), utc(2027, 1, 1, 5)),
    ("a check-in at 22:00 on Dec 31 local belongs to December", "checkin",
     utc(2027, 1, 1, 3), KINGSTON, None, Grace(), utc(2027, 1, 1, 5)),
    ("a check-in late in March in Nassau ends at midnight EDT", "checkin",
     utc(2026, 3, 28, 15), NASSAU, None, Grace(), utc(2026, 4, 1, 4)),
    ("a check-in with a shorter grace", "checkin", utc(2026, 12, 10, 14, 32), KINGSTON, None,
     Grace(checkin=timedelta(days=3)), utc(2026, 12, 13, 14, 32)),
    ("a nudge is useful for 48 hours", "checkin_nudge", utc(2026, 12, 28, 15), KINGSTON, None,
     Grace(), utc(2026, 12, 30, 15)),
    ("a reminder before the milestone is useful until the milestone", "reminder",
     utc(2026, 12, 8, 14), KINGSTON, utc(2026, 12, 10, 19), Grace(), utc(2026, 12, 10, 19)),
    ("a reminder after the milestone is useful for 24 hours", "reminder",
     utc(2026, 12, 11, 14), KINGSTON, utc(2026, 12, 10, 19), Grace(), utc(2026, 12, 12, 14)),
    ("a reminder without a milestone time is useful for 24 hours", "reminder",
     utc(2026, 12, 11, 14), KINGSTON, None, Grace(), utc(2026, 12, 12, 14)),
    ("a missed check-in never goes stale", "checkin_missed", utc(2026, 1, 1), KINGSTON, None,
     Grace(), datetime.max.replace(tzinfo=UTC_ZONE)),
]  # fmt: skip


@pytest.mark.parametrize(
    ("purpose", "fire_at", "zone", "milestone_at", "grace", "expected"),
    rows(USEFUL),
    ids=ids(USEFUL),
)
def test_each_purpose_is_useful_until_it_would_confuse_more_than_help(
    purpose: str,
    fire_at: datetime,
    zone: ZoneInfo,
    milestone_at: datetime | None,
    grace: Grace,
    expected: datetime,
) -> None:
    assert useful_until(purpose, fire_at, zone, milestone_at, grace) == expected


SESSION = utc(2026, 12, 10, 19)  # a milestone at 14:00 in Kingston
PAUSE = "paused"
DECISIONS = [  # (id, purpose, fire_at, now, zone, milestone_at, superseded, paused_until, decision)
    ("a check-in due in the day is sent now", "checkin", utc(2026, 12, 10, 14, 32),
     utc(2026, 12, 10, 14, 32), KINGSTON, None, False, None, Decision("send")),
    ("a check-in due at 22:00 local waits for 08:00 local", "checkin", utc(2026, 12, 11, 3),
     utc(2026, 12, 11, 3), KINGSTON, None, False, None,
     Decision("wait", utc(2026, 12, 11, 13), "quiet hours")),
    ("a check-in found at 03:00 local by a clock that was down waits for 08:00", "checkin",
     utc(2026, 12, 9, 15), utc(2026, 12, 10, 8), KINGSTON, None, False, None,
     Decision("wait", utc(2026, 12, 10, 13), "quiet hours")),
    ("a check-in six days late is still sent", "checkin", utc(2026, 12, 3, 15),
     utc(2026, 12, 9, 15), KINGSTON, None, False, None, Decision("send")),
    ("a check-in seven days late is dropped as stale", "checkin", utc(2026, 12, 3, 15),
     utc(2026, 12, 10, 15), KINGSTON, None, False, None, Decision("drop", reason="stale")),
    ("a check-in whose night wait passes the grace is dropped", "checkin", utc(2026, 12, 3, 2),
     utc(2026, 12, 10, 1, 30), KINGSTON, None, False, None,
     Decision("drop", reason="stale before the next allowed time")),
    ("a check-in on the last evening of the local month is dropped", "checkin",
     utc(2026, 12, 28, 15), utc(2027, 1, 1, 2), KINGSTON, None, False, None,
     Decision("drop", reason="stale before the next allowed time")),
    ("a check-in after the local month ended is stale", "checkin", utc(2026, 12, 28, 15),
     utc(2027, 1, 1, 5), KINGSTON, None, False, None, Decision("drop", reason="stale")),
    ("a nudge 47 hours late is sent", "checkin_nudge", utc(2026, 12, 10, 15),
     utc(2026, 12, 12, 14), KINGSTON, None, False, None, Decision("send")),
    ("a nudge 48 hours late is dropped", "checkin_nudge", utc(2026, 12, 10, 15),
     utc(2026, 12, 12, 15), KINGSTON, None, False, None, Decision("drop", reason="stale")),
    ("a reminder before the milestone is sent now", "reminder", utc(2026, 12, 8, 14),
     utc(2026, 12, 9, 15), KINGSTON, SESSION, False, None, Decision("send")),
    ("a reminder whose milestone passed is dropped", "reminder", utc(2026, 12, 8, 14),
     SESSION, KINGSTON, SESSION, False, None, Decision("drop", reason="stale")),
    ("a reminder due at 06:00 waits for 08:00 before a 14:00 milestone", "reminder",
     utc(2026, 12, 10, 11), utc(2026, 12, 10, 11), KINGSTON, SESSION, False, None,
     Decision("wait", utc(2026, 12, 10, 13), "quiet hours")),
    ("a reminder whose night wait lands after a 07:30 milestone is dropped", "reminder",
     utc(2026, 12, 10, 10), utc(2026, 12, 10, 10), KINGSTON, utc(2026, 12, 10, 12, 30), False,
     None, Decision("drop", reason="stale before the next allowed time")),
    ("a superseded reminder is dropped", "reminder", utc(2026, 12, 8, 14),
     utc(2026, 12, 9, 15), KINGSTON, SESSION, True, None,
     Decision("drop", reason="a later reminder of the milestone is due")),
    ("a reminder after the milestone is sent within 24 hours", "reminder",
     utc(2026, 12, 11, 14), utc(2026, 12, 12, 13, 59), KINGSTON, SESSION, False, None,
     Decision("send")),
    ("a reminder after the milestone is dropped after 24 hours", "reminder",
     utc(2026, 12, 11, 14), utc(2026, 12, 12, 14), KINGSTON, SESSION, False, None,
     Decision("drop", reason="stale")),
    ("a missed check-in is sent at 03:00 local", "checkin_missed", utc(2026, 1, 1),
     utc(2026, 12, 10, 8), KINGSTON, None, False, None, Decision("send")),
    ("a missed check-in is sent even marked superseded and paused", "checkin_missed",
     utc(2026, 12, 10, 8), utc(2026, 12, 10, 8), KINGSTON, None, True, utc(2026, 12, 13),
     Decision("send")),
    ("a paused returnee's check-in waits until the pause ends", "checkin",
     utc(2026, 12, 10, 15), utc(2026, 12, 10, 15), KINGSTON, None, False,
     utc(2026, 12, 11, 17), Decision("wait", utc(2026, 12, 11, 17), PAUSE)),
    ("a pause that ends at 22:00 local waits for 08:00 after it", "checkin",
     utc(2026, 12, 10, 15), utc(2026, 12, 10, 15), KINGSTON, None, False,
     utc(2026, 12, 12, 3), Decision("wait", utc(2026, 12, 12, 13), PAUSE)),
    ("a pause that already ended changes nothing", "checkin", utc(2026, 12, 10, 15),
     utc(2026, 12, 10, 15), KINGSTON, None, False, utc(2026, 12, 10, 14), Decision("send")),
    ("a pause past the milestone drops its reminder", "reminder", utc(2026, 12, 9, 14),
     utc(2026, 12, 9, 14), KINGSTON, SESSION, False, utc(2026, 12, 11, 15),
     Decision("drop", reason="stale before the next allowed time")),
    ("a pause past the check-in grace drops it", "checkin", utc(2026, 12, 10, 15),
     utc(2026, 12, 16, 15), KINGSTON, None, False, utc(2026, 12, 19, 15),
     Decision("drop", reason="stale before the next allowed time")),
    ("on the spring-forward night in Nassau it waits for 08:00 EDT", "checkin",
     utc(2026, 3, 8, 6), utc(2026, 3, 8, 6), NASSAU, None, False, None,
     Decision("wait", utc(2026, 3, 8, 12), "quiet hours")),
    ("on the fall-back night in Nassau it waits for 08:00 EST", "checkin",
     utc(2026, 11, 1, 5, 30), utc(2026, 11, 1, 5, 30), NASSAU, None, False, None,
     Decision("wait", utc(2026, 11, 1, 13), "quiet hours")),
    ("19:59 EDT in Nassau is still daytime", "checkin", utc(2026, 7, 1, 23, 59),
     utc(2026, 7, 1, 23, 59), NASSAU, None, False, None, Decision("send")),
    ("20:00 EDT in Nassau waits for 08:00 EDT", "checkin", utc(2026, 7, 2, 0),
     utc(2026, 7, 2, 0), NASSAU, None, False, None,
     Decision("wait", utc(2026, 7, 2, 12), "quiet hours")),
    ("on the spring-forward night in Port-au-Prince it waits for 08:00 EDT", "checkin_nudge",
     utc(2027, 3, 14, 6), utc(2027, 3, 14, 6), HAITI, None, False, None,
     Decision("wait", utc(2027, 3, 14, 12), "quiet hours")),
    ("20:00 in Georgetown waits for 08:00 Georgetown time", "checkin", utc(2026, 12, 11, 0),
     utc(2026, 12, 11, 0), GEORGETOWN, None, False, None,
     Decision("wait", utc(2026, 12, 11, 12), "quiet hours")),
]  # fmt: skip


@pytest.mark.parametrize(
    ("purpose", "fire_at", "now", "zone", "milestone_at", "superseded", "paused_until",
     "expected"),
    rows(DECISIONS),
    ids=ids(DECISIONS),
)  # fmt: skip
def test_a_due_entry_is_sent_waits_or_is_dropped(
    purpose: str,
    fire_at: datetime,
    now: datetime,
    zone: ZoneInfo,
    milestone_at: datetime | None,
    superseded: bool,
    paused_until: datetime | None,
    expected: Decision,
) -> None:
    decision = decide(purpose, fire_at, now, zone, QUIET, milestone_at, superseded, paused_until)

    assert decision == expected
    if decision.action == "wait":
        assert decision.at is not None and decision.at > now
        local = decision.at.astimezone(zone)
        assert QUIET.start <= local.time() < QUIET.end


ADD_MONTHS = [  # (id, month, count, expected)
    ("December plus one is January of the next year", date(2026, 12, 1), 1, date(2027, 1, 1)),
    ("January minus one is December of the year before", date(2027, 1, 1), -1,
     date(2026, 12, 1)),
    ("November plus two crosses the year end", date(2026, 11, 1), 2, date(2027, 1, 1)),
    ("twelve months is the same month a year later", date(2026, 3, 1), 12, date(2027, 3, 1)),
    ("minus thirteen goes back two year ends", date(2026, 1, 1), -13, date(2024, 12, 1)),
    ("twenty-four months is two years", date(2026, 1, 1), 24, date(2028, 1, 1)),
    ("zero is the month itself", date(2026, 5, 1), 0, date(2026, 5, 1)),
    ("a day inside the month gives the first of the next", date(2026, 1, 31), 1,
     date(2026, 2, 1)),
]  # fmt: skip


@pytest.mark.parametrize(("month", "count", "expected"), rows(ADD_MONTHS), ids=ids(ADD_MONTHS))
def test_add_months_counts_whole_months_across_year_ends(
    month: date, count: int, expected: date
) -> None:
    assert add_months(month, count) == expected


MONTH_ENDS = [  # (id, month, zone, expected end in UTC)
    ("December in Kingston ends at 05:00 UTC on Jan 1", date(2026, 12, 1), KINGSTON,
     utc(2027, 1, 1, 5)),
    ("December in Georgetown ends at 04:00 UTC on Jan 1", date(2026, 12, 1), GEORGETOWN,
     utc(2027, 1, 1, 4)),
    ("February in Nassau ends at midnight EST", date(2026, 2, 1), NASSAU, utc(2026, 3, 1, 5)),
    ("March in Nassau, with the spring DST change, ends at midnight EDT", date(2026, 3, 1),
     NASSAU, utc(2026, 4, 1, 4)),
    ("October in Nassau ends at midnight EDT, two hours before the fall-back",
     date(2026, 10, 1), NASSAU, utc(2026, 11, 1, 4)),
    ("November in Nassau, with the fall-back, ends at midnight EST", date(2026, 11, 1),
     NASSAU, utc(2026, 12, 1, 5)),
    ("March 2027 in Port-au-Prince ends at midnight EDT", date(2027, 3, 1), HAITI,
     utc(2027, 4, 1, 4)),
    ("a leap February in Kingston ends on March 1", date(2028, 2, 1), KINGSTON,
     utc(2028, 3, 1, 5)),
]  # fmt: skip


@pytest.mark.parametrize(("month", "zone", "expected"), rows(MONTH_ENDS), ids=ids(MONTH_ENDS))
def test_a_month_ends_at_local_midnight_across_year_ends_and_dst(
    month: date, zone: ZoneInfo, expected: datetime
) -> None:
    end = month_end(month, zone)

    assert end == expected
    assert month_of(end - timedelta(microseconds=1), zone) == month
    assert month_of(end, zone) == add_months(month, 1)

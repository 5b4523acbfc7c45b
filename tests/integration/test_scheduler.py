"""The scheduler on a real database: check-ins, nudges, missed check-ins, milestone reminders,
quiet hours, stale catch-up, WhatsApp templates, and exactly-once delivery at the fake Twilio."""

import itertools
import json
import threading
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select
from sqlalchemy.engine import Engine

from bot.bootstrap import Services, bootstrap
from bot.config import load_settings
from bot.conversations import inbound
from bot.messaging.outbox import Dispatcher, DispatchPolicy
from bot.messaging.ports import Inbound
from bot.schedule.milestones import add_milestone, move_milestone, set_status
from bot.schedule.planning import fire_due, plan_checkins
from scheduler.clock import Clock
from storage import repositories as repo
from storage.casework import Alert, Caseworker, CheckIn
from storage.models import Contact, OutboundMessage
from storage.schedule import Milestone, ScheduleEntry
from tests.fakes.twilio_api import FakeTwilio
from tests.helpers import db_rows, live_env

NOW = datetime(2026, 12, 2, 15, 0, tzinfo=UTC)  # 10:00 in Kingston, a Wednesday
JOINED = datetime(2026, 10, 5, 15, 0, tzinfo=UTC)
FAST = DispatchPolicy(rate_per_second=1000, max_attempts=4, backoff_base=0.0, backoff_cap=0.0)
TEMPLATE = "HX" + "a" * 32
_sids = itertools.count(1)


@pytest.fixture
def desk_services(
    database_url: str, engine: Engine, fake_twilio: FakeTwilio, tmp_path: Path
) -> Iterator[Services]:
    env = live_env(database_url, fake_twilio, DEFAULT_OFFICE="JM",
                   WHATSAPP_TEMPLATES=f"reminder={TEMPLATE}")  # fmt: skip
    fake_twilio.approve_template(TEMPLATE, variables=3)
    built = bootstrap(load_settings(env, instance_path=tmp_path))
    with built.sessions.begin() as session:
        session.add(Caseworker(name="Olive", phone="+18765550900", email="olive@office.test",
                               office="JM", role="caseworker", on_call=True, language="en",
                               created_at=NOW))  # fmt: skip
    yield built
    built.engine.dispose()


def returnee(
    services: Services, e164: str, country: str = "JM", zone: str = "America/Jamaica",
    joined: datetime = JOINED, channel: str = "sms", **extra: Any,
) -> int:  # fmt: skip
    with services.sessions.begin() as session:
        contact = repo.add_contact_with_number(session, e164, "en", channel, joined).contact
        contact.consent, contact.consent_at, contact.country = "given", joined, country
        contact.time_zone, contact.name = zone, "Test Returnee"
        for name, value in extra.items():
            setattr(contact, name, value)
        return contact.id


def reply(services: Services, sender: str, body: str, now: datetime, channel: str = "sms") -> None:
    message = Inbound(f"SM{next(_sids):032d}", channel, sender, "+18765550000", body)
    inbound.receive(services.desk, message, now)


def sent_to(services: Services, e164: str) -> list[OutboundMessage]:
    return db_rows(services, OutboundMessage, OutboundMessage.to_e164 == e164)


def entries(services: Services, purpose: str) -> list[ScheduleEntry]:
    return db_rows(services, ScheduleEntry, ScheduleEntry.purpose == purpose)


def checkin_entry(contact_id: int, fire_at: datetime) -> ScheduleEntry:
    """December's check-in of one returnee, planned for `fire_at`."""
    return ScheduleEntry(key=f"checkin:{contact_id}:2026-12", contact_id=contact_id,
                         purpose="checkin", occurrence="2026-12", fire_at=fire_at,
                         state="planned", attempts=0, created_at=NOW)  # fmt: skip


def run_until(services: Services, end: datetime, step: timedelta = timedelta(hours=1)) -> None:
    """Fire whatever falls due, hour by hour, as a clock ticking through that time would."""
    moment = NOW
    while moment <= end:
        fire_due(services.desk, moment)
        moment += step


def milestone(services: Services, contact_id: int, kind: str, at: datetime, **kw: Any) -> int:
    with services.sessions.begin() as session:
        return add_milestone(session, services.desk, contact_id, kind, at, "Kingston Hub, 4 "
                             "Duke St", kw.pop("now", NOW), **kw).id  # fmt: skip


# Monthly check-ins


def test_every_active_returnee_gets_one_check_in_planned_per_month_and_nobody_else(
    desk_services: Services,
) -> None:
    active = returnee(desk_services, "+18765551001")
    returnee(desk_services, "+18765551002", joined=NOW - timedelta(days=1))  # joined this month
    returnee(desk_services, "+18765551003", consent="declined")
    returnee(desk_services, "+18765551004", returned_at=datetime(2025, 11, 1, tzinfo=UTC))
    stopped = returnee(desk_services, "+18765551005")
    with desk_services.sessions.begin() as session:
        repo.mark_opted_out(session, "+18765551005", NOW)
    assert plan_checkins(desk_services.desk, NOW) == 1
    assert plan_checkins(desk_services.desk, NOW + timedelta(hours=1)) == 0  # hourly: no repeats
    [entry] = entries(desk_services, "checkin")
    assert (entry.contact_id, entry.key) == (active, f"checkin:{active}:2026-12")
    local = entry.fire_at.astimezone(ZoneInfo("America/Jamaica"))
    assert 8 <= local.hour < 20 and local.day <= 20 and stopped != active


def test_a_check_in_is_asked_then_nudged_once_after_72_hours_then_missed(
    desk_services: Services,
) -> None:
    contact_id = returnee(desk_services, "+18765551001")
    plan_checkins(desk_services.desk, NOW)
    [entry] = entries(desk_services, "checkin")
    asked_at = entry.fire_at
    run_until(desk_services, asked_at + timedelta(days=8))
    purposes = [m.purpose for m in sent_to(desk_services, "+18765551001")]
    assert purposes == ["checkin", "checkin_nudge"]
    [checkin] = db_rows(desk_services, CheckIn)
    assert checkin.occurrence == "2026-12" and checkin.nudged_at is not None
    assert checkin.missed_at is not None and checkin.contact_id == contact_id
    assert db_rows(desk_services, Alert) == []  # one miss is not yet an alert


def test_an_answered_check_in_gets_no_nudge_and_is_not_missed(desk_services: Services) -> None:
    returnee(desk_services, "+18765551001")
    plan_checkins(desk_services.desk, NOW)
    [entry] = entries(desk_services, "checkin")
    fire_due(desk_services.desk, entry.fire_at)
    reply(desk_services, "+18765551001", "1", entry.fire_at + timedelta(hours=2))
    run_until(desk_services, entry.fire_at + timedelta(days=8))
    purposes = [m.purpose for m in sent_to(desk_services, "+18765551001")]
    assert purposes == ["checkin", "checkin_good"]
    [checkin] = db_rows(desk_services, CheckIn)
    assert checkin.answer == "good" and checkin.missed_at is None
    assert {e.state for e in entries(desk_services, "checkin_nudge")} == {"skipped"}


def test_a_late_answer_after_the_nudge_still_answers_the_check_in_and_nothing_is_missed(
    desk_services: Services,
) -> None:
    returnee(desk_services, "+18765551001")
    plan_checkins(desk_services.desk, NOW)
    [entry] = entries(desk_services, "checkin")
    run_until(desk_services, entry.fire_at + timedelta(hours=100))  # asked, then nudged
    reply(desk_services, "+18765551001", "2", entry.fire_at + timedelta(hours=150))
    run_until(desk_services, entry.fire_at + timedelta(days=8))
    purposes = [m.purpose for m in sent_to(desk_services, "+18765551001")]
    assert purposes == ["checkin", "checkin_nudge", "checkin_okay"]
    [checkin] = db_rows(desk_services, CheckIn)
    assert (checkin.answer, checkin.missed_at) == ("okay", None)
    assert db_rows(desk_services, Alert) == []


def test_two_missed_check_ins_in_a_row_alert_a_caseworker(desk_services: Services) -> None:
    returnee(desk_services, "+18765551001")
    for month_start in (NOW, datetime(2027, 1, 1, 15, 0, tzinfo=UTC)):
        plan_checkins(desk_services.desk, month_start)
        asked = max(e.fire_at for e in entries(desk_services, "checkin"))
        for moment in (
            asked,
            asked + timedelta(days=3, hours=1),
            asked + timedelta(days=7, hours=1),
        ):
            fire_due(desk_services.desk, moment)
    [alert] = db_rows(desk_services, Alert)
    assert alert.kind == "missed_checkins" and "2026-12 and 2027-01" in alert.reason
    assert [m.purpose for m in sent_to(desk_services, "+18765550900")] == ["alert_missed_checkins"]


def test_a_check_in_due_at_night_waits_for_08_00_local_time(desk_services: Services) -> None:
    contact_id = returnee(desk_services, "+18765551001")
    night = datetime(2026, 12, 3, 6, 0, tzinfo=UTC)  # 01:00 in Kingston
    with desk_services.sessions.begin() as session:
        session.add(checkin_entry(contact_id, night - timedelta(minutes=5)))
    fire_due(desk_services.desk, night)
    assert sent_to(desk_services, "+18765551001") == []
    [entry] = entries(desk_services, "checkin")
    assert (
        entry.fire_at == datetime(2026, 12, 3, 13, 0, tzinfo=UTC) and entry.reason == "quiet hours"
    )
    fire_due(desk_services.desk, datetime(2026, 12, 3, 13, 0, tzinfo=UTC))
    assert [m.purpose for m in sent_to(desk_services, "+18765551001")] == ["checkin"]


def test_opted_out_and_paused_returnees_get_nothing(desk_services: Services) -> None:
    stopped = returnee(desk_services, "+18765551001")
    paused = returnee(desk_services, "+18765551002", paused_until=NOW + timedelta(days=40))
    for contact_id in (stopped, paused):
        milestone(desk_services, contact_id, "health", NOW + timedelta(days=5))
    plan_checkins(desk_services.desk, NOW)
    reply(desk_services, "+18765551001", "STOP", NOW)
    run_until(desk_services, NOW + timedelta(days=20))
    assert [m.purpose for m in sent_to(desk_services, "+18765551001")] == ["opt_out_confirmation"]
    assert sent_to(desk_services, "+18765551002") == []
    states = {e.state for e in db_rows(desk_services, ScheduleEntry)}
    assert "sent" not in states


def test_a_check_in_held_by_a_long_handoff_keeps_its_grace_from_the_first_due_time(
    desk_services: Services,
) -> None:
    contact_id = returnee(desk_services, "+18765551001", paused_until=NOW + timedelta(days=3))
    with desk_services.sessions.begin() as session:
        session.add(checkin_entry(contact_id, NOW))
    fire_due(desk_services.desk, NOW)
    [waiting] = entries(desk_services, "checkin")
    assert waiting.state == "planned" and waiting.reason == "paused" and waiting.due_at == NOW
    with desk_services.sessions.begin() as session:  # the caseworker keeps it 5 days more
        contact = session.get(Contact, contact_id)
        assert contact is not None
        contact.paused_until = NOW + timedelta(days=8)
    fire_due(desk_services.desk, waiting.fire_at)  # 8 days after it was due: past its 7
    [dropped] = entries(desk_services, "checkin")
    assert dropped.state == "dropped" and sent_to(desk_services, "+18765551001") == []


# Milestone reminders


def test_a_milestone_plans_its_reminders_and_moving_it_replans_them(
    desk_services: Services,
) -> None:
    contact_id = returnee(desk_services, "+18765551001")
    at = datetime(2026, 12, 10, 19, 0, tzinfo=UTC)  # 14:00 in Kingston
    milestone_id = milestone(desk_services, contact_id, "counselling", at)
    planned = entries(desk_services, "reminder")
    assert [e.fire_at for e in planned] == [datetime(2026, 12, 8, 14, 0, tzinfo=UTC),
                                           datetime(2026, 12, 10, 13, 0, tzinfo=UTC)]  # fmt: skip
    with desk_services.sessions.begin() as session:
        row = session.get(Milestone, milestone_id)
        assert row is not None
        move_milestone(session, desk_services.desk, row, at + timedelta(days=7), NOW)
    after = entries(desk_services, "reminder")
    assert [e.state for e in after[:2]] == ["cancelled", "cancelled"]
    assert [e.fire_at.day for e in after if e.state == "planned"] == [15, 17]
    with desk_services.sessions.begin() as session:
        row = session.get(Milestone, milestone_id)
        assert row is not None
        move_milestone(session, desk_services.desk, row, at, NOW)  # back to the first date
    assert [e.fire_at.day for e in entries(desk_services, "reminder") if e.state == "planned"] == [
        8, 10]  # fmt: skip


def test_completing_or_cancelling_a_milestone_cancels_its_reminders(
    desk_services: Services,
) -> None:
    contact_id = returnee(desk_services, "+18765551001")
    done = milestone(desk_services, contact_id, "counselling", NOW + timedelta(days=5))
    dropped = milestone(desk_services, contact_id, "health", NOW + timedelta(days=5))
    with desk_services.sessions.begin() as session:
        for milestone_id, status in ((done, "done"), (dropped, "cancelled")):
            row = session.get(Milestone, milestone_id)
            assert row is not None
            set_status(session, desk_services.desk, row, status, NOW)
    assert {e.state for e in entries(desk_services, "reminder")} == {"cancelled"}
    run_until(desk_services, NOW + timedelta(days=6))
    assert sent_to(desk_services, "+18765551001") == []


def test_a_reminder_names_what_when_and_where_and_2_alerts_the_caseworker(
    desk_services: Services,
) -> None:
    contact_id = returnee(desk_services, "+18765551001")
    at = datetime(2026, 12, 10, 19, 0, tzinfo=UTC)
    milestone_id = milestone(desk_services, contact_id, "job_interview", at)
    fire_due(desk_services.desk, datetime(2026, 12, 9, 14, 0, tzinfo=UTC))
    [message] = sent_to(desk_services, "+18765551001")
    assert "job interview" in message.body and "Thu 10 Dec 14:00" in message.body
    assert "Kingston Hub" in message.body and message.segments <= 2
    reply(desk_services, "+18765551001", "2", datetime(2026, 12, 9, 15, 0, tzinfo=UTC))
    [alert] = db_rows(desk_services, Alert)
    assert alert.kind == "reschedule" and "job interview" in alert.reason
    [row] = db_rows(desk_services, Milestone)
    assert (row.id, row.answer) == (milestone_id, "change")


def test_a_clock_down_for_a_day_sends_the_latest_useful_reminder_once_and_drops_the_rest(
    desk_services: Services,
) -> None:
    contact_id = returnee(desk_services, "+18765551001")
    at = datetime(2026, 12, 10, 19, 0, tzinfo=UTC)  # 2 days before: Dec 8 09:00; day of: 08:00
    milestone(desk_services, contact_id, "counselling", at)
    past = milestone(desk_services, contact_id, "health", NOW + timedelta(days=2))
    back = datetime(2026, 12, 10, 16, 0, tzinfo=UTC)  # the clock comes back at 11:00, Dec 10
    fire_due(desk_services.desk, back)
    bodies = [m.body for m in sent_to(desk_services, "+18765551001")]
    assert len(bodies) == 1 and "counselling" in bodies[0]
    states = [(e.milestone_id, e.state) for e in entries(desk_services, "reminder")]
    assert states.count((past, "dropped")) == 2  # the health visit of Dec 4 is over
    assert sorted(s for _, s in states) == ["dropped", "dropped", "dropped", "sent"]


# WhatsApp


def test_whatsapp_free_text_inside_the_window_a_template_outside_it_and_sms_without_one(
    desk_services: Services, fake_twilio: FakeTwilio
) -> None:
    fresh = returnee(desk_services, "+18765551001", channel="whatsapp")
    stale = returnee(desk_services, "+18765551002", channel="whatsapp")
    at = datetime(2026, 12, 10, 19, 0, tzinfo=UTC)
    reply(desk_services, "+18765551001", "hi", datetime(2026, 12, 9, 10, 0, tzinfo=UTC), "whatsapp")
    for contact_id in (fresh, stale):
        milestone(desk_services, contact_id, "job_interview", at)
    reply(desk_services, "+18765551002", "hi", datetime(2026, 12, 7, 10, 0, tzinfo=UTC), "whatsapp")
    fire_due(desk_services.desk, datetime(2026, 12, 9, 14, 0, tzinfo=UTC))
    drain(desk_services)
    by_to = {m["to"]: m for m in fake_twilio.messages}
    inside, outside = by_to["whatsapp:+18765551001"], by_to["whatsapp:+18765551002"]
    assert inside["content_sid"] is None and "job interview" in inside["body"]
    assert outside["content_sid"] == TEMPLATE and outside["body"] == ""
    variables = json.loads(outside["content_variables"] or "{}")
    assert variables["1"] == "your job interview" and "14:00" in variables["2"]
    checkin = returnee(desk_services, "+18765551003", channel="whatsapp")
    with desk_services.sessions.begin() as session:
        session.add(checkin_entry(checkin, NOW))
    fire_due(desk_services.desk, NOW)
    [fallback] = sent_to(desk_services, "+18765551003")
    assert fallback.channel == "sms"  # no check-in template configured: SMS


# Exactly once


class FrozenClock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def _plan_many(services: Services, count: int) -> list[str]:
    numbers = [f"+1876555{2000 + i:04d}" for i in range(count)]
    for index, e164 in enumerate(numbers):
        contact_id = returnee(services, e164)
        milestone(services, contact_id, "job_interview", NOW + timedelta(hours=4, minutes=index))
    plan_checkins(services.desk, NOW)
    with services.sessions.begin() as session:  # bring every check-in forward to now
        for entry in session.scalars(select(ScheduleEntry)):
            entry.fire_at = min(entry.fire_at, NOW)
    return numbers


def drain(services: Services) -> None:
    """Send everything in the outbox, with the worker's clock after every test's times."""
    later = NOW + timedelta(days=90)
    dispatcher = Dispatcher(services.sessions, services.sender, FAST, clock=lambda: later)
    while dispatcher.run_once():
        pass


def _delivered(fake: FakeTwilio) -> list[tuple[str, str]]:
    return sorted((m["to"], m["body"]) for m in fake.messages)


def test_two_clocks_started_by_mistake_send_every_scheduled_message_once(
    desk_services: Services, fake_twilio: FakeTwilio
) -> None:
    numbers = _plan_many(desk_services, 6)
    time = FrozenClock(NOW + timedelta(hours=1, minutes=30))  # job interview: 3 hours before
    clocks = [Clock(desk_services, clock=time) for _ in range(2)]
    # Both clocks fire at once, as if both held the lease: the entry locks and keys still hold.
    threads = [threading.Thread(target=fire_due, args=(desk_services.desk, time.now))
               for _ in clocks]  # fmt: skip
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [clock.tick() for clock in clocks].count(True) == 1  # the lease: one leader
    drain(desk_services)
    delivered = _delivered(fake_twilio)
    assert len(delivered) == len(set(delivered)) == 2 * len(numbers)  # a check-in + a reminder


def test_a_restarted_clock_sends_nothing_twice_and_catches_up(
    desk_services: Services, fake_twilio: FakeTwilio
) -> None:
    numbers = _plan_many(desk_services, 4)
    time = FrozenClock(NOW)
    first = Clock(desk_services, lease_ttl=timedelta(seconds=60), clock=time)
    assert first.tick()  # check-ins go out
    time.now = NOW + timedelta(hours=1, minutes=2)  # the first clock died; its lease lapsed
    second = Clock(desk_services, lease_ttl=timedelta(seconds=60), clock=time)
    assert second.plan() and second.tick()  # re-planning and re-firing after the restart
    time.now += timedelta(minutes=10)
    assert second.tick()
    drain(desk_services)
    delivered = _delivered(fake_twilio)
    assert len(delivered) == len(set(delivered)) == 2 * len(numbers)


def test_asking_for_the_next_appointment_names_the_next_milestone_and_takes_1_or_2(
    desk_services: Services,
) -> None:
    contact_id = returnee(desk_services, "+18765551001")
    milestone(desk_services, contact_id, "health", datetime(2026, 12, 20, 15, 0, tzinfo=UTC))
    milestone(desk_services, contact_id, "counselling", datetime(2026, 12, 9, 15, 0, tzinfo=UTC))
    reply(desk_services, "+18765551001", "11", NOW)  # the menu's "my appointments"
    [answer] = sent_to(desk_services, "+18765551001")
    assert answer.purpose == "appointment_answer" and "counselling" in answer.body
    assert "Wed 9 Dec 10:00" in answer.body
    reply(desk_services, "+18765551001", "1", NOW + timedelta(minutes=1))
    coming = [m for m in db_rows(desk_services, Milestone) if m.kind == "counselling"]
    assert coming[0].answer == "coming"
    assert sent_to(desk_services, "+18765551001")[-1].purpose == "reminder_coming"


def test_a_clock_starting_with_edited_reminder_rules_replans_the_milestones_to_come(
    desk_services: Services,
) -> None:
    contact_id = returnee(desk_services, "+18765551001")
    milestone(desk_services, contact_id, "counselling", datetime(2026, 12, 10, 19, tzinfo=UTC))
    book = desk_services.desk.reminders
    edited = replace(book, rules=tuple(
        replace(rule, delivery_hour=10) if (rule.milestone_type, rule.offset) == ("counselling", -2)
        else rule for rule in book.rules
    ))  # fmt: skip  # an operator moves "2 days before" to 10:00
    desk_services.desk = replace(desk_services.desk, reminders=edited)
    assert Clock(desk_services, clock=FrozenClock(NOW)).plan()
    states = {(e.fire_at.hour, e.state) for e in entries(desk_services, "reminder")}
    assert states == {(14, "cancelled"), (15, "planned"), (13, "planned")}

"""Real clock processes: two started by mistake, one killed and restarted, each message once."""

import os
import signal
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine, func, select

from bot.bootstrap import bootstrap
from bot.config import load_settings
from bot.schedule.milestones import add_milestone
from storage import repositories as repo
from storage.schedule import ScheduleEntry
from tests.fakes.twilio_api import FakeTwilio
from tests.helpers import Starter, wait_until

RETURNEES = 5
CLOCK = ["returnee", "clock", "--every", "1", "--lease", "4"]


def _plan(env: dict[str, str], tmp_path: Path, now: datetime) -> None:
    """Returnees with a check-in due in seconds and a job interview whose reminder is soon."""
    services = bootstrap(load_settings(env, instance_path=tmp_path))
    month = f"{now:%Y-%m}"
    with services.sessions.begin() as session:
        for index in range(RETURNEES):
            number = repo.add_contact_with_number(session, f"+1876555{3000 + index:04d}", "en",
                                                  "sms", now - timedelta(days=62))  # fmt: skip
            contact = number.contact
            contact.consent, contact.consent_at, contact.country = "given", now, "JM"
            contact.time_zone, contact.returned_at = "America/Jamaica", now - timedelta(days=62)
            session.flush()
            session.add(ScheduleEntry(
                key=f"checkin:{contact.id}:{month}", contact_id=contact.id, purpose="checkin",
                occurrence=month, fire_at=now + timedelta(seconds=2), state="planned",
                attempts=0, created_at=now,
            ))  # fmt: skip
            interview = now + timedelta(hours=3, seconds=14 + index)  # reminded 3 hours before
            add_milestone(session, services.desk, contact.id, "job_interview", interview,
                          "HEART Trust, Kingston", now)  # fmt: skip
    services.engine.dispose()


def _finished(engine: Engine) -> bool:
    with engine.connect() as connection:
        # What is due in this test's minutes (a quarterly survey planned for later is not).
        soon = datetime.now(UTC) + timedelta(minutes=10)
        query = select(func.count()).where(ScheduleEntry.state == "planned",
                                           ScheduleEntry.fire_at <= soon,
                                           ScheduleEntry.purpose != "checkin_nudge",
                                           ScheduleEntry.purpose != "checkin_missed")  # fmt: skip
        return int(connection.execute(query).scalar_one()) == 0


def test_two_clocks_and_a_killed_leader_send_every_check_in_and_reminder_exactly_once(
    processes: Starter, e2e_env: dict[str, str], fake_twilio: FakeTwilio, engine: Engine,
    tmp_path: Path,
) -> None:  # fmt: skip
    env = {**e2e_env, "QUIET_HOURS": "00:00-23:59", "LOG_LEVEL": "INFO"}
    _plan(env, tmp_path, datetime.now(UTC))
    first = processes(CLOCK, env)
    processes(CLOCK, env)  # started by mistake
    processes(["returnee", "worker"], env)
    wait_until(lambda: len(fake_twilio.messages) >= RETURNEES, timeout=60)  # the check-ins
    os.kill(first.pid, signal.SIGKILL)  # the leader, perhaps, dies without a word
    first.wait(5)
    processes(CLOCK, env)  # and is restarted
    wait_until(lambda: _finished(engine), timeout=90)
    wait_until(lambda: len(fake_twilio.messages) >= 2 * RETURNEES, timeout=60)
    time.sleep(3)  # room for a duplicate to show up, if one were coming
    delivered = Counter((m["to"], m["body"][:40]) for m in fake_twilio.messages)
    assert len(delivered) == 2 * RETURNEES and set(delivered.values()) == {1}
    bodies = [m["body"] for m in fake_twilio.messages]
    assert sum("job interview" in body for body in bodies) == RETURNEES

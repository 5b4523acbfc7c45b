"""Operators' scheduler commands: `returnee demo`, `schedule preview`, `milestone ...`."""

from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import Engine, func, select

from cli.main import cli
from storage.models import OutboundMessage
from storage.schedule import Milestone, ScheduleEntry

CLEAR = ("TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "WHATSAPP_TEMPLATES", "QUIET_HOURS")


@pytest.fixture
def run(database_url: str, engine: Engine, tmp_path: Path):  # type: ignore[no-untyped-def]
    """Run `returnee ...` on the test database in demo mode; the result."""

    def invoke(*args: str) -> Result:
        env: dict[str, str | None] = dict.fromkeys(CLEAR)
        env.update(DATABASE_URL=database_url, RETURNEE_INSTANCE_PATH=str(tmp_path),
                   LOG_LEVEL="WARNING")  # fmt: skip
        return CliRunner().invoke(cli, list(args), env=env)

    return invoke


def count(engine: Engine, model: type, *where: object) -> int:
    with engine.connect() as connection:
        query = select(func.count()).select_from(model).where(*where)  # type: ignore[arg-type]
        return int(connection.execute(query).scalar_one())


def test_demo_loads_milestones_in_several_countries_and_the_preview_shows_the_plan(
    run, engine: Engine
) -> None:  # type: ignore[no-untyped-def]
    loaded = run("demo")
    assert loaded.exit_code == 0, loaded.output
    assert "5 returnees added, 5 check-ins planned" in loaded.output
    assert count(engine, Milestone) == 9
    shown = run("schedule", "preview", "--days", "31")
    assert shown.exit_code == 0, shown.output
    assert "messages to 5 returnees" in shown.output
    for piece in ("checkin", "reminder", "JM", "HT", "DO", "GY", "TT", "America/Jamaica"):
        assert piece in shown.output
    assert "+18765550101" not in shown.output  # numbers are masked
    assert count(engine, OutboundMessage) == 0  # a preview sends nothing
    again = run("demo")
    assert "0 returnees added, 0 check-ins planned" in again.output
    assert count(engine, Milestone) == 9


def test_a_short_preview_counts_only_what_falls_inside_it(run, engine: Engine) -> None:  # type: ignore[no-untyped-def]
    run("demo")
    week = run("schedule", "preview", "--days", "7", "--sample", "0")
    month = run("schedule", "preview", "--days", "31", "--sample", "0")
    week_count = int(week.output.split(": ")[1].split(" messages")[0])
    month_count = int(month.output.split(": ")[1].split(" messages")[0])
    assert 0 < week_count < month_count


def test_milestone_commands_add_move_and_cancel_with_their_reminders(run, engine: Engine) -> None:  # type: ignore[no-untyped-def]
    run("demo")
    added = run("milestone", "add", "--phone", "+18765550101", "--kind", "health",
                "--at", "2031-03-10 14:00", "--place", "Kingston Public Hospital")  # fmt: skip
    assert added.exit_code == 0, added.output
    assert "health 2031-03-10 14:00 America/Jamaica" in added.output
    assert added.output.count("reminder 2031-03-") == 2
    milestone_id = added.output.split()[0].lstrip("#")
    moved = run("milestone", "move", milestone_id, "--at", "2031-03-12 09:30")
    assert moved.exit_code == 0 and "2031-03-12 09:30" in moved.output
    assert moved.output.count(": cancelled") == 2 and moved.output.count(": planned") == 3
    cancelled = run("milestone", "status", milestone_id, "cancelled")
    assert "cancelled" in cancelled.output
    live = count(engine, ScheduleEntry, ScheduleEntry.milestone_id == int(milestone_id),
                 ScheduleEntry.state == "planned")  # fmt: skip
    assert live == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["milestone", "add", "--phone", "+18765550101", "--kind", "party", "--at",
          "2031-01-01 10:00", "--place", "x"], "unknown milestone type 'party'"),
        (["milestone", "add", "--phone", "+18765550101", "--kind", "health", "--at",
          "tomorrow", "--place", "x"], "YYYY-MM-DD HH:MM"),
        (["milestone", "add", "--phone", "+18765559999", "--kind", "health", "--at",
          "2031-01-01 10:00", "--place", "x"], "no returnee with this number"),
        (["milestone", "move", "999999", "--at", "2031-01-01 10:00"], "no milestone 999999"),
        (["schedule", "preview", "--days", "0"], "--days"),
    ],
    ids=["an unknown type", "a date in words", "an unknown number", "an unknown milestone",
         "a preview of no days"],
)  # fmt: skip
def test_bad_operator_input_gets_one_clear_line_not_a_traceback(
    run, args: list[str], message: str
) -> None:  # type: ignore[no-untyped-def]
    run("demo")
    result = run(*args)
    assert result.exit_code != 0
    assert message in result.output and "Traceback" not in result.output

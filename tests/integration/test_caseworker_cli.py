"""`returnee caseworker ...`: the roster through the operator CLI (services do the work)."""

from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from cli.main import cli
from storage.casework import Caseworker
from storage.staff import StaffOffice

CLEAR = ("TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "WHATSAPP_TEMPLATES")


@pytest.fixture
def run(database_url: str, engine: Engine, tmp_path: Path):  # type: ignore[no-untyped-def]
    def invoke(*args: str) -> Result:
        env: dict[str, str | None] = dict.fromkeys(CLEAR)
        env.update(DATABASE_URL=database_url, RETURNEE_INSTANCE_PATH=str(tmp_path),
                   LOG_LEVEL="WARNING")  # fmt: skip
        return CliRunner().invoke(cli, list(args), env=env)

    return invoke


def people(engine: Engine) -> list[Caseworker]:
    with Session(engine) as session:
        return list(session.scalars(select(Caseworker).order_by(Caseworker.id)))


ADD = ("caseworker", "add", "--name", "Marcia Brown", "--phone", "+1 876 555 0100",
       "--email", " Marcia@Office.TEST ", "--office", "jm")  # fmt: skip


def test_adding_the_same_phone_twice_updates_one_caseworker(run, engine: Engine) -> None:  # type: ignore[no-untyped-def]
    first = run(*ADD)
    assert first.exit_code == 0, first.output
    again = run(*ADD[:-2], "--office", "HT", "--role", "supervisor", "--on-call",
                "--language", "fr")  # fmt: skip
    assert again.exit_code == 0, again.output
    [person] = people(engine)
    assert (person.phone, person.email, person.office) == (
        "+18765550100",
        "marcia@office.test",
        "HT",
    )
    assert (person.role, person.on_call, person.language, person.active) == (
        "supervisor", True, "fr", True)  # fmt: skip


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("--email", "not-an-email"), "must be an email address"),
        (("--office", "ZZ"), "no content file for office ZZ"),
        (("--phone", "12"), "must be a phone number"),
        (("--language", "xx"), "Invalid value for '--language'"),
    ],
)
def test_a_bad_caseworker_gets_one_clear_line_and_changes_nothing(  # type: ignore[no-untyped-def]
    run, engine: Engine, change: tuple[str, str], message: str
) -> None:
    args = list(ADD)
    at = args.index(change[0]) if change[0] in args else len(args)
    args[at : at + 2] = change
    result = run(*args)
    assert result.exit_code == 2 and message in result.output
    assert "Traceback" not in result.output
    assert people(engine) == []


def test_offices_password_and_removal_name_an_unknown_caseworker(run, engine: Engine) -> None:  # type: ignore[no-untyped-def]
    for args in (("offices", "--email", "nobody@office.test", "--add", "HT"),
                 ("password", "--email", "nobody@office.test", "--password", "long enough pw"),
                 ("token", "--email", "nobody@office.test", "--name", "x"),
                 ("remove", "--phone", "+18765550999")):  # fmt: skip
        result = run("caseworker", *args)
        assert result.exit_code == 1 and "no " in result.output and "Traceback" not in result.output


def test_offices_can_be_added_and_removed_and_removal_keeps_the_record(run, engine: Engine) -> None:  # type: ignore[no-untyped-def]
    assert run(*ADD).exit_code == 0
    added = run("caseworker", "offices", "--email", "marcia@office.test", "--add", "ht",
                "--add", "do")  # fmt: skip
    assert "DO, HT, JM" in added.output
    removed = run("caseworker", "offices", "--email", "marcia@office.test", "--remove", "DO")
    assert "HT, JM" in removed.output and "DO" not in removed.output
    unknown = run("caseworker", "offices", "--email", "marcia@office.test", "--add", "ZZ")
    assert unknown.exit_code == 2 and "no content file for ZZ" in unknown.output
    with Session(engine) as session:
        assert sorted(session.scalars(select(StaffOffice.office))) == ["HT"]
    gone = run("caseworker", "remove", "--phone", "+18765550100")
    assert gone.exit_code == 0
    [person] = people(engine)
    assert (person.active, person.on_call) == (False, False)
    assert "no caseworkers" in run("caseworker", "list").output

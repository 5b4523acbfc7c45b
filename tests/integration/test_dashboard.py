"""The caseworker pages: sign-in and lockout, office scoping, CSRF, alerts, replies, handoff,
milestones, registration, CSV import and the audit log, on a real database."""

import io
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.engine import Engine

from bot.bootstrap import Services, bootstrap
from bot.casework.staff import hash_password
from bot.config import load_settings
from bot.conversations import inbound
from bot.messaging.ports import Inbound
from cli.main import cli
from storage import repositories as repo
from storage.casework import Alert, Caseworker
from storage.models import Contact, OutboundMessage
from storage.schedule import Milestone, ScheduleEntry
from storage.staff import AuditEntry, StaffOffice
from tests.fakes.twilio_api import FakeTwilio
from tests.helpers import db_rows, live_env
from webhooks import create_app

NOW = datetime(2026, 12, 2, 15, 0, tzinfo=UTC)
PASSWORD = "correct horse battery"
JM_RETURNEE, HT_RETURNEE = "+18765551001", "+50937001001"


@pytest.fixture
def world(database_url: str, engine: Engine, fake_twilio: FakeTwilio, tmp_path: Path
          ) -> Iterator[tuple[Services, Flask, dict[str, int]]]:  # fmt: skip
    built = bootstrap(load_settings(live_env(database_url, fake_twilio, DEFAULT_OFFICE="JM"),
                                    instance_path=tmp_path))  # fmt: skip
    ids: dict[str, int] = {}
    with built.sessions.begin() as session:
        for key, office, role in (("marcia", "JM", "caseworker"), ("desmond", "JM", "supervisor"),
                                  ("nadege", "HT", "caseworker")):  # fmt: skip
            person = Caseworker(name=key.title(), phone=f"+1876555{len(ids) + 9000}",
                                email=f"{key}@office.test", office=office, role=role,
                                language="en", on_call=True, created_at=NOW,
                                password_hash=hash_password(PASSWORD))  # fmt: skip
            session.add(person)
            session.flush()
            ids[key] = person.id
        for key, e164, country in (("jm", JM_RETURNEE, "JM"), ("ht", HT_RETURNEE, "HT")):
            contact = repo.add_contact_with_number(session, e164, "en", "sms", NOW).contact
            contact.consent, contact.country, contact.name = "given", country, f"{key} returnee"
            contact.time_zone = "America/Jamaica" if country == "JM" else "America/Port-au-Prince"
            session.flush()
            ids[key] = contact.id
    app = create_app(built, {"TESTING": True, "NOW": NOW})
    yield built, app, ids
    built.engine.dispose()


def token_of(page: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert found, "no CSRF token on the page"
    return found[1]


def sign_in(app: Flask, email: str, password: str = PASSWORD) -> FlaskClient:
    client = app.test_client()
    page = client.get("/dashboard/login").get_data(as_text=True)
    reply = client.post("/dashboard/login", data={"email": email, "password": password,
                                                  "csrf_token": token_of(page)})  # fmt: skip
    assert reply.status_code == 302, reply.get_data(as_text=True)
    return client


def post(client: FlaskClient, page_url: str, url: str, **form: Any) -> Any:
    """Post a form the way a browser does: with the token of the page it came from."""
    token = token_of(client.get(page_url).get_data(as_text=True))
    return client.post(url, data={"csrf_token": token, **form})


def crisis(services: Services, sender: str, sid: str = "SM" + "c" * 32) -> None:
    message = Inbound(sid, "sms", sender, "+18765550000", "i want to kill myself")
    inbound.receive(services.desk, message, NOW)


# Signing in


def test_anonymous_visitors_are_sent_to_the_sign_in_page(world: Any) -> None:
    _, app, ids = world
    client = app.test_client()
    for url in ("/dashboard/", f"/dashboard/returnees/{ids['jm']}", "/dashboard/audit"):
        reply = client.get(url)
        assert reply.status_code == 302 and "/dashboard/login" in reply.headers["Location"]


def test_five_wrong_passwords_lock_the_account_even_for_the_right_one(world: Any) -> None:
    _, app, _ = world
    client = app.test_client()
    token = token_of(client.get("/dashboard/login").get_data(as_text=True))
    for _ in range(5):
        wrong = client.post(
            "/dashboard/login",
            data={"email": "marcia@office.test", "password": "nope", "csrf_token": token},
        )
        assert wrong.status_code == 401
    right = client.post(
        "/dashboard/login",
        data={"email": "marcia@office.test", "password": PASSWORD, "csrf_token": token},
    )
    assert right.status_code == 401 and "Too many failed attempts" in right.get_data(as_text=True)
    app.config["NOW"] = NOW + timedelta(minutes=16)
    assert sign_in(app, "marcia@office.test").get("/dashboard/").status_code == 200


def test_a_post_without_the_csrf_token_fails(world: Any) -> None:
    services, app, ids = world
    client = sign_in(app, "marcia@office.test")
    reply = client.post(f"/dashboard/returnees/{ids['jm']}/reply", data={"body": "hello"})
    assert reply.status_code == 400 and "CSRF" in reply.get_data(as_text=True)
    login = app.test_client().post("/dashboard/login", data={"email": "marcia@office.test",
                                                             "password": PASSWORD})  # fmt: skip
    assert login.status_code == 400
    assert db_rows(services, OutboundMessage) == []


# Scoping


def test_a_caseworker_of_one_office_gets_404_for_another_offices_returnee_and_alert(
    world: Any,
) -> None:
    services, app, ids = world
    crisis(services, HT_RETURNEE)
    [alert] = db_rows(services, Alert)
    client = sign_in(app, "marcia@office.test")
    assert client.get(f"/dashboard/returnees/{ids['ht']}").status_code == 404
    assert client.get(f"/dashboard/returnees/{ids['ht']}/thread.csv").status_code == 404
    page = "/dashboard/"
    assert post(client, page, f"/dashboard/alerts/{alert.id}/acknowledge").status_code == 404
    assert post(client, page, f"/dashboard/returnees/{ids['ht']}/reply",
                body="hi").status_code == 404  # fmt: skip
    assert "ht returnee" not in client.get("/dashboard/returnees").get_data(as_text=True)
    assert alert.code not in client.get("/dashboard/").get_data(as_text=True)


def test_a_caseworker_given_a_second_office_sees_its_returnees(world: Any) -> None:
    services, app, ids = world
    with services.sessions.begin() as session:
        session.add(StaffOffice(caseworker_id=ids["marcia"], office="HT"))
    client = sign_in(app, "marcia@office.test")
    assert client.get(f"/dashboard/returnees/{ids['ht']}").status_code == 200


# Alerts and the conversation


def test_a_crisis_shows_in_the_queue_and_is_acknowledged_then_resolved_with_a_note(
    world: Any,
) -> None:
    services, app, _ = world
    crisis(services, JM_RETURNEE)
    client = sign_in(app, "marcia@office.test")
    queue = client.get("/dashboard/").get_data(as_text=True)
    [alert] = db_rows(services, Alert)
    assert alert.code in queue and "crisis" in queue and 'data-left="900"' in queue
    assert "i want to kill myself" in queue  # the message itself, not only the kind
    post(client, "/dashboard/", f"/dashboard/alerts/{alert.id}/acknowledge")
    assert db_rows(services, Alert)[0].status == "acknowledged"
    empty = post(client, "/dashboard/", f"/dashboard/alerts/{alert.id}/resolve", note=" ")
    assert empty.status_code == 302 and db_rows(services, Alert)[0].status == "acknowledged"
    post(client, "/dashboard/", f"/dashboard/alerts/{alert.id}/resolve", note="Called her.")
    [done] = db_rows(services, Alert)
    assert (done.status, done.resolution_note) == ("resolved", "Called her.")


def test_the_returnee_page_shows_the_thread_and_a_reply_goes_through_the_outbox_once(
    world: Any,
) -> None:
    services, app, ids = world
    crisis(services, JM_RETURNEE)
    client = sign_in(app, "marcia@office.test")
    url = f"/dashboard/returnees/{ids['jm']}"
    page = client.get(url).get_data(as_text=True)
    assert "i want to kill myself" in page and "crisis" in page and JM_RETURNEE in page
    nonce = re.search(r'name="nonce" value="([^"]+)"', page)
    assert nonce
    for _ in range(2):  # a double submit
        post(client, url, f"{url}/reply", body="Marcia here, I will call you now.", nonce=nonce[1])
    sent = db_rows(services, OutboundMessage, OutboundMessage.purpose == "caseworker_message")
    assert [m.body for m in sent] == ["Marcia here, I will call you now."]
    assert sent[0].to_e164 == JM_RETURNEE


def test_a_reply_to_an_opted_out_returnee_is_refused_with_a_reason(world: Any) -> None:
    services, app, ids = world
    with services.sessions.begin() as session:
        repo.mark_opted_out(session, JM_RETURNEE, NOW)
    client = sign_in(app, "marcia@office.test")
    url = f"/dashboard/returnees/{ids['jm']}"
    reply = post(client, url, f"{url}/reply", body="hello", nonce="n1")
    assert "Not sent" in client.get(reply.headers["Location"]).get_data(as_text=True)
    assert db_rows(services, OutboundMessage) == []


def test_taking_over_pauses_the_bot_and_handing_back_tells_the_returnee(world: Any) -> None:
    services, app, ids = world
    client = sign_in(app, "marcia@office.test")
    url = f"/dashboard/returnees/{ids['jm']}"
    post(client, url, f"{url}/take-over")
    assert db_rows(services, Contact, Contact.id == ids["jm"])[0].paused_until is not None
    post(client, url, f"{url}/hand-back")
    assert db_rows(services, Contact, Contact.id == ids["jm"])[0].paused_until is None
    [told] = db_rows(services, OutboundMessage)
    assert told.purpose == "handoff_ended" and told.to_e164 == JM_RETURNEE


# Milestones


def test_a_milestone_added_on_the_page_shows_the_reminders_it_will_send(world: Any) -> None:
    services, app, ids = world
    client = sign_in(app, "marcia@office.test")
    url = f"/dashboard/returnees/{ids['jm']}"
    post(client, url, f"{url}/milestones", kind="counselling", at="2026-12-10T14:00",
         place="Kingston Hub")  # fmt: skip
    [milestone] = db_rows(services, Milestone)
    assert milestone.at == datetime(2026, 12, 10, 19, 0, tzinfo=UTC)  # 14:00 in Kingston
    page = client.get(url).get_data(as_text=True)
    assert "Kingston Hub" in page and "reminder Tue 08 Dec 09:00: planned" in page
    post(client, url, f"/dashboard/milestones/{milestone.id}", action="cancelled")
    assert {e.state for e in db_rows(services, ScheduleEntry)} == {"cancelled"}
    bad = post(client, url, f"{url}/milestones", kind="party", at="2026-12-10T14:00", place="x")
    assert "unknown milestone type" in client.get(bad.headers["Location"]).get_data(as_text=True)


# Registration and import


def test_registering_a_returnee_gives_a_code_for_their_office_only(world: Any) -> None:
    services, app, _ = world
    client = sign_in(app, "marcia@office.test")
    done = post(
        client,
        "/dashboard/register",
        "/dashboard/register",
        name="Kemar Lewis",
        country="JM",
        phone="+18765552222",
        language="en",
        returned_on="2026-11-20",
    )
    assert done.status_code == 302
    [kemar] = db_rows(services, Contact, Contact.name == "Kemar Lewis")
    assert kemar.registration_code and kemar.registration_code.startswith("JM")
    assert kemar.caseworker_id is not None and kemar.consent == "unknown"
    other = post(client, "/dashboard/register", "/dashboard/register", name="Jean Pierre",
                 country="HT")  # fmt: skip
    assert other.status_code == 400 and "not one of your offices" in other.get_data(as_text=True)


def test_a_csv_import_registers_the_good_rows_and_names_the_bad_ones(world: Any) -> None:
    services, app, _ = world
    client = sign_in(app, "marcia@office.test")
    csv_text = ("name,country,phone,language,returned_on\n"
                "Ann Reid,JM,+18765553001,en,2026-10-01\n"
                "X,JM,,,\n"
                "Bob Grant,HT,,en,\n"
                "Cy Brown,JM,not-a-phone,en,\n"
                "Di Clarke,JM,+18765553001,en,\n"
                "Ed Shaw,JM,,es,2026-13-01\n"
                "Flo Hall,JM,,,\n")  # fmt: skip
    token = token_of(client.get("/dashboard/import").get_data(as_text=True))
    reply = client.post(
        "/dashboard/import",
        data={"csrf_token": token, "file": (io.BytesIO(csv_text.encode()), "list.csv")},
        content_type="multipart/form-data",
    )
    page = reply.get_data(as_text=True)
    for problem in ("name: 2 to 200", "not one of your offices", "is not a phone number",
                    "already belongs to a returnee", "is not a date"):  # fmt: skip
        assert problem in page
    names = {c.name for c in db_rows(services, Contact)}
    assert {"Ann Reid", "Flo Hall"} <= names and not {"Bob Grant", "Di Clarke"} & names
    batch = client.post(
        "/dashboard/import/rows",
        json={"rows": [{"name": "Gus Lee", "country": "JM"}], "first_line": 9},
        headers={"X-CSRFToken": token},
    )
    assert batch.get_json()["results"][0]["line"] == 9 and batch.get_json()["results"][0]["ok"]


# Audit


def test_every_view_of_a_returnee_is_audited_and_only_supervisors_read_the_log(
    world: Any,
) -> None:
    services, app, ids = world
    client = sign_in(app, "marcia@office.test")
    client.get(f"/dashboard/returnees/{ids['jm']}")
    client.get(f"/dashboard/returnees/{ids['jm']}/thread.csv")
    actions = [(e.action, e.contact_id, e.office) for e in db_rows(services, AuditEntry)]
    assert ("view_returnee", ids["jm"], "JM") in actions
    assert ("export_thread", ids["jm"], "JM") in actions
    assert client.get("/dashboard/audit").status_code == 404  # a caseworker
    supervisor = sign_in(app, "desmond@office.test")
    log = supervisor.get("/dashboard/audit").get_data(as_text=True)
    assert "view_returnee" in log and "export_thread" in log


# Operator commands for staff access


def test_operators_set_a_password_add_an_office_and_issue_an_api_token(
    world: Any, database_url: str, tmp_path: Path
) -> None:
    app = world[1]
    env = {"DATABASE_URL": database_url, "RETURNEE_INSTANCE_PATH": str(tmp_path),
           "TWILIO_ACCOUNT_SID": None, "TWILIO_AUTH_TOKEN": None,
           "LOG_LEVEL": "WARNING"}  # fmt: skip
    runner = CliRunner()
    short = runner.invoke(cli, ["caseworker", "password", "--email", "nadege@office.test",
                                "--password", "short"], env=env)  # fmt: skip
    assert short.exit_code != 0 and "at least 10" in short.output
    done = runner.invoke(cli, ["caseworker", "password", "--email", "nadege@office.test",
                               "--password", "a new long password"], env=env)  # fmt: skip
    assert done.exit_code == 0, done.output
    sign_in(app, "nadege@office.test", "a new long password")
    offices = runner.invoke(cli, ["caseworker", "offices", "--email", "nadege@office.test",
                                  "--add", "jm"], env=env)  # fmt: skip
    assert "HT, JM" in offices.output
    issued = runner.invoke(cli, ["caseworker", "token", "--email", "nadege@office.test",
                                 "--name", "Primero sync"], env=env)  # fmt: skip
    token = issued.output.strip()
    assert token.startswith("rat_") and len(token) > 40
    listed = app.test_client().get("/api/v1/returnees",
                                   headers={"Authorization": f"Bearer {token}"})  # fmt: skip
    assert listed.status_code == 200
    revoked = runner.invoke(cli, ["caseworker", "revoke-tokens", "--email",
                                  "nadege@office.test"], env=env)  # fmt: skip
    assert "1 tokens revoked" in revoked.output
    again = app.test_client().get("/api/v1/returnees",
                                  headers={"Authorization": f"Bearer {token}"})  # fmt: skip
    assert again.status_code == 401

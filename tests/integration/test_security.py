"""Hardening of the dashboard and the API, on a real database: sessions revoked at sign-out and
at a password change, security headers, CSV exports safe to open in a spreadsheet, ids out of
range, the 5 MB import, NUL bytes and over-long fields, what one office learns of another, and
the demo's secret key."""

import csv
import io
import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher
from click.testing import CliRunner
from flask import Flask
from flask.sessions import SecureCookieSessionInterface
from flask.testing import FlaskClient
from sqlalchemy import update
from sqlalchemy.engine import Engine
from werkzeug.test import TestResponse

import dashboard
from bot.bootstrap import Services, bootstrap
from bot.casework import staff
from bot.casework.staff import hash_password, issue_token
from bot.config import DEMO_SECRET_KEY, load_settings
from cli.main import cli
from dashboard.auth import ID_PATTERN, LARGEST_ID
from storage.casework import Alert, Caseworker
from storage.models import Contact, InboundMessage, OutboundMessage
from storage.schedule import Milestone
from storage.staff import AuditEntry, StaffOffice
from tests.helpers import db_rows
from tests.integration.test_api import call
from tests.integration.test_dashboard import (  # noqa: F401  (world is a fixture)
    HT_RETURNEE,
    JM_RETURNEE,
    NOW,
    PASSWORD,
    crisis,
    post,
    sign_in,
    token_of,
    world,
)
from webhooks import create_app

TEMPLATES = Path(dashboard.__file__).with_name("templates")
LOCKOUT_NOTE = "Too many failed attempts in a row lock an account for 15 minutes."


@dataclass(frozen=True)
class Office:
    """The dashboard's world (Marcia and Desmond in Jamaica, Nadege in Haiti, a returnee in
    each), a crisis alert for each returnee, a milestone, and an API token of Marcia's."""

    services: Services
    app: Flask
    ids: dict[str, int]
    token: str


@pytest.fixture
def office(world: tuple[Services, Flask, dict[str, int]]) -> Office:  # noqa: F811
    services, app, ids = world
    crisis(services, JM_RETURNEE, "SM" + "a" * 32)
    crisis(services, HT_RETURNEE, "SM" + "b" * 32)
    client = sign_in(app, "marcia@office.test")
    jm_page = f"/dashboard/returnees/{ids['jm']}"
    post(client, jm_page, f"{jm_page}/milestones", kind="counselling", at="2026-12-10T14:00")
    with services.sessions.begin() as session:
        token = issue_token(session, ids["marcia"], "Primero sync", NOW)
    return Office(services, app, {**ids, "jm_alert": db_rows(services, Alert)[0].id}, token)


def browser(office: Office, signed_in: bool) -> FlaskClient:
    """Marcia's browser, signed in, or an anonymous one."""
    return sign_in(office.app, "marcia@office.test") if signed_in else office.app.test_client()


def thief_with_cookie_of(client: FlaskClient, app: Flask) -> FlaskClient:
    """Another browser holding a copy of the client's session cookie."""
    cookie = client.get_cookie("session")
    assert cookie is not None
    thief = app.test_client()
    thief.set_cookie("session", cookie.value)
    return thief


def cli_env(database_url: str, tmp_path: Path) -> dict[str, str | None]:
    return {"DATABASE_URL": database_url, "RETURNEE_INSTANCE_PATH": str(tmp_path),
            "TWILIO_ACCOUNT_SID": None, "TWILIO_AUTH_TOKEN": None,
            "LOG_LEVEL": "WARNING"}  # fmt: skip


def flash_of(reply: TestResponse) -> str:
    found = re.search(r'<p class="flash error"[^>]*>([^<]*)</p>', reply.get_data(as_text=True))
    assert found, reply.get_data(as_text=True)
    return found[1]


# 1. Sessions end at sign-out and at a password change


def sign_out(office: Office, client: FlaskClient, database_url: str, tmp_path: Path) -> None:
    assert post(client, "/dashboard/", "/dashboard/logout").status_code == 302


def change_password_by_command(
    office: Office, client: FlaskClient, database_url: str, tmp_path: Path
) -> None:
    done = CliRunner().invoke(cli, ["caseworker", "password", "--email", "marcia@office.test",
                                    "--password", "a brand new password"],
                              env=cli_env(database_url, tmp_path))  # fmt: skip
    assert done.exit_code == 0, done.output


def change_password_in_the_database(
    office: Office, client: FlaskClient, database_url: str, tmp_path: Path
) -> None:
    with office.services.sessions.begin() as session:
        person = session.get(Caseworker, office.ids["marcia"])
        assert person is not None
        person.password_hash = hash_password("a brand new password")


@pytest.mark.parametrize("revoke", [
    sign_out, change_password_by_command, change_password_in_the_database,
], ids=["sign-out", "returnee caseworker password", "any other password change"])  # fmt: skip
def test_a_copied_session_cookie_stops_working_after_sign_out_or_a_password_change(
    office: Office, database_url: str, tmp_path: Path, revoke: Callable[..., None]
) -> None:
    client = sign_in(office.app, "marcia@office.test")
    thief = thief_with_cookie_of(client, office.app)
    assert thief.get("/dashboard/").status_code == 200
    revoke(office, client, database_url, tmp_path)
    for browser in (thief, client):
        reply = browser.get(f"/dashboard/returnees/{office.ids['jm']}")
        assert reply.status_code == 302 and "/dashboard/login" in reply.headers["Location"]


def test_signing_out_ends_every_session_of_the_caseworker_but_not_of_others(
    office: Office,
) -> None:
    laptop, phone = (sign_in(office.app, "marcia@office.test") for _ in range(2))
    colleague = sign_in(office.app, "desmond@office.test")
    post(laptop, "/dashboard/", "/dashboard/logout")
    assert phone.get("/dashboard/").status_code == 302
    assert colleague.get("/dashboard/").status_code == 200
    assert sign_in(office.app, "marcia@office.test").get("/dashboard/").status_code == 200


def test_a_password_rehashed_at_sign_in_keeps_the_other_sessions(office: Office) -> None:
    first = sign_in(office.app, "marcia@office.test")
    with office.services.sessions.begin() as session:  # hashed before the hasher's upgrade
        session.execute(update(Caseworker).where(Caseworker.id == office.ids["marcia"]).values(
            password_hash=PasswordHasher(time_cost=1).hash(PASSWORD)))  # fmt: skip
    second = sign_in(office.app, "marcia@office.test")  # the same password, hashed anew
    assert db_rows(office.services, Caseworker, Caseworker.id == office.ids["marcia"])[
        0].password_hash.startswith("$argon2id$v=19$m=65536,t=3")  # fmt: skip
    assert first.get("/dashboard/").status_code == 200
    assert second.get("/dashboard/").status_code == 200


# 2. Security headers

RESPONSES = [  # who asks, method, path (a page, JSON, a CSV export, an error), status
    (None, "GET", "/dashboard/login", 200),
    (None, "GET", "/dashboard/", 302),
    ("marcia", "GET", "/dashboard/", 200),
    ("marcia", "GET", "/dashboard/returnees?q=returnee", 200),
    ("marcia", "GET", "/dashboard/returnees/{jm}", 200),
    ("marcia", "GET", "/dashboard/returnees/{jm}/thread.csv", 200),
    ("marcia", "GET", "/dashboard/returnees/{jm}/version", 200),
    ("marcia", "GET", "/dashboard/returnees/{ht}", 404),
    ("marcia", "GET", "/dashboard/no-such-page", 404),
    ("marcia", "POST", "/dashboard/returnees/{jm}/reply", 400),  # no CSRF token
    ("marcia", "GET", "/dashboard/import", 200),
    ("token", "GET", "/api/v1/returnees", 200),
    ("token", "GET", "/api/v1/returnees/{ht}", 404),
    (None, "GET", "/api/v1/alerts", 401),
    (None, "GET", "/api/v1/openapi.yaml", 200),
]  # fmt: skip


@pytest.mark.parametrize(("who", "method", "path", "status"), RESPONSES)
def test_every_dashboard_and_api_answer_forbids_framing_sniffing_caching_and_inline_script(
    office: Office, who: str | None, method: str, path: str, status: int
) -> None:
    client = browser(office, who == "marcia")
    headers = {"Accept": "text/html"}
    if who == "token":
        headers["Authorization"] = f"Bearer {office.token}"
    reply = client.open(path.format(**office.ids), method=method, headers=headers)
    assert reply.status_code == status
    assert reply.headers["X-Frame-Options"] == "DENY"
    assert reply.headers["X-Content-Type-Options"] == "nosniff"
    assert reply.headers["Referrer-Policy"] in ("no-referrer", "same-origin")
    assert "no-store" in reply.headers["Cache-Control"]
    policy = dict(d.strip().partition(" ")[::2] for d in reply.headers["Content-Security-Policy"]
                  .split(";") if d.strip())  # fmt: skip
    assert policy["default-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'" and policy["form-action"] == "'self'"
    assert "unsafe-inline" not in reply.headers["Content-Security-Policy"]


@pytest.mark.parametrize("template", sorted(p.name for p in TEMPLATES.glob("*.html")))
def test_no_template_has_inline_script_or_style_the_policy_would_block(template: str) -> None:
    text = (TEMPLATES / template).read_text(encoding="utf-8")
    assert all("src=" in tag for tag in re.findall(r"<script[^>]*>", text))
    assert not re.search(r"\son[a-z]+\s*=|javascript:|<style|\sstyle\s*=", text, re.IGNORECASE)


def test_the_dashboards_script_and_stylesheet_are_served_from_the_site_itself(
    office: Office,
) -> None:
    page = sign_in(office.app, "marcia@office.test").get("/dashboard/").get_data(as_text=True)
    sources = re.findall(r'<(?:script|link)[^>]*(?:src|href)="([^"]+)"', page)
    assert sources and all(s.startswith("/dashboard/static/") for s in sources)
    asset = office.app.test_client().get(sources[0])
    assert asset.status_code == 200 and asset.headers["X-Content-Type-Options"] == "nosniff"


# 3. A thread exported as CSV cannot run formulas in a spreadsheet


@pytest.mark.parametrize(("said", "cell"), [
    ('=HYPERLINK("http://x","click")', '\'=HYPERLINK("http://x","click")'),
    ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
    ("-2+3", "'-2+3"),
    ("@SUM(1+1)*cmd|' /C calc'!A0", "'@SUM(1+1)*cmd|' /C calc'!A0"),
    ("\t=1+1", "'\t=1+1"),
    ("\r=1+1", "'\r=1+1"),
    ("I need help = now", "I need help = now"),
    ("2+2", "2+2"),
])  # fmt: skip
def test_a_message_that_looks_like_a_formula_is_exported_as_text(
    office: Office, said: str, cell: str
) -> None:
    with office.services.sessions.begin() as session:
        session.add(InboundMessage(message_sid="SM" + "f" * 32, channel="sms",
                                   from_e164=JM_RETURNEE, to_address="+18765550000", body=said,
                                   contact_id=office.ids["jm"], received_at=NOW))  # fmt: skip
    client = sign_in(office.app, "marcia@office.test")
    export = client.get(f"/dashboard/returnees/{office.ids['jm']}/thread.csv")
    rows = list(csv.reader(io.StringIO(export.get_data(as_text=True), newline="")))
    assert rows[0] == ["at_utc", "direction", "channel", "number", "status", "body"]
    assert cell in [row[5] for row in rows[1:]]
    assert all(not row[3].startswith("+") for row in rows[1:])  # +1876... is no formula either
    assert all(not value.startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows[1:]
               for value in row)  # fmt: skip


# 4. Ids that cannot exist are not found

BAD_IDS = ["2147483648", "99999999999999999999999", "-1", "0"]
DASHBOARD_ID_ROUTES = [
    ("GET", "/dashboard/returnees/{}"), ("GET", "/dashboard/returnees/{}/version"),
    ("GET", "/dashboard/returnees/{}/thread.csv"), ("POST", "/dashboard/returnees/{}/reply"),
    ("POST", "/dashboard/returnees/{}/name"), ("POST", "/dashboard/returnees/{}/take-over"),
    ("POST", "/dashboard/returnees/{}/milestones"), ("POST", "/dashboard/milestones/{}"),
    ("POST", "/dashboard/alerts/{}/acknowledge"), ("POST", "/dashboard/alerts/{}/resolve"),
]  # fmt: skip


def caseworker_messages(office: Office) -> list[OutboundMessage]:
    return db_rows(office.services, OutboundMessage,
                   OutboundMessage.purpose == "caseworker_message")  # fmt: skip


@pytest.mark.parametrize(("method", "route"), DASHBOARD_ID_ROUTES)
def test_a_dashboard_id_out_of_range_is_not_found(office: Office, method: str, route: str) -> None:
    client = sign_in(office.app, "marcia@office.test")
    token = token_of(client.get("/dashboard/").get_data(as_text=True))
    form = {"csrf_token": token, "body": "hi", "name": "Ann", "note": "done", "action": "done",
            "kind": "counselling", "at": "2026-12-10T14:00"}  # fmt: skip
    for bad_id in BAD_IDS:
        assert client.open(route.format(bad_id), method=method, data=form).status_code == 404
    assert caseworker_messages(office) == []


API_ID_ROUTES = [
    ("GET", "/returnees/{}"), ("GET", "/returnees/{}/messages"),
    ("GET", "/returnees/{}/milestones"), ("POST", "/returnees/{}/milestones"),
    ("POST", "/alerts/{}/acknowledge"), ("GET", "/milestones/{}"),
    ("PATCH", "/milestones/{}"), ("DELETE", "/milestones/{}"),
]  # fmt: skip


@pytest.mark.parametrize(("method", "route"), API_ID_ROUTES)
def test_an_api_id_out_of_range_is_not_found_in_json(
    office: Office, method: str, route: str
) -> None:
    body = {"kind": "counselling", "at": "2026-12-20T10:00"} if method == "POST" else None
    body = {"status": "done"} if method == "PATCH" else body
    bearer = {"Authorization": f"Bearer {office.token}"}
    for bad_id in BAD_IDS:
        reply = office.app.test_client().open(f"/api/v1{route.format(bad_id)}", method=method,
                                              json=body, headers=bearer)  # fmt: skip
        assert reply.status_code == 404
        assert reply.json is not None and reply.json["error"].startswith("no ")


def test_the_id_pattern_takes_exactly_the_numbers_postgresql_can_hold() -> None:
    limit = str(LARGEST_ID)
    edges = {int(limit[:i] + fill * (10 - i)) for i in range(11) for fill in "09"}
    candidates = {n + d for n in edges | {10**k for k in range(12)} for d in range(-2, 3)}
    for n in sorted(c for c in candidates if c >= 0):
        assert bool(re.fullmatch(ID_PATTERN, str(n))) == (1 <= n <= LARGEST_ID), n
    assert not re.fullmatch(ID_PATTERN, "007")


def test_the_largest_possible_id_is_looked_up_and_simply_not_found(office: Office) -> None:
    response = call(office.app.test_client(), "GET", f"/returnees/{LARGEST_ID}", office.token)
    assert response.status_code == 404 and response.json == {"error": f"no returnee {LARGEST_ID}"}
    client = sign_in(office.app, "marcia@office.test")
    assert client.get(f"/dashboard/returnees/{LARGEST_ID}").status_code == 404


@pytest.mark.parametrize("first_line", [LARGEST_ID + 1, -5, 0, "2", 2.5, True])
def test_an_import_batch_with_an_impossible_first_line_is_refused_naming_it(
    office: Office, first_line: Any
) -> None:
    client = sign_in(office.app, "marcia@office.test")
    token = token_of(client.get("/dashboard/import").get_data(as_text=True))
    reply = client.post("/dashboard/import/rows", headers={"X-CSRFToken": token},
                        json={"rows": [{"name": "Gus Lee", "country": "JM"}],
                              "first_line": first_line})  # fmt: skip
    assert reply.status_code == 400 and "first_line" in reply.get_data(as_text=True)
    assert db_rows(office.services, Contact, Contact.name == "Gus Lee") == []


# 5. The no-JavaScript import takes the documented 5 MB, and only there


def registration_list(size: int, rows: int = 40) -> bytes:
    """A CSV of `rows` registrations, padded to about `size` bytes with a notes column."""
    note = "n" * (size // rows)
    lines = ["name,country,phone,language,returned_on,notes"]
    lines += [f"Returnee Number{i},JM,,en,2026-11-01,{note}" for i in range(rows)]
    return "\n".join(lines).encode()


def upload_csv(client: FlaskClient, path: str, token: str, upload: bytes) -> TestResponse:
    """Post a file as the import form does without JavaScript (with a reply body too)."""
    return client.post(path, content_type="multipart/form-data",
                       data={"csrf_token": token, "body": "hi",
                             "file": (io.BytesIO(upload), "list.csv")})  # fmt: skip


def test_a_one_megabyte_csv_posted_without_javascript_is_imported(office: Office) -> None:
    client = sign_in(office.app, "marcia@office.test")
    token = token_of(client.get("/dashboard/import").get_data(as_text=True))
    upload = registration_list(1024 * 1024)
    assert len(upload) > 1024 * 1024
    reply = upload_csv(client, "/dashboard/import", token, upload)
    assert reply.status_code == 200, reply.get_data(as_text=True)[:300]
    assert reply.get_data(as_text=True).count("registered, code JM") == 40
    assert len(db_rows(office.services, Contact, Contact.name.like("Returnee Number%"))) == 40


@pytest.mark.parametrize(("path", "size", "status"), [
    ("/dashboard/import", 6 * 1024 * 1024, 413),  # over the documented 5 MB
    ("/dashboard/returnees/{jm}/reply", 1024 * 1024, 413),  # every other form stays small
    ("/dashboard/login", 1024 * 1024, 413),
])  # fmt: skip
def test_a_large_upload_is_refused_beyond_its_routes_limit(
    office: Office, path: str, size: int, status: int
) -> None:
    client = sign_in(office.app, "marcia@office.test")
    token = token_of(client.get("/dashboard/import").get_data(as_text=True))
    reply = upload_csv(client, path.format(**office.ids), token, registration_list(size))
    assert reply.status_code == status
    assert caseworker_messages(office) == []


def test_a_csv_with_a_field_too_big_to_read_is_refused_not_an_error(office: Office) -> None:
    client = sign_in(office.app, "marcia@office.test")
    token = token_of(client.get("/dashboard/import").get_data(as_text=True))
    upload = b"name,country\n" + b"A" * (1024 * 1024) + b",JM\n"
    assert upload_csv(client, "/dashboard/import", token, upload).status_code == 400


# 6. NUL bytes and over-long fields

NUL_ON_PAGES = [  # signed in?, method, path, the form (or query, or JSON), the field named
    (False, "POST", "/dashboard/login", {"email": "marcia\x00@office.test", "password": "x"},
     "email"),
    (False, "POST", "/dashboard/login", {"email": "marcia@office.test", "password": PASSWORD},
     "next"),
    (True, "GET", "/dashboard/returnees", {"q": "ret\x00urnee"}, "q"),
    (True, "POST", "/dashboard/register", {"name": "Kemar\x00 Lewis", "country": "JM"}, "name"),
    (True, "POST", "/dashboard/returnees/{jm}/milestones",
     {"kind": "counselling", "at": "2026-12-10T14:00", "place": "Kingston\x00 Hub"}, "place"),
    (True, "POST", "/dashboard/milestones/{jm_milestone}",
     {"action": "move", "at": "2026-12-11T14:00", "place": "Hub\x00"}, "place"),
    (True, "POST", "/dashboard/alerts/{jm_alert}/resolve", {"note": "called\x00 her"}, "note"),
    (True, "POST", "/dashboard/returnees/{jm}/reply", {"body": "hello\x00"}, "body"),
    (True, "POST", "/dashboard/returnees/{jm}/reply", {"body": "hello", "nonce": "n\x00"},
     "nonce"),
    (True, "POST", "/dashboard/returnees/{jm}/name", {"name": "Ann\x00"}, "name"),
    (True, "POST", "/dashboard/import/rows",
     {"rows": [{"name": "Gus\x00 Lee", "country": "JM"}], "first_line": 2}, "name"),
]  # fmt: skip


@pytest.mark.parametrize(("signed", "method", "path", "fields", "field"), NUL_ON_PAGES)
def test_a_nul_byte_in_a_dashboard_field_is_refused_naming_the_field(
    office: Office, signed: bool, method: str, path: str, fields: dict[str, Any], field: str
) -> None:
    client = browser(office, signed)
    token = token_of(client.get("/dashboard/login" if not signed else "/dashboard/import")
                     .get_data(as_text=True))  # fmt: skip
    url = path.format(jm_milestone=db_rows(office.services, Milestone)[0].id, **office.ids)
    if field == "next":
        url += "?next=/dashboard/%00"
    if method == "GET":
        reply = client.get(url, query_string=fields)
    elif "rows" in fields:
        reply = client.post(url, json=fields, headers={"X-CSRFToken": token})
    else:
        reply = client.post(url, data={"csrf_token": token, **fields})
    assert reply.status_code == 400
    assert f"{field}: contains a NUL character" in reply.get_data(as_text=True)
    assert caseworker_messages(office) == []
    assert all("\x00" not in (c.name or "") for c in db_rows(office.services, Contact))


def test_a_nul_byte_in_an_imported_csv_names_the_row_and_field(office: Office) -> None:
    client = sign_in(office.app, "marcia@office.test")
    token = token_of(client.get("/dashboard/import").get_data(as_text=True))
    upload = "name,country,phone\nAnn Reid,JM,\nBo\x00b Grant,JM,\nCy Brown,JM,+1876555\x003001\n"
    reply = upload_csv(client, "/dashboard/import", token, upload.encode())
    page = reply.get_data(as_text=True)
    assert reply.status_code == 200
    assert "name: contains a NUL character" in page and "phone: contains a NUL character" in page
    assert {c.name for c in db_rows(office.services, Contact)} == {
        "jm returnee", "ht returnee", "Ann Reid"}  # fmt: skip


NUL_IN_THE_API = [  # method, path, query, JSON body, the field named
    ("GET", "/returnees", {"q": "Mar\x00cia"}, None, "q"),
    ("GET", "/alerts", {"page\x00": "1"}, None, "page\\x00"),
    ("POST", "/returnees/{jm}/milestones", None,
     {"kind": "counselling", "at": "2026-12-20T10:00", "place": "Hub\x00"}, "place"),
    ("POST", "/returnees/{jm}/milestones", None,
     {"kind": "counsel\x00ling", "at": "2026-12-20T10:00"}, "kind"),
    ("POST", "/returnees/{jm}/milestones", None, {"kind": "counselling", "at": "2026-12-20\x00"},
     "at"),
    ("PATCH", "/milestones/{jm_milestone}", None, {"place": "\x00"}, "place"),
    ("PATCH", "/milestones/{jm_milestone}", None, {"status": "done\x00"}, "status"),
]  # fmt: skip


@pytest.mark.parametrize(("method", "path", "query", "body", "field"), NUL_IN_THE_API)
def test_a_nul_byte_in_an_api_request_is_refused_naming_the_field(
    office: Office, method: str, path: str, query: dict[str, str] | None,
    body: dict[str, str] | None, field: str,
) -> None:  # fmt: skip
    milestone = db_rows(office.services, Milestone)[0]
    url = path.format(jm_milestone=milestone.id, **office.ids)
    reply = call(office.app.test_client(), method, url, office.token, query_string=query,
                 json=body)  # fmt: skip
    assert reply.status_code == 400
    assert reply.json is not None and reply.json["field"] == field
    assert len(db_rows(office.services, Milestone)) == 1
    assert db_rows(office.services, Milestone)[0].place == milestone.place


LONG = "x" * 5000
OVER_LONG = [  # signed in?, method, path, form or query, status: refused naming it, or bounded
    (False, "POST", "/dashboard/login", {"email": LONG + "@office.test", "password": LONG}, 401),
    (True, "GET", "/dashboard/returnees", {"q": LONG}, 200),
    (True, "POST", "/dashboard/register", {"name": "Kemar " + LONG, "country": "JM"}, 400),
    (True, "POST", "/dashboard/register", {"name": "Kemar Lewis", "country": "JM",
                                           "phone": "+1876" + "5" * 300}, 400),
    (True, "POST", "/dashboard/register", {"name": "Kemar Lewis", "country": "JM" * 50}, 400),
    (True, "POST", "/dashboard/returnees/{jm}/milestones",
     {"kind": "counselling" * 10, "at": "2026-12-10T14:00"}, 302),
    (True, "POST", "/dashboard/returnees/{jm}/milestones",
     {"kind": "counselling", "at": "2026-12-10T14:00", "place": LONG}, 302),
    (True, "POST", "/dashboard/returnees/{jm}/reply", {"body": "hi", "nonce": LONG}, 302),
    (True, "POST", "/dashboard/returnees/{jm}/name", {"name": LONG}, 302),
    (True, "POST", "/dashboard/alerts/{jm_alert}/resolve", {"note": LONG * 2}, 302),
]  # fmt: skip


@pytest.mark.parametrize(("signed", "method", "path", "fields", "status"), OVER_LONG)
def test_an_over_long_dashboard_field_is_refused_or_bounded_never_an_error(
    office: Office, signed: bool, method: str, path: str, fields: dict[str, str], status: int
) -> None:
    client = browser(office, signed)
    token = token_of(client.get("/dashboard/login" if not signed else "/dashboard/import")
                     .get_data(as_text=True))  # fmt: skip
    url = path.format(**office.ids)
    if method == "GET":
        reply = client.get(url, query_string=fields)
    else:
        reply = client.post(url, data={"csrf_token": token, **fields})
    assert reply.status_code == status
    assert len(db_rows(office.services, Milestone)) == 1
    resolved = [a.resolution_note for a in db_rows(office.services, Alert) if a.resolution_note]
    assert all(len(note) <= 2000 for note in resolved)


def test_a_forwarded_address_too_long_for_the_audit_log_is_cut_not_an_error(
    office: Office,
) -> None:
    client = office.app.test_client()
    token = token_of(client.get("/dashboard/login").get_data(as_text=True))
    reply = client.post("/dashboard/login", headers={"X-Forwarded-For": "203.0.113.9" * 20},
                        data={"email": "marcia@office.test", "password": PASSWORD,
                              "csrf_token": token})  # fmt: skip
    assert reply.status_code == 302
    login = db_rows(office.services, AuditEntry, AuditEntry.action == "login")[-1]
    assert login.ip == ("203.0.113.9" * 20)[:64]


@pytest.mark.parametrize(("query", "body", "field"), [
    ({"q": LONG}, None, None),
    (None, {"kind": "counselling", "at": "2026-12-20T10:00", "place": LONG}, "place"),
    (None, {"kind": LONG, "at": "2026-12-20T10:00"}, "kind"),
    (None, {"kind": "counselling", "at": LONG}, "at"),
])  # fmt: skip
def test_an_over_long_api_field_is_refused_naming_it_or_bounded(
    office: Office, query: dict[str, str] | None, body: dict[str, str] | None,
    field: str | None,
) -> None:  # fmt: skip
    method, path = ("GET", "/returnees") if body is None else (
        "POST", f"/returnees/{office.ids['jm']}/milestones")  # fmt: skip
    reply = call(office.app.test_client(), method, path, office.token, query_string=query,
                 json=body)  # fmt: skip
    assert reply.json is not None
    assert reply.status_code == (400 if field else 200 if method == "GET" else 201)
    assert reply.json.get("field") == field


# 7. What one office learns of another


def test_a_supervisor_reads_only_sign_ins_of_their_offices_staff_and_no_strangers_email(
    office: Office,
) -> None:
    sign_in(office.app, "nadege@office.test")  # Haiti
    stranger = office.app.test_client()
    token = token_of(stranger.get("/dashboard/login").get_data(as_text=True))
    stranger.post("/dashboard/login", data={"email": "who-is-this@elsewhere.test",
                                            "password": "guess", "csrf_token": token})  # fmt: skip
    supervisor = sign_in(office.app, "desmond@office.test")
    log = supervisor.get("/dashboard/audit").get_data(as_text=True)
    assert "Marcia" in log and "Desmond" in log  # Jamaica's own sign-ins
    assert "Nadege" not in log and "who-is-this@elsewhere.test" not in log
    assert "login_failed" not in log
    with office.services.sessions.begin() as session:
        session.add(StaffOffice(caseworker_id=office.ids["nadege"], office="JM"))
    assert "Nadege" in supervisor.get("/dashboard/audit").get_data(as_text=True)


def try_locked(client: FlaskClient, token: str) -> list[TestResponse]:
    wrong = [log_in(client, token, "marcia@office.test", "no") for _ in range(5)]
    return [*wrong, log_in(client, token, "marcia@office.test", PASSWORD)]


def try_unknown(client: FlaskClient, token: str) -> list[TestResponse]:
    return [log_in(client, token, "nobody@office.test", PASSWORD)]


def try_wrong_password(client: FlaskClient, token: str) -> list[TestResponse]:
    return [log_in(client, token, "desmond@office.test", "wrong")]


def try_the_fifth_wrong_password(client: FlaskClient, token: str) -> list[TestResponse]:
    return [log_in(client, token, "desmond@office.test", "wrong") for _ in range(5)]


def log_in(client: FlaskClient, token: str, email: str, password: str) -> TestResponse:
    return client.post("/dashboard/login", data={"email": email, "password": password,
                                                 "csrf_token": token})  # fmt: skip


@pytest.mark.parametrize("attempt", [
    try_locked, try_unknown, try_wrong_password, try_the_fifth_wrong_password,
], ids=["locked account", "unknown email", "wrong password", "the failure that locks"])  # fmt: skip
def test_a_locked_account_is_answered_like_an_unknown_email_and_checks_a_password_as_long(
    office: Office, monkeypatch: pytest.MonkeyPatch,
    attempt: Callable[[FlaskClient, str], list[TestResponse]],
) -> None:  # fmt: skip
    client = office.app.test_client()
    token = token_of(client.get("/dashboard/login").get_data(as_text=True))
    checks: list[str] = []
    real = staff._verify

    def counted(stored: str, password: str) -> bool:
        checks.append(password)
        return real(stored, password)

    monkeypatch.setattr(staff, "_verify", counted)
    replies = attempt(client, token)
    assert len(checks) == len(replies)  # every attempt checks one password, however it ends
    assert {r.status_code for r in replies} == {401}
    assert flash_of(replies[-1]) == "Wrong email or password."
    assert LOCKOUT_NOTE in replies[-1].get_data(as_text=True)  # whatever the email, locked or not


@pytest.mark.parametrize(("number", "answer"), [
    (HT_RETURNEE, "phone: {} is not available"),  # another office's returnee
    ("+18765559000", "phone: {} is not available"),  # a caseworker's phone (Marcia's)
    (JM_RETURNEE, "phone: {} already belongs to a returnee"),  # one of Marcia's own returnees
])  # fmt: skip
def test_a_number_of_another_office_is_answered_like_any_unavailable_number(
    office: Office, number: str, answer: str
) -> None:
    client = sign_in(office.app, "marcia@office.test")
    reply = post(client, "/dashboard/register", "/dashboard/register", name="Kemar Lewis",
                 country="JM", phone=number)  # fmt: skip
    assert reply.status_code == 400 and flash_of(reply) == answer.format(number)
    assert db_rows(office.services, Contact, Contact.name == "Kemar Lewis") == []


# 8. The demo's secret key


def demo_app(database_url: str, folder: Path) -> Flask:
    services = bootstrap(load_settings({"DATABASE_URL": database_url}, instance_path=folder))
    assert services.settings.secret_key == DEMO_SECRET_KEY
    return create_app(services, {"TESTING": True})


def test_each_demo_instance_has_its_own_secret_key_kept_across_restarts(
    database_url: str, engine: Engine, tmp_path: Path
) -> None:
    first, second = demo_app(database_url, tmp_path / "a"), demo_app(database_url, tmp_path / "b")
    keys = {first.secret_key, second.secret_key}
    assert len(keys) == 2 and DEMO_SECRET_KEY not in keys
    assert demo_app(database_url, tmp_path / "a").secret_key == first.secret_key  # a restart
    kept = tmp_path / "a" / "secret_key"
    assert stat.S_IMODE(os.stat(kept).st_mode) == 0o600


def test_a_session_cookie_signed_with_the_demo_constant_is_refused(
    database_url: str, engine: Engine, tmp_path: Path
) -> None:
    app = demo_app(database_url, tmp_path)
    with app.extensions["services"].sessions.begin() as session:
        person = Caseworker(name="Ana", phone="+18765559100", email="ana@office.test",
                            office="JM", role="admin", created_at=NOW,
                            password_hash=hash_password(PASSWORD))  # fmt: skip
        session.add(person)
        session.flush()
        forged = {"staff_id": person.id, "since": NOW.isoformat(),
                  "session_version": person.session_version}  # fmt: skip
    signer = Flask("forger")
    signer.secret_key = DEMO_SECRET_KEY
    serializer = SecureCookieSessionInterface().get_signing_serializer(signer)
    assert serializer is not None
    client = app.test_client()
    client.set_cookie("session", serializer.dumps(forged))
    app.config["NOW"] = NOW + timedelta(minutes=1)
    reply = client.get("/dashboard/audit")
    assert reply.status_code == 302 and "/dashboard/login" in reply.headers["Location"]
    assert sign_in(app, "ana@office.test").get("/dashboard/audit").status_code == 200


def test_the_simulator_page_keeps_its_own_script_and_is_not_given_the_dashboards_policy(
    database_url: str, engine: Engine, tmp_path: Path
) -> None:
    client = demo_app(database_url, tmp_path).test_client()
    page = client.get("/simulator/")
    assert page.status_code == 200 and "<script>" in page.get_data(as_text=True)
    assert "Content-Security-Policy" not in page.headers
    assert "Content-Security-Policy" in client.get("/dashboard/login").headers

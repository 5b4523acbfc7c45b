"""The partner directory and referrals through the API and the dashboard on a real database:
checked against dashboard/openapi.yaml, office-scoped, audited, and bad input answered 4xx
(never 500): NUL bytes, overlong strings, huge ids, wrong transitions."""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import update

from bot.bootstrap import Services
from bot.casework.staff import hash_password, issue_token
from storage import repositories as repo
from storage.casework import Caseworker
from storage.models import OutboundMessage
from storage.reintegration import Partner, Referral, ReferralEvent
from storage.staff import AuditEntry
from tests.helpers import db_rows
from tests.integration.test_api import call
from tests.integration.test_dashboard import post
from tests.integration.test_dashboard import sign_in as dashboard_sign_in
from webhooks import create_app

NOW = datetime(2026, 12, 2, 15, 0, tzinfo=UTC)
PASSWORD = "correct horse battery"
PARTNER = {"name": "Bay Help", "kind": "ngo", "country": "JM", "services": ["counselling"],
           "phone": "876 555 0199", "areas": ["St. James"]}  # fmt: skip


@dataclass(frozen=True)
class World:
    boss: str  # a JM supervisor's token
    worker: str  # a JM caseworker's token
    haiti: str  # an HT caseworker's token
    jm: int
    ht: int


@pytest.fixture
def app(services: Services) -> Flask:
    return create_app(services, {"TESTING": True, "NOW": NOW})


def person(services: Services, name: str, office: str, role: str, phone: str) -> str:
    with services.sessions.begin() as session:
        row = Caseworker(name=name, phone=phone, email=f"{name}@o.test",
                         office=office, role=role, on_call=True, language="en", created_at=NOW,
                         password_hash=hash_password(PASSWORD))  # fmt: skip
        session.add(row)
        session.flush()
        return issue_token(session, row.id, "sync", NOW)


def returnee(services: Services, e164: str, country: str) -> int:
    with services.sessions.begin() as session:
        contact = repo.add_contact_with_number(session, e164, "en", "sms", NOW).contact
        contact.name, contact.country, contact.consent = f"{country} returnee", country, "given"
        return contact.id


@pytest.fixture
def world(services: Services) -> World:
    return World(
        person(services, "desmond", "JM", "supervisor", "+18765559001"),
        person(services, "marcia", "JM", "caseworker", "+18765559002"),
        person(services, "nadege", "HT", "caseworker", "+50937009003"),
        returnee(services, "+18765551001", "JM"),
        returnee(services, "+50937001001", "HT"),
    )


def new_partner(client: FlaskClient, world: World, **fields: Any) -> int:
    response = call(client, "POST", "/partners", world.boss, json={**PARTNER, **fields})
    assert response.status_code == 201, response.json
    return int(response.json["id"])  # type: ignore[index]


def test_a_supervisor_adds_verifies_and_lists_partners(client: FlaskClient, world: World) -> None:
    partner_id = new_partner(client, world)
    changed = call(client, "PATCH", f"/partners/{partner_id}", world.boss,
                   json={"verified": True, "hours": "Mon-Fri 9-3"})  # fmt: skip
    assert changed.status_code == 200 and changed.json["verified"] is True  # type: ignore[index]
    listed = call(client, "GET", "/partners?country=JM&service=counselling", world.worker)
    [found] = listed.json["partners"]  # type: ignore[index]
    assert (found["name"], found["phone"], found["hours"]) == ("Bay Help", "+1 876-555-0199",
                                                               "Mon-Fri 9-3")  # fmt: skip
    assert call(client, "GET", "/partners", world.haiti).json == {"partners": []}


def test_a_caseworker_may_not_change_the_directory(client: FlaskClient, world: World) -> None:
    response = call(client, "POST", "/partners", world.worker, json=PARTNER)
    assert response.status_code == 403


@pytest.mark.parametrize(("body", "field"), [
    ({**PARTNER, "name": "B\x00"}, "name"), ({**PARTNER, "name": "x" * 5000}, "name"),
    ({**PARTNER, "kind": "club"}, "kind"), ({**PARTNER, "country": "HT"}, "country"),
    ({**PARTNER, "email": "nope"}, "email"), ({**PARTNER, "color": "red"}, "color"),
])  # fmt: skip
def test_a_bad_partner_is_answered_400_naming_the_field(
    client: FlaskClient, world: World, body: dict[str, Any], field: str
) -> None:
    response = call(client, "POST", "/partners", world.boss, json=body)
    assert response.status_code == 400 and response.json["field"] == field  # type: ignore[index]


def test_a_referral_made_moved_and_refused_a_wrong_move(
    client: FlaskClient, world: World, services: Services
) -> None:
    partner_id = new_partner(client, world)
    made = call(client, "POST", f"/returnees/{world.jm}/referrals", world.worker,
                json={"partner_id": partner_id, "service": "counselling",
                      "note": "evenings"})  # fmt: skip
    assert made.status_code == 201
    body = made.json
    assert body is not None and (body["status"], body["sms"], body["stale"]) == (
        "made",
        "queued",
        False,
    )
    referral_id = body["id"]
    moved = call(client, "PATCH", f"/referrals/{referral_id}", world.worker,
                 json={"status": "completed", "outcome": "six sessions"})  # fmt: skip
    assert moved.status_code == 200 and moved.json["next"] == []  # type: ignore[index]
    wrong = call(client, "PATCH", f"/referrals/{referral_id}", world.worker,
                 json={"status": "contacted"})  # fmt: skip
    assert wrong.status_code == 409
    assert "completed cannot become contacted" in wrong.json["error"]  # type: ignore[index]
    one = call(client, "GET", f"/referrals/{referral_id}", world.worker).json
    assert one is not None and [e["status"] for e in one["events"]] == ["made", "completed"]
    [sms] = db_rows(services, OutboundMessage, OutboundMessage.purpose == "referral_made")
    assert "Bay Help" in sms.body
    actions = [e.action for e in db_rows(services, AuditEntry) if e.channel == "api"]
    assert {"referral_made", "referral_completed", "view_referral"} <= set(actions)


def test_referrals_are_office_scoped(client: FlaskClient, world: World) -> None:
    partner_id = new_partner(client, world)
    other = call(client, "POST", f"/returnees/{world.ht}/referrals", world.worker,
                 json={"partner_id": partner_id, "service": "counselling"})  # fmt: skip
    assert other.status_code == 404
    theirs = call(client, "POST", f"/returnees/{world.ht}/referrals", world.haiti,
                  json={"partner_id": partner_id, "service": "counselling"})  # fmt: skip
    assert theirs.status_code == 400 and theirs.json["field"] == "partner_id"  # type: ignore[index]


@pytest.mark.parametrize(("method", "path", "body", "status"), [
    ("GET", "/referrals/99999999999999999999", None, 404),
    ("PATCH", "/referrals/2147483647", {"status": "contacted"}, 404),
    ("GET", "/partners/0", None, 404),
    ("POST", "/returnees/{jm}/referrals", {"partner_id": 10**30, "service": "x"}, 400),
    ("POST", "/returnees/{jm}/referrals", {"partner_id": "1\x00", "service": "x"}, 400),
    ("POST", "/returnees/{jm}/referrals", ["not", "an", "object"], 400),
    ("GET", "/referrals?status=" + "x" * 100, None, 400),
])  # fmt: skip
def test_bad_input_is_never_a_server_error(
    client: FlaskClient, world: World, method: str, path: str, body: Any, status: int
) -> None:
    kwargs = {} if body is None else {"json": body}
    response = call(client, method, path.format(jm=world.jm), world.worker, **kwargs)
    assert response.status_code == status


def test_an_overlong_note_is_refused_and_changes_nothing(
    client: FlaskClient, world: World, services: Services
) -> None:
    partner_id = new_partner(client, world)
    response = call(client, "POST", f"/returnees/{world.jm}/referrals", world.worker,
                    json={"partner_id": partner_id, "service": "counselling",
                          "note": "n" * 2001})  # fmt: skip
    assert response.status_code == 400 and db_rows(services, Referral) == []


def test_a_referral_without_updates_for_the_stale_days_is_flagged(
    client: FlaskClient, world: World, services: Services
) -> None:
    partner_id = new_partner(client, world)
    call(client, "POST", f"/returnees/{world.jm}/referrals", world.worker,
         json={"partner_id": partner_id, "service": "counselling"})  # fmt: skip
    assert call(client, "GET", "/referrals?stale=1", world.worker).json == {"referrals": []}
    with services.sessions.begin() as session:
        session.execute(update(Referral).values(updated_at=NOW - timedelta(days=21)))
    [stale] = call(client, "GET", "/referrals?stale=1", world.worker).json["referrals"]  # type: ignore[index]
    assert stale["stale"] is True
    listed = call(client, "GET", f"/returnees/{world.jm}/referrals", world.worker).json
    assert listed is not None and listed["referrals"][0]["stale"] is True


# The dashboard


def sign_in(app: Flask, email: str) -> FlaskClient:
    return dashboard_sign_in(app, email, PASSWORD)


def test_on_the_dashboard_a_supervisor_adds_a_partner_and_a_caseworker_refers(
    app: Flask, world: World, services: Services
) -> None:
    boss = sign_in(app, "desmond@o.test")
    added = post(boss, "/dashboard/partners", "/dashboard/partners", name="Bay Help",
                      kind="ngo", country="JM", services="counselling", phone="876 555 0199",
                      areas="St. James, Montego Bay")  # fmt: skip
    assert added.status_code == 302
    worker = sign_in(app, "marcia@o.test")
    listing = worker.get("/dashboard/partners").get_data(as_text=True)
    assert "Bay Help" in listing and "Add a partner" not in listing
    page = f"/dashboard/returnees/{world.jm}"
    assert 'id="new-referral"' in worker.get(page).get_data(as_text=True)
    [partner_id] = [p.id for p in db_rows(services, Partner)]
    made = post(worker, page, f"/dashboard/returnees/{world.jm}/referrals",
                partner_id=str(partner_id), service="counselling", note="evenings")  # fmt: skip
    assert made.status_code == 302
    [row] = db_rows(services, Referral)
    shown = worker.get(page, follow_redirects=True).get_data(as_text=True)
    assert f'id="referral-{row.id}"' in shown
    wrong = post(worker, page, f"/dashboard/referrals/{row.id}", status="made")
    assert wrong.status_code == 302
    flashed = worker.get(page).get_data(as_text=True)
    assert "A referral that is made cannot become made; it can become contacted" in flashed
    with services.sessions.begin() as session:  # the refusal in the caseworker's language
        session.execute(update(Caseworker).where(Caseworker.email == "marcia@o.test")
                        .values(language="es"))  # fmt: skip
    post(worker, page, f"/dashboard/referrals/{row.id}", status="made")
    assert "no puede pasar a made; puede pasar a contacted" in worker.get(page).get_data(
        as_text=True
    )
    with services.sessions.begin() as session:
        session.execute(update(Caseworker).where(Caseworker.email == "marcia@o.test")
                        .values(language="en"))  # fmt: skip
    post(worker, page, f"/dashboard/referrals/{row.id}", status="contacted")
    assert [e.status for e in db_rows(services, ReferralEvent)] == ["made", "contacted"]
    with services.sessions.begin() as session:
        session.execute(update(Referral).values(updated_at=NOW - timedelta(days=30)))
    stale = worker.get("/dashboard/referrals?stale=1").get_data(as_text=True)
    assert "stale-flag" in stale and "JM returnee" in stale


def test_a_caseworker_cannot_add_partners_on_the_dashboard(app: Flask, world: World) -> None:
    worker = sign_in(app, "marcia@o.test")
    refused = post(worker, "/dashboard/partners", "/dashboard/partners", name="Bay Help",
                        kind="ngo", country="JM")  # fmt: skip
    assert refused.status_code == 302
    assert "only supervisors and admins" in worker.get("/dashboard/partners").get_data(as_text=True)
    assert worker.get("/dashboard/partners/99999999999999999999").status_code == 404

"""The JSON API for partner systems on a real database: bearer tokens, office scoping,
milestones and their reminders, the audit log, and every answer checked against
dashboard/openapi.yaml."""

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from flask import Flask
from flask.testing import EnvironBuilder, FlaskClient
from openapi_core import Config, OpenAPI
from openapi_core.contrib.werkzeug import WerkzeugOpenAPIRequest, WerkzeugOpenAPIResponse
from openapi_schema_validator import OAS30Validator
from openapi_spec_validator import validate as validate_spec
from sqlalchemy import select, update
from werkzeug.test import TestResponse

import dashboard
from bot.bootstrap import Services
from bot.casework import alerts
from bot.casework.staff import issue_token
from bot.messaging import outbox
from bot.schedule.milestones import add_milestone
from storage import repositories as repo
from storage.casework import Alert, Caseworker
from storage.models import Contact, InboundMessage
from storage.schedule import Milestone
from storage.staff import ApiToken, AuditEntry
from webhooks import create_app

NOW = datetime(2026, 12, 2, 15, 0, tzinfo=UTC)  # 10:00 in Kingston and Port-au-Prince
SPEC_PATH = Path(dashboard.__file__).with_name("openapi.yaml")
SPEC_DICT = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
# The served spec is YAML: read it as such, so its schema checks the document inside.
SPEC = OpenAPI.from_dict(SPEC_DICT, config=Config(
    extra_media_type_deserializers={"application/yaml": yaml.safe_load}))  # fmt: skip
ERROR_SCHEMA = OAS30Validator(SPEC_DICT["components"]["schemas"]["Error"])
KINGSTON = "Kingston Hub, 4 Duke St"


@dataclass(frozen=True)
class World:
    """Two offices, each with a caseworker and token, a returnee, an alert and a milestone."""

    jm_token: str
    ht_token: str
    jm_caseworker: int
    jm_returnee: int
    ht_returnee: int
    jm_alert: int
    ht_alert: int
    jm_milestone: int
    ht_milestone: int


@pytest.fixture
def app(services: Services) -> Flask:
    """The web app with the clock pinned to NOW."""
    return create_app(services, {"TESTING": True, "NOW": NOW})


def add_returnee(
    services: Services, e164: str, country: str, name: str, zone: str | None = None
) -> int:
    with services.sessions.begin() as session:
        contact = repo.add_contact_with_number(session, e164, "en", "sms", NOW).contact
        contact.name, contact.country, contact.time_zone = name, country, zone
        contact.consent, contact.consent_at = "given", datetime(2026, 10, 5, 15, tzinfo=UTC)
        contact.returned_at = datetime(2026, 10, 1, tzinfo=UTC)
        return contact.id


def add_caseworker(services: Services, name: str, phone: str, office: str) -> tuple[int, str]:
    with services.sessions.begin() as session:
        person = Caseworker(name=name, phone=phone, email=f"{name.lower()}@office.test",
                            office=office, role="caseworker", on_call=True, language="en",
                            created_at=NOW)  # fmt: skip
        session.add(person)
        session.flush()
        return person.id, issue_token(session, person.id, "Primero sync", NOW)


def raise_alert(services: Services, contact_id: int, kind: str, reason: str) -> int:
    with services.sessions.begin() as session:
        contact = session.get(Contact, contact_id)
        assert contact is not None
        trigger = alerts.Trigger(contact.numbers[0].e164, contact, None, "I need to talk")
        return alerts.raise_alert(session, services.desk.alerts, kind, reason, trigger, NOW).id


def add_counselling(services: Services, contact_id: int, at: datetime) -> int:
    with services.sessions.begin() as session:
        return add_milestone(session, services.desk, contact_id, "counselling", at, KINGSTON,
                             NOW).id  # fmt: skip


@pytest.fixture
def world(services: Services) -> World:
    jm_caseworker, jm_token = add_caseworker(services, "Olive", "+18765550900", "JM")
    _, ht_token = add_caseworker(services, "Jean", "+50937000900", "HT")
    jm = add_returnee(services, "+18765551001", "JM", "Marcia Brown", "America/Jamaica")
    ht = add_returnee(services, "+50937001001", "HT", "Wilner Joseph")  # the country's zone
    return World(
        jm_token, ht_token, jm_caseworker, jm, ht,
        raise_alert(services, jm, "request_human", "asked for a person"),
        raise_alert(services, ht, "struggling", "check-in: struggling"),
        add_counselling(services, jm, datetime(2026, 12, 10, 19, 0, tzinfo=UTC)),
        add_counselling(services, ht, datetime(2026, 12, 11, 15, 0, tzinfo=UTC)),
    )  # fmt: skip


def call(
    client: FlaskClient, method: str, path: str, token: str | None = None, **kwargs: Any
) -> TestResponse:
    """Send a request to /api/v1; check the answer (status, headers, body) against the spec."""
    args = {"path": f"/api/v1{path}", "method": method, **kwargs,
            "headers": {"Authorization": f"Bearer {token}"} if token else {}}  # fmt: skip
    response = client.open(**args)
    # The app has read the request's body; the validator reads its own copy.
    request = WerkzeugOpenAPIRequest(EnvironBuilder(client.application, **args).get_request())
    SPEC.validate_response(request, WerkzeugOpenAPIResponse(response))
    if response.status_code < 400:  # what the API accepted, the spec accepts too
        SPEC.validate_request(request)
    return response


def audit_log(services: Services) -> list[tuple[str, int | None, str | None, str, str | None]]:
    """(action, returnee, office, channel, ip) of every audit entry, oldest first."""
    with services.sessions.begin() as session:
        rows = session.scalars(select(AuditEntry).order_by(AuditEntry.id))
        return [(r.action, r.contact_id, r.office, r.channel, r.ip) for r in rows]


def get_row(services: Services, model: type[Any], row_id: int) -> Any:
    with services.sessions.begin() as session:
        row = session.get(model, row_id)
        session.expunge_all()
        return row


def reminders(body: dict[str, Any]) -> list[tuple[str, str]]:
    return [(r["fire_at"], r["state"]) for r in body["reminders"]]


# The spec itself


def test_the_spec_is_valid_openapi_and_documents_every_route_and_nothing_more(app: Flask) -> None:
    validate_spec(SPEC_DICT)
    SPEC.check_spec()
    documented = {(re.sub(r"\{\w+\}", "{}", path), method.upper())
                  for path, item in SPEC_DICT["paths"].items() for method in item
                  if method != "parameters"}  # fmt: skip
    served = {(re.sub(r"<(?:\w+:)?\w+>", "{}", rule.rule.removeprefix("/api/v1")), method)
              for rule in app.url_map.iter_rules()
              if rule.endpoint.startswith(("api.", "api_plans.", "api_regional."))
              and rule.endpoint != "api.unknown"
              for method in (rule.methods or set()) - {"HEAD", "OPTIONS"}}  # fmt: skip
    assert served == documented


def test_the_spec_is_served_without_a_token(client: FlaskClient) -> None:
    response = call(client, "GET", "/openapi.yaml")
    assert response.status_code == 200
    assert response.mimetype == "application/yaml"
    assert response.get_data(as_text=True) == SPEC_PATH.read_text(encoding="utf-8")


# Tokens

EVERY_ENDPOINT = [
    ("GET", "/returnees"), ("GET", "/returnees/{jm_returnee}"),
    ("GET", "/returnees/{jm_returnee}/messages"), ("GET", "/returnees/{jm_returnee}/milestones"),
    ("POST", "/returnees/{jm_returnee}/milestones"), ("GET", "/alerts"),
    ("POST", "/alerts/{jm_alert}/acknowledge"), ("GET", "/milestones/{jm_milestone}"),
    ("PATCH", "/milestones/{jm_milestone}"), ("DELETE", "/milestones/{jm_milestone}"),
]  # fmt: skip


@pytest.mark.parametrize(("method", "path"), EVERY_ENDPOINT)
def test_every_endpoint_refuses_a_request_without_a_token(
    client: FlaskClient, world: World, services: Services, method: str, path: str
) -> None:
    response = call(client, method, path.format(**vars(world)), json={"status": "done"})
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Bearer"
    assert "Bearer" in response.json["error"]
    assert get_row(services, Alert, world.jm_alert).status == "open"
    assert get_row(services, Milestone, world.jm_milestone).status == "planned"
    assert audit_log(services) == []


def revoke(services: Services, world: World) -> str:
    with services.sessions.begin() as session:
        session.execute(update(ApiToken).values(revoked_at=NOW))
    return world.jm_token


def deactivate(services: Services, world: World) -> str:
    with services.sessions.begin() as session:
        session.execute(update(Caseworker).values(active=False))
    return world.jm_token


@pytest.mark.parametrize("spoil", [
    lambda services, world: "rat_" + "x" * 43,
    lambda services, world: world.jm_token[:-1],
    lambda services, world: "x" * 5000,
    revoke,
    deactivate,
], ids=["unknown", "truncated", "huge", "revoked", "caseworker left"])  # fmt: skip
def test_an_unknown_revoked_or_orphaned_token_is_refused(
    client: FlaskClient, world: World, services: Services, spoil: Any
) -> None:
    token = spoil(services, world)
    response = call(client, "GET", f"/returnees/{world.jm_returnee}", token)
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == 'Bearer error="invalid_token"'
    assert response.json == {"error": "the token is unknown or revoked"}
    assert audit_log(services) == []


@pytest.mark.parametrize("header", ["Basic b2xpdmU6c2VjcmV0", "Bearer", "Bearer   ", "rat_abc"])
def test_a_header_that_is_not_a_bearer_token_is_refused(
    client: FlaskClient, world: World, header: str
) -> None:
    args = {"path": "/api/v1/alerts", "headers": {"Authorization": header}}
    response = client.get(**args)
    request = WerkzeugOpenAPIRequest(EnvironBuilder(client.application, **args).get_request())
    SPEC.validate_response(request, WerkzeugOpenAPIResponse(response))
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Bearer"


def test_a_token_records_when_it_was_last_used(
    client: FlaskClient, world: World, services: Services
) -> None:
    call(client, "GET", "/alerts", world.jm_token)
    with services.sessions.begin() as session:
        used = session.scalars(select(ApiToken.last_used_at).order_by(ApiToken.id)).all()
    assert used == [NOW, None]


# Office scoping

OTHER_OFFICE = [
    ("GET", "/returnees/{ht_returnee}", None),
    ("GET", "/returnees/{ht_returnee}/messages", None),
    ("GET", "/returnees/{ht_returnee}/milestones", None),
    ("POST", "/returnees/{ht_returnee}/milestones", {"kind": "counselling",
                                                     "at": "2026-12-20T10:00"}),
    ("POST", "/alerts/{ht_alert}/acknowledge", None),
    ("GET", "/milestones/{ht_milestone}", None),
    ("PATCH", "/milestones/{ht_milestone}", {"status": "done"}),
    ("PATCH", "/milestones/{ht_milestone}", {"at": "2026-12-20T10:00"}),
    ("DELETE", "/milestones/{ht_milestone}", None),
    ("GET", "/returnees/999999", None),
    ("POST", "/alerts/999999/acknowledge", None),
    ("GET", "/milestones/999999", None),
    ("PATCH", "/milestones/999999", {"status": "done"}),
]  # fmt: skip


@pytest.mark.parametrize(("method", "path", "body"), OTHER_OFFICE)
def test_another_offices_returnee_alert_or_milestone_is_not_found_and_left_alone(
    client: FlaskClient, world: World, services: Services, method: str, path: str,
    body: dict[str, str] | None,
) -> None:  # fmt: skip
    response = call(client, method, path.format(**vars(world)), world.jm_token, json=body)
    assert response.status_code == 404
    assert response.json["error"].startswith("no ")
    assert get_row(services, Alert, world.ht_alert).status == "open"
    milestone = get_row(services, Milestone, world.ht_milestone)
    assert (milestone.status, milestone.at) == ("planned", datetime(2026, 12, 11, 15, tzinfo=UTC))
    with services.sessions.begin() as session:
        assert len(session.scalars(select(Milestone)).all()) == 2
    assert audit_log(services) == []


def test_the_same_request_works_for_the_returnees_own_office(
    client: FlaskClient, world: World
) -> None:
    response = call(client, "GET", f"/milestones/{world.ht_milestone}", world.ht_token)
    assert response.status_code == 200
    assert response.json["contact_id"] == world.ht_returnee


# Returnees


def test_a_caseworker_lists_only_their_offices_returnees(
    client: FlaskClient, world: World, services: Services
) -> None:
    response = call(client, "GET", "/returnees", world.jm_token)
    assert response.status_code == 200
    assert response.json == {"returnees": [{
        "id": world.jm_returnee, "name": "Marcia Brown", "country": "JM", "language": "en",
        "consent": "given", "registration_code": None, "paused": False,
        "numbers": [{"e164": "+18765551001", "channel": "sms", "opted_out": False}],
    }]}  # fmt: skip
    assert audit_log(services) == [("list_returnees", None, "JM", "api", "127.0.0.1")]


@pytest.mark.parametrize(("search", "found"), [
    ("marcia", True), ("Brown", True), ("5551001", True), ("Wilner", False), ("+509", False),
    ("nobody", False),
])  # fmt: skip
def test_returnees_are_searched_by_name_or_number_within_the_office(
    client: FlaskClient, world: World, search: str, found: bool
) -> None:
    response = call(client, "GET", "/returnees", world.jm_token, query_string={"q": search})
    ids = [r["id"] for r in response.json["returnees"]]
    assert ids == ([world.jm_returnee] if found else [])


def test_the_returnee_detail_is_shown_and_its_view_audited(
    client: FlaskClient, world: World, services: Services
) -> None:
    with services.sessions.begin() as session:
        contact = session.get(Contact, world.jm_returnee)
        assert contact is not None
        contact.registration_code, contact.paused_until = "K7Q2", datetime(2026, 12, 3, tzinfo=UTC)
        repo.mark_opted_out(session, "+18765551001", NOW)
    response = call(client, "GET", f"/returnees/{world.jm_returnee}", world.jm_token)
    assert response.json == {
        "id": world.jm_returnee, "name": "Marcia Brown", "country": "JM", "language": "en",
        "consent": "given", "registration_code": "K7Q2", "paused": True,
        "numbers": [{"e164": "+18765551001", "channel": "sms", "opted_out": True}],
        "returned_at": "2026-10-01T00:00:00Z", "consent_at": "2026-10-05T15:00:00Z",
        "time_zone": "America/Jamaica",
    }  # fmt: skip
    assert audit_log(services) == [("view_returnee", world.jm_returnee, "JM", "api", "127.0.0.1")]


def test_a_returnee_without_a_zone_of_their_own_has_their_countrys(
    client: FlaskClient, world: World
) -> None:
    response = call(client, "GET", f"/returnees/{world.ht_returnee}", world.ht_token)
    assert response.json["time_zone"] == "America/Port-au-Prince"


def test_the_messages_are_the_whole_thread_oldest_first_and_their_view_audited(
    client: FlaskClient, world: World, services: Services
) -> None:
    with services.sessions.begin() as session:
        session.add(InboundMessage(message_sid="SM" + "1" * 32, channel="sms",
                                   from_e164="+18765551001", to_address="+18765550000",
                                   body="I need to talk", contact_id=world.jm_returnee,
                                   received_at=datetime(2026, 12, 1, 14, tzinfo=UTC),
                                   nlu_intent="request_human"))  # fmt: skip
        outbox.enqueue(session, key="test:1", purpose="caseworker_message", to_e164="+18765551001",
                       channel="sms", body="Hello Marcia, this is Olive.", now=NOW,
                       contact_id=world.jm_returnee)  # fmt: skip
    response = call(client, "GET", f"/returnees/{world.jm_returnee}/messages", world.jm_token)
    assert response.json == {"messages": [
        {"at": "2026-12-01T14:00:00Z", "direction": "in", "body": "I need to talk",
         "channel": "sms", "number": "+18765551001", "status": "received",
         "purpose": "request_human"},
        {"at": "2026-12-02T15:00:00Z", "direction": "out", "body": "Hello Marcia, this is Olive.",
         "channel": "sms", "number": "+18765551001", "status": "pending",
         "purpose": "caseworker_message"},
    ]}  # fmt: skip
    assert audit_log(services) == [("view_thread", world.jm_returnee, "JM", "api", "127.0.0.1")]


# Alerts


def test_the_alert_queue_holds_only_the_offices_alerts(client: FlaskClient, world: World) -> None:
    response = call(client, "GET", "/alerts", world.jm_token)
    [alert] = response.json["alerts"]
    assert alert == {
        "id": world.jm_alert, "code": alert["code"], "kind": "request_human", "status": "open",
        "reason": "asked for a person", "office": "JM", "contact_id": world.jm_returnee,
        "created_at": "2026-12-02T15:00:00Z", "sla_due_at": alert["sla_due_at"],
        "acknowledged_at": None, "resolved_at": None,
    }  # fmt: skip
    assert alert["sla_due_at"] > alert["created_at"]


def test_acknowledging_an_alert_records_who_and_when_and_is_audited(
    client: FlaskClient, world: World, services: Services
) -> None:
    response = call(client, "POST", f"/alerts/{world.jm_alert}/acknowledge", world.jm_token)
    assert response.status_code == 200
    assert (response.json["status"], response.json["acknowledged_at"]) == (
        "acknowledged", "2026-12-02T15:00:00Z")  # fmt: skip
    stored = get_row(services, Alert, world.jm_alert)
    assert (stored.status, stored.acknowledged_by_id) == ("acknowledged", world.jm_caseworker)
    again = call(client, "POST", f"/alerts/{world.jm_alert}/acknowledge", world.jm_token)
    assert again.json == response.json
    assert audit_log(services) == [
        ("acknowledge_alert", world.jm_returnee, "JM", "api", "127.0.0.1")] * 2  # fmt: skip
    assert call(client, "GET", "/alerts", world.jm_token).json["alerts"] == [response.json]


# Milestones


def test_a_milestone_at_a_local_time_is_recorded_in_the_returnees_zone_with_its_reminders(
    client: FlaskClient, world: World, services: Services
) -> None:
    body = {"kind": "job_interview", "at": "2026-12-15T13:30", "place": " Courts, Half Way Tree "}
    response = call(client, "POST", f"/returnees/{world.jm_returnee}/milestones",
                    world.jm_token, json=body)  # fmt: skip
    assert response.status_code == 201
    created = response.json
    assert response.headers["Location"] == f"/api/v1/milestones/{created['id']}"
    assert created == {
        "id": created["id"], "contact_id": world.jm_returnee, "kind": "job_interview",
        "at": "2026-12-15T18:30:00Z", "place": "Courts, Half Way Tree", "status": "planned",
        "answer": None, "created_at": "2026-12-02T15:00:00Z",
        "updated_at": "2026-12-02T15:00:00Z",
        # the day before at 09:00, and 3 hours before: Kingston is UTC-5
        "reminders": [{"fire_at": "2026-12-14T14:00:00Z", "state": "planned"},
                      {"fire_at": "2026-12-15T15:30:00Z", "state": "planned"}],
    }  # fmt: skip
    assert call(client, "GET", f"/milestones/{created['id']}", world.jm_token).json == created
    assert audit_log(services)[0] == ("add_milestone", world.jm_returnee, "JM", "api",
                                      "127.0.0.1")  # fmt: skip


@pytest.mark.parametrize(("at", "stored"), [
    ("2026-12-15T10:30:00-04:00", "2026-12-15T14:30:00Z"),
    ("2026-12-15T14:30:00Z", "2026-12-15T14:30:00Z"),
    ("2026-12-15 14:30+00:00", "2026-12-15T14:30:00Z"),
    ("2026-12-15T09:30", "2026-12-15T14:30:00Z"),  # Port-au-Prince in winter: UTC-5
    ("2027-07-01T10:30", "2027-07-01T14:30:00Z"),  # and in summer, UTC-4
])  # fmt: skip
def test_a_milestone_time_with_an_offset_is_that_instant_and_without_one_is_local(
    client: FlaskClient, world: World, at: str, stored: str
) -> None:
    response = call(client, "POST", f"/returnees/{world.ht_returnee}/milestones",
                    world.ht_token, json={"kind": "health", "at": at})  # fmt: skip
    assert response.status_code == 201
    assert (response.json["at"], response.json["place"]) == (stored, "")


def test_the_milestones_of_a_returnee_come_by_date_and_their_view_is_audited(
    client: FlaskClient, world: World, services: Services
) -> None:
    earlier = add_counselling(services, world.jm_returnee, datetime(2026, 12, 7, 15, tzinfo=UTC))
    response = call(client, "GET", f"/returnees/{world.jm_returnee}/milestones", world.jm_token)
    assert [m["id"] for m in response.json["milestones"]] == [earlier, world.jm_milestone]
    assert reminders(response.json["milestones"][1]) == [
        ("2026-12-08T14:00:00Z", "planned"), ("2026-12-10T13:00:00Z", "planned")]  # fmt: skip
    assert audit_log(services) == [
        ("view_milestones", world.jm_returnee, "JM", "api", "127.0.0.1")]  # fmt: skip


def test_moving_a_milestone_cancels_its_reminders_and_plans_new_ones(
    client: FlaskClient, world: World, services: Services
) -> None:
    response = call(client, "PATCH", f"/milestones/{world.jm_milestone}", world.jm_token,
                    json={"at": "2026-12-17T14:00", "place": "Montego Bay office"})  # fmt: skip
    assert response.status_code == 200
    assert (response.json["at"], response.json["place"]) == (
        "2026-12-17T19:00:00Z", "Montego Bay office")  # fmt: skip
    assert reminders(response.json) == [
        ("2026-12-08T14:00:00Z", "cancelled"), ("2026-12-10T13:00:00Z", "cancelled"),
        ("2026-12-15T14:00:00Z", "planned"), ("2026-12-17T13:00:00Z", "planned"),
    ]  # fmt: skip
    assert audit_log(services) == [
        ("milestone_move", world.jm_returnee, "JM", "api", "127.0.0.1")]  # fmt: skip


CHANGES = [  # body -> at, place, status, reminder states, audit actions
    ({"place": "Spanish Town"}, "2026-12-10T19:00:00Z", "Spanish Town", "planned",
     ["planned", "planned"], ["milestone_move"]),
    ({"status": "done"}, "2026-12-10T19:00:00Z", KINGSTON, "done",
     ["cancelled", "cancelled"], ["milestone_done"]),
    ({"status": "missed"}, "2026-12-10T19:00:00Z", KINGSTON, "missed",
     ["cancelled", "cancelled"], ["milestone_missed"]),
    ({"status": "cancelled"}, "2026-12-10T19:00:00Z", KINGSTON, "cancelled",
     ["cancelled", "cancelled"], ["milestone_cancelled"]),
    ({"status": "planned"}, "2026-12-10T19:00:00Z", KINGSTON, "planned",
     ["planned", "planned"], ["milestone_planned"]),
    ({"at": "2026-12-01T14:00", "status": "done"}, "2026-12-01T19:00:00Z", KINGSTON, "done",
     ["cancelled", "cancelled"], ["milestone_move", "milestone_done"]),
]  # fmt: skip


@pytest.mark.parametrize(("body", "at", "place", "status", "states", "actions"), CHANGES)
def test_a_milestone_change_moves_it_or_sets_its_status_and_its_reminders_follow(
    client: FlaskClient, world: World, services: Services, body: dict[str, str], at: str,
    place: str, status: str, states: list[str], actions: list[str],
) -> None:  # fmt: skip
    response = call(client, "PATCH", f"/milestones/{world.jm_milestone}", world.jm_token,
                    json=body)  # fmt: skip
    assert response.status_code == 200
    changed = response.json
    assert (changed["at"], changed["place"], changed["status"]) == (at, place, status)
    assert [state for _, state in reminders(changed)] == states
    assert audit_log(services) == [
        (action, world.jm_returnee, "JM", "api", "127.0.0.1") for action in actions
    ]


def test_a_cancelled_milestone_planned_again_gets_its_reminders_back(
    client: FlaskClient, world: World
) -> None:
    path = f"/milestones/{world.jm_milestone}"
    call(client, "PATCH", path, world.jm_token, json={"status": "cancelled"})
    response = call(client, "PATCH", path, world.jm_token, json={"status": "planned"})
    assert [state for _, state in reminders(response.json)] == ["planned", "planned"]


def test_deleting_a_milestone_cancels_it_and_its_reminders_but_keeps_it(
    client: FlaskClient, world: World, services: Services
) -> None:
    response = call(client, "DELETE", f"/milestones/{world.jm_milestone}", world.jm_token)
    assert response.status_code == 200
    assert response.json["status"] == "cancelled"
    assert [state for _, state in reminders(response.json)] == ["cancelled", "cancelled"]
    assert call(client, "GET", f"/milestones/{world.jm_milestone}", world.jm_token).json == (
        response.json)  # fmt: skip
    assert [a[0] for a in audit_log(services)] == ["milestone_cancelled", "view_milestone"]


# Bad input

GOOD = {"kind": "counselling", "at": "2026-12-20T10:00", "place": KINGSTON}
BAD_NEW_MILESTONES = [
    ({"data": "kind=counselling"}, "body"),
    ({"data": "{not json", "content_type": "application/json"}, "body"),
    ({"json": ["counselling", "2026-12-20T10:00"]}, "body"),
    ({"json": {"at": "2026-12-20T10:00"}}, "kind"),
    ({"json": {"kind": "counselling"}}, "at"),
    ({"json": {**GOOD, "kind": "karate"}}, "kind"),
    ({"json": {**GOOD, "kind": 7}}, "kind"),
    ({"json": {**GOOD, "kind": "counselling" * 4}}, "kind"),
    ({"json": {**GOOD, "at": "next Tuesday"}}, "at"),
    ({"json": {**GOOD, "at": "2026-12-20"}}, "at"),
    ({"json": {**GOOD, "at": "2026-13-20T10:00"}}, "at"),
    ({"json": {**GOOD, "at": "0001-01-01T00:00+01:00"}}, "at"),
    ({"json": {**GOOD, "at": "1999-12-20T10:00"}}, "at"),
    ({"json": {**GOOD, "at": 1797760800}}, "at"),
    ({"json": {**GOOD, "place": "x" * 201}}, "place"),
    ({"json": {**GOOD, "place": None}}, "place"),
    ({"json": {**GOOD, "note": "bring ID"}}, "note"),
]  # fmt: skip


@pytest.mark.parametrize(("request_body", "field"), BAD_NEW_MILESTONES)
def test_a_new_milestone_with_bad_input_is_refused_naming_the_field(
    client: FlaskClient, world: World, services: Services, request_body: dict[str, Any],
    field: str,
) -> None:  # fmt: skip
    response = call(client, "POST", f"/returnees/{world.jm_returnee}/milestones",
                    world.jm_token, **request_body)  # fmt: skip
    assert response.status_code == 400
    assert response.json["field"] == field
    with services.sessions.begin() as session:
        assert len(session.scalars(select(Milestone)).all()) == 2
    assert audit_log(services) == []


BAD_CHANGES = [
    ({"json": {}}, "body"),
    ({"data": "status=done"}, "body"),
    ({"json": "done"}, "body"),
    ({"json": {"status": "postponed"}}, "status"),
    ({"json": {"status": None}}, "status"),
    ({"json": {"at": "soon"}}, "at"),
    ({"json": {"at": "2026-12-20T10:00", "status": "postponed"}}, "status"),
    ({"json": {"status": "done", "at": "2026-12-20"}}, "at"),
    ({"json": {"place": "x" * 201, "status": "done"}}, "place"),
    ({"json": {"kind": "health"}}, "kind"),
]  # fmt: skip


@pytest.mark.parametrize(("request_body", "field"), BAD_CHANGES)
def test_a_bad_milestone_change_is_refused_naming_the_field_and_changes_nothing(
    client: FlaskClient, world: World, services: Services, request_body: dict[str, Any],
    field: str,
) -> None:  # fmt: skip
    path = f"/milestones/{world.jm_milestone}"
    before = call(client, "GET", path, world.jm_token).json
    response = call(client, "PATCH", path, world.jm_token, **request_body)
    assert response.status_code == 400
    assert response.json["field"] == field
    assert call(client, "GET", path, world.jm_token).json == before
    assert [a[0] for a in audit_log(services)] == ["view_milestone", "view_milestone"]


# Anything else under /api/v1


@pytest.mark.parametrize(("method", "path", "status", "allow"), [
    ("GET", "/api/v1/", 404, None),
    ("GET", "/api/v1/cases", 404, None),
    ("GET", "/api/v1/returnees/abc", 404, None),
    ("GET", "/api/v1/returnees/", 404, None),
    ("PUT", "/api/v1/returnees", 405, "GET"),
    ("POST", "/api/v1/milestones/1", 405, "GET, PATCH, DELETE"),
    ("GET", "/api/v1/alerts/1/acknowledge", 405, "POST"),
])  # fmt: skip
def test_an_unknown_path_or_method_under_the_api_is_answered_in_json(
    client: FlaskClient, world: World, method: str, path: str, status: int, allow: str | None
) -> None:
    headers = {"Authorization": f"Bearer {world.jm_token}"}
    response = client.open(path, method=method, headers=headers)
    assert response.status_code == status
    ERROR_SCHEMA.validate(response.json)
    assert response.headers.get("Allow") == allow
    anonymous = client.open(path, method=method)
    assert anonymous.status_code == 401
    ERROR_SCHEMA.validate(anonymous.json)

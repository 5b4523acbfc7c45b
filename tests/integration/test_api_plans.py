"""The plan and survey API on a real database: goals, services delivered (grants with their
business and value), milestones done becoming services, surveys sent on demand, refusals that
name the field and change nothing, office scoping and the audit log; every answer is checked
against dashboard/openapi.yaml."""

from datetime import UTC, datetime
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select

from bot.bootstrap import Services
from storage import repositories as repo
from storage.models import OutboundMessage
from storage.reintegration import PlanGoal, ServiceDelivered, Survey
from storage.staff import AuditEntry
from tests.helpers import db_rows
from tests.integration import test_api
from tests.integration.test_api import World, audit_log, call
from webhooks import create_app

NOW = datetime(2026, 12, 2, 15, 0, tzinfo=UTC)  # 10:00 in Kingston
NIGHT = datetime(2026, 12, 3, 4, 0, tzinfo=UTC)  # 23:00 in Kingston
world = test_api.world  # the fixture: two offices, their caseworkers, tokens, returnees
GRANT = {"kind": "grant_disbursed", "delivered_on": "2026-11-30", "business_type": "hen_rearing",
         "goods_value": 85000, "currency": "JMD", "note": "50 layers, feed, a coop"}  # fmt: skip


@pytest.fixture
def app(services: Services) -> Flask:
    """The web app with the clock pinned to NOW."""
    return create_app(services, {"TESTING": True, "NOW": NOW})


def rows(services: Services, model: type[Any]) -> list[Any]:
    return db_rows(services, model)


def test_a_goal_is_added_shown_in_the_plan_and_achieved(client: Any, world: World,
                                                        services: Services) -> None:  # fmt: skip
    path = f"/returnees/{world.jm_returnee}"
    made = call(
        client,
        "POST",
        f"{path}/goals",
        world.jm_token,
        json={"dimension": "economic", "goal": "Open a cook shop", "due_on": "2027-03-01"},
    )
    assert made.status_code == 201 and made.json["status"] == "open"
    changed = call(client, "PATCH", f"/goals/{made.json['id']}", world.jm_token,
                   json={"status": "achieved"})  # fmt: skip
    assert changed.status_code == 200 and changed.json["status"] == "achieved"
    plan = call(client, "GET", f"{path}/plan", world.jm_token).json
    assert [g["goal"] for g in plan["goals"]] == ["Open a cook shop"]
    assert plan["services"] == [] and plan["sustainability"] == [] and plan["referrals"] == []
    actions = [a[0] for a in audit_log(services) if a[3] == "api"]
    assert actions[-3:] == ["add_goal", "change_goal", "view_plan"]


def test_a_grant_is_recorded_with_its_business_value_and_currency(
    client: Any, world: World
) -> None:
    path = f"/returnees/{world.jm_returnee}"
    made = call(client, "POST", f"{path}/services", world.jm_token, json=GRANT)
    assert made.status_code == 201
    assert (made.json["business_type"], made.json["goods_value"], made.json["currency"]) == (
        "hen_rearing", "85000.00", "JMD")  # fmt: skip
    listed = call(client, "GET", f"{path}/services", world.jm_token).json["services"]
    assert [s["kind"] for s in listed] == ["grant_disbursed"]


def test_a_milestone_done_becomes_one_service_delivered(client: Any, world: World,
                                                        services: Services) -> None:  # fmt: skip
    for _ in range(2):
        call(client, "PATCH", f"/milestones/{world.jm_milestone}", world.jm_token,
             json={"status": "done"})  # fmt: skip
    [service] = call(client, "GET", f"/returnees/{world.jm_returnee}/services",
                     world.jm_token).json["services"]  # fmt: skip
    assert (service["kind"], service["milestone_id"]) == ("counselling_session",
                                                          world.jm_milestone)  # fmt: skip
    assert service["delivered_on"] == "2026-12-10"  # the milestone's day in Kingston


BAD = [  # (id, path end, body, field named)
    ("an unknown dimension", "goals", {"dimension": "spiritual", "goal": "x"}, "dimension"),
    ("an empty goal", "goals", {"dimension": "social", "goal": " "}, "goal"),
    ("a goal too long", "goals", {"dimension": "social", "goal": "x" * 501}, "goal"),
    ("a NUL in a goal", "goals", {"dimension": "social", "goal": "a\u0000b"}, "goal"),
    ("a control character", "goals", {"dimension": "social", "goal": "a\u0007b"}, "goal"),
    ("a lone surrogate", "goals", {"dimension": "social", "goal": "a\ud800b"}, "goal"),
    ("a due date in words", "goals", {"dimension": "social", "goal": "x", "due_on": "soon"},
     "due_on"),
    ("a due date in year 10000", "goals", {"dimension": "social", "goal": "x",
                                           "due_on": "9999-12-31"}, "due_on"),
    ("an unknown field", "goals", {"dimension": "social", "goal": "x", "owner": 1}, "owner"),
    ("a goal that is a list", "goals", {"dimension": "social", "goal": ["x"]}, "goal"),
    ("an unknown service", "services", {"kind": "haircut", "delivered_on": "2026-11-01"}, "kind"),
    ("a service tomorrow", "services", {"kind": "job_placed", "delivered_on": "2026-12-03"},
     "delivered_on"),
    ("a value too large", "services", {**GRANT, "goods_value": "1e15"}, "goods_value"),
    ("a value of true", "services", {**GRANT, "goods_value": True}, "goods_value"),
    ("a value as NaN", "services", {**GRANT, "goods_value": "NaN"}, "goods_value"),
    ("a business off the list", "services", {**GRANT, "business_type": "casino"},
     "business_type"),
    ("a currency off the list", "services", {**GRANT, "currency": "ZZZ"}, "currency"),
    ("a value without currency", "services", {**GRANT, "currency": None}, "currency"),
    ("a grant field on a job", "services", {"kind": "job_placed", "delivered_on": "2026-11-01",
                                            "business_type": "transport"}, "business_type"),
    ("an unknown partner", "services", {"kind": "job_placed", "delivered_on": "2026-11-01",
                                        "partner_id": 2147483647}, "partner_id"),
    ("a partner id too large", "services", {"kind": "job_placed", "delivered_on": "2026-11-01",
                                            "partner_id": 2**63}, "partner_id"),
    ("someone else's referral", "services", {"kind": "job_placed", "delivered_on": "2026-11-01",
                                             "referral_id": 5}, "referral_id"),
    ("a note too long", "services", {**GRANT, "note": "x" * 1001}, "note"),
    ("a body that is a list", "goals", ["dimension"], "body"),
]  # fmt: skip


@pytest.mark.parametrize(("end", "body", "field"), [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_bad_input_is_refused_naming_the_field_and_changes_nothing(
    client: Any, world: World, services: Services, end: str, body: Any, field: str
) -> None:
    answer = call(client, "POST", f"/returnees/{world.jm_returnee}/{end}", world.jm_token,
                  json=body)  # fmt: skip
    assert answer.status_code == 400, answer.get_data(as_text=True)
    assert answer.json["field"] == field
    assert rows(services, PlanGoal) == [] and rows(services, ServiceDelivered) == []


def test_a_bad_goal_change_is_refused(client: Any, world: World) -> None:
    made = call(client, "POST", f"/returnees/{world.jm_returnee}/goals", world.jm_token,
                json={"dimension": "social", "goal": "Get a birth certificate"}).json  # fmt: skip
    for body, field in (({"status": "won"}, "status"), ({}, "body"),
                        ({"due_on": "2026-02-30"}, "due_on")):  # fmt: skip
        answer = call(client, "PATCH", f"/goals/{made['id']}", world.jm_token, json=body)
        assert answer.status_code == 400 and answer.json["field"] == field


def test_another_offices_plan_goals_and_surveys_are_not_found(client: Any, world: World) -> None:
    path = f"/returnees/{world.ht_returnee}"
    made = call(client, "POST", f"{path}/goals", world.ht_token,
                json={"dimension": "social", "goal": "Find housing"}).json  # fmt: skip
    tries = (("GET", f"{path}/plan", None), ("GET", f"{path}/services", None),
             ("POST", f"{path}/goals", {"dimension": "social", "goal": "x"}),
             ("POST", f"{path}/surveys", None), ("GET", f"{path}/surveys", None),
             ("PATCH", f"/goals/{made['id']}", {"status": "dropped"}))  # fmt: skip
    for method, url, body in tries:
        answer = call(client, method, url, world.jm_token, json=body)
        assert answer.status_code == 404, (method, url)


def test_a_survey_is_sent_on_demand_once_and_refused_while_open(
    client: Any, world: World, services: Services
) -> None:
    path = f"/returnees/{world.jm_returnee}/surveys"
    sent = call(client, "POST", path, world.jm_token)
    assert sent.status_code == 201 and sent.json["state"] == "sent"
    assert (
        sent.json["survey"]["status"] == "open" and sent.json["survey"]["occasion"] == "on_demand"
    )
    again = call(client, "POST", path, world.jm_token, json={})
    assert again.status_code == 409 and "already" in again.json["error"]
    [message] = db_rows(services, OutboundMessage, OutboundMessage.purpose == "survey")
    assert message.body.startswith("Returnee Assistant survey") and "1 Happy" in message.body
    assert [s["status"] for s in call(client, "GET", path, world.jm_token).json["surveys"]] == [
        "open"]  # fmt: skip
    with services.sessions.begin() as session:
        actions = session.scalars(select(AuditEntry.action).where(
            AuditEntry.action == "request_survey")).all()  # fmt: skip
    assert actions == ["request_survey"]


def test_a_survey_to_an_opted_out_number_is_refused_and_sends_nothing(
    client: Any, world: World, services: Services
) -> None:
    with services.sessions.begin() as session:
        repo.mark_opted_out(session, "+18765551001", NOW)
    answer = call(client, "POST", f"/returnees/{world.jm_returnee}/surveys", world.jm_token)
    assert answer.status_code == 409 and "opted out" in answer.json["error"]
    assert rows(services, Survey) == []
    assert db_rows(services, OutboundMessage, OutboundMessage.purpose == "survey") == []


def test_a_survey_asked_at_night_goes_out_in_the_morning(services: Services, world: World) -> None:
    client = create_app(services, {"TESTING": True, "NOW": NIGHT}).test_client()
    answer = call(client, "POST", f"/returnees/{world.jm_returnee}/surveys", world.jm_token)
    assert answer.status_code == 201 and answer.json["state"] == "planned"
    assert answer.json["fire_at"] == "2026-12-03T13:00:00Z"  # 08:00 in Kingston
    assert rows(services, Survey) == []

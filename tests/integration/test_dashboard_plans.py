"""The returnee page's plan and survey sections: goals, services delivered (a milestone done
becomes one), a survey sent by the button and its scores drawn over time, refusals in the
caseworker's language and never a 500, office scoping and the audit log."""

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from bot.schedule.milestones import add_milestone
from storage.models import Contact, OutboundMessage
from storage.reintegration import PlanGoal, ServiceDelivered, Survey
from storage.staff import AuditEntry
from tests.helpers import db_rows
from tests.integration import test_dashboard
from tests.integration.test_dashboard import NOW, post, sign_in

world = test_dashboard.world  # the fixture: JM and HT caseworkers and returnees


def page_of(client: Any, url: str) -> str:
    return str(client.get(url).get_data(as_text=True))


def test_a_goal_and_a_grant_are_added_on_the_page_and_shown_in_the_plan(world: Any) -> None:
    services, app, ids = world
    client = sign_in(app, "marcia@office.test")
    url = f"/dashboard/returnees/{ids['jm']}"
    post(client, url, f"{url}/goals", dimension="economic", goal="Open a cook shop",
         due_on="2027-03-01")  # fmt: skip
    post(client, url, f"{url}/services", kind="grant_disbursed", delivered_on="2026-11-30",
         business_type="hen_rearing", goods_value="85000", currency="JMD", note="")  # fmt: skip
    page = page_of(client, url)
    assert "Open a cook shop" in page and "hen rearing" in page and "85000.00 JMD" in page
    [goal] = db_rows(services, PlanGoal)
    post(client, url, f"/dashboard/goals/{goal.id}", status="achieved")
    assert db_rows(services, PlanGoal)[0].status == "achieved"
    actions = [e.action for e in db_rows(services, AuditEntry)]
    assert {"add_goal", "add_service", "change_goal"} <= set(actions)


BAD = [  # (id, path end, form, words shown)
    ("an empty goal", "goals", {"dimension": "social", "goal": ""}, "goal: is required"),
    ("an unknown dimension", "goals", {"dimension": "x", "goal": "y"}, "dimension: must be one"),
    ("a NUL", "goals", {"dimension": "social", "goal": "a\x00b"}, "NUL"),
    ("a huge value", "services", {"kind": "grant_approved", "delivered_on": "2026-11-30",
                                  "goods_value": "99999999999999", "currency": "JMD"},
     "goods_value: must be between"),
    ("a date in the future", "services", {"kind": "job_placed", "delivered_on": "2027-01-01"},
     "cannot be in the future"),
    ("a date in words", "services", {"kind": "job_placed", "delivered_on": "yesterday"},
     "must be a date"),
]  # fmt: skip


@pytest.mark.parametrize(("end", "form", "words"), [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_bad_input_is_refused_with_a_reason_and_changes_nothing(
    world: Any, end: str, form: dict[str, str], words: str
) -> None:
    services, app, ids = world
    client = sign_in(app, "marcia@office.test")
    url = f"/dashboard/returnees/{ids['jm']}"
    answer = post(client, url, f"{url}/{end}", **form)
    assert answer.status_code in (302, 400)
    shown = page_of(client, answer.headers["Location"]) if answer.status_code == 302 else (
        answer.get_data(as_text=True))  # fmt: skip
    assert words in shown
    assert db_rows(services, PlanGoal) == [] and db_rows(services, ServiceDelivered) == []


def test_a_milestone_done_on_the_page_becomes_a_service_delivered_once(world: Any) -> None:
    services, app, ids = world
    with services.sessions.begin() as session:
        milestone = add_milestone(session, services.desk, ids["jm"], "grant_disbursement",
                                  datetime(2026, 12, 1, 15, tzinfo=UTC), "Hub", NOW)  # fmt: skip
    client = sign_in(app, "marcia@office.test")
    url = f"/dashboard/returnees/{ids['jm']}"
    for action in ("done", "planned", "done"):
        post(client, url, f"/dashboard/milestones/{milestone.id}", action=action)
    [service] = db_rows(services, ServiceDelivered)
    assert (service.kind, service.milestone_id) == ("grant_disbursed", milestone.id)
    assert "grant disbursed" in page_of(client, url)


def test_the_survey_button_sends_it_and_the_scores_are_drawn_over_time(world: Any) -> None:
    services, app, ids = world
    client = sign_in(app, "marcia@office.test")
    url = f"/dashboard/returnees/{ids['jm']}"
    post(client, url, f"{url}/surveys")
    [survey] = db_rows(services, Survey)
    assert survey.requested_by_id == ids["marcia"] and survey.occasion == "on_demand"
    assert db_rows(services, OutboundMessage, OutboundMessage.purpose == "survey")
    again = post(client, url, f"{url}/surveys")
    assert "a survey is already being answered" in page_of(client, again.headers["Location"])
    with services.sessions.begin() as session:  # two scored surveys, as if answered
        for index, (row, overall) in enumerate(
            (
                (session.get(Survey, survey.id), 0.9),
                (
                    Survey(
                        key="k2",
                        contact_id=ids["jm"],
                        occasion="quarterly",
                        answers={},
                        sent_at=NOW,
                        created_at=NOW,
                    ),
                    0.4,
                ),
            )
        ):
            assert row is not None
            row.status, row.economic, row.social, row.psychosocial = "complete", 0.5, 1.0, 1.0
            row.overall, row.completed_at = overall, NOW + timedelta(days=90 * index)
            session.add(row)
    page = page_of(client, url)
    assert '<svg class="chart survey-chart"' in page and page.count("<polyline") >= 4
    assert "0.40" in page and "0.90" in page


def test_the_plan_is_shown_in_spanish_to_a_spanish_speaking_caseworker(world: Any) -> None:
    services, app, ids = world
    with services.sessions.begin() as session:
        from storage.casework import Caseworker

        person = session.get(Caseworker, ids["marcia"])
        assert person is not None
        person.language = "es"
    client = sign_in(app, "marcia@office.test")
    page = page_of(client, f"/dashboard/returnees/{ids['jm']}")
    assert "Plan de reintegraci" in page and "Servicios prestados" in page


def test_another_offices_caseworker_cannot_add_to_the_plan_or_send_a_survey(world: Any) -> None:
    services, app, ids = world
    client = sign_in(app, "nadege@office.test")
    own = f"/dashboard/returnees/{ids['ht']}"
    other = f"/dashboard/returnees/{ids['jm']}"
    for end, form in (
        ("goals", {"dimension": "social", "goal": "x"}),
        ("surveys", {}),
        ("services", {"kind": "job_placed", "delivered_on": "2026-11-01"}),
    ):
        assert post(client, own, f"{other}/{end}", **form).status_code == 404
    assert db_rows(services, PlanGoal) == [] and db_rows(services, Survey) == []
    with services.sessions.begin() as session:
        assert session.get(Contact, ids["jm"]) is not None

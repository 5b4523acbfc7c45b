"""The demo simulator: every flow can be tried, as a returnee and as a caseworker."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from sqlalchemy.engine import Engine

from bot.bootstrap import Services, bootstrap
from bot.clock import utcnow
from bot.config import load_settings
from bot.demo import DEMO_CASEWORKERS, DEMO_RETURNEES, load_demo
from flows.texts import render, text
from webhooks import create_app

JAMAICA_STAFF = DEMO_CASEWORKERS[0].phone


@pytest.fixture
def demo(database_url: str, engine: Engine, tmp_path: Path) -> Iterator[Services]:
    env = {"DATABASE_URL": database_url, "DEFAULT_OFFICE": "JM"}
    built = bootstrap(load_settings(env, instance_path=tmp_path))
    load_demo(built.desk, utcnow())
    assert load_demo(built.desk, utcnow()) == 0  # loading twice adds nothing
    yield built
    built.engine.dispose()


@pytest.fixture
def sim(demo: Services) -> FlaskClient:
    return create_app(demo, {"TESTING": True}).test_client()


def say(sim: FlaskClient, sender: str, body: str) -> list[str]:
    """Text the service; the replies queued for `sender` (the worker is not needed here)."""
    assert sim.post("/simulator/api/messages", json={"from": sender, "body": body}).status_code \
        == 202  # fmt: skip
    thread = sim.get("/simulator/api/thread", query_string={"from": sender}).get_json()
    return [m["body"] for m in thread["messages"] if m["direction"] == "out"]


def test_the_page_lists_new_numbers_demo_returnees_and_caseworkers(sim: FlaskClient) -> None:
    page = sim.get("/simulator/").get_data(as_text=True)
    assert "New number, Haiti" in page and DEMO_RETURNEES[0].name in page
    assert JAMAICA_STAFF in page and "monthly check-in" in page


def test_a_new_number_onboards_in_kreyol_and_uses_the_registered_case_code(
    sim: FlaskClient,
) -> None:
    new = "+18765550177"
    for body in ("bonjou", "4", "1", "wi"):
        say(sim, new, body)
    replies = say(sim, new, "JM2026")
    assert replies[-2:] == [
        text("code_linked", "ht"), render("onboarding_done", "ht", menu=text("menu", "ht")),
    ]  # fmt: skip


def test_a_check_in_can_be_sent_and_answered_and_the_alert_shows_with_its_email(
    sim: FlaskClient,
) -> None:
    returnee = DEMO_RETURNEES[0].e164
    assert sim.post("/simulator/api/checkin", json={"from": returnee}).status_code == 202
    say(sim, returnee, "3")
    alerts = sim.get("/simulator/api/alerts").get_json()
    [alert] = alerts["alerts"]
    assert (alert["kind"], alert["number"]) == ("struggling", returnee)
    assert alerts["emails"] and alert["code"] in alerts["emails"][0]["subject"]
    assert say(sim, JAMAICA_STAFF, f"ACK {alert['code']}")[-1] == render(
        "ack_done", "en", code=alert["code"]
    )


def test_a_check_in_for_an_unknown_number_is_a_clear_404(sim: FlaskClient) -> None:
    response = sim.post("/simulator/api/checkin", json={"from": "+18765550999"})
    assert response.status_code == 404 and b"text the service first" in response.data

"""End to end through real processes: exactly one reply per inbound message, whatever fails."""

import os
import signal
from collections import Counter
from pathlib import Path

import requests
from sqlalchemy import Engine, func, select

from bot.content import load_catalogue
from flows.texts import crisis_text, text
from storage.models import InboundMessage, OutboundMessage
from tests.fakes.twilio_api import FakeTwilio, Outcome
from tests.helpers import (
    PUBLIC_BASE_URL,
    REPO,
    Starter,
    free_port,
    http_ok,
    inbound_form,
    sign,
    start_process,
    stop_process,
    wait_until,
)

WORKER = ["returnee", "worker"]


def post_inbound(base: str, token: str, form: dict[str, str]) -> requests.Response:
    """A signed webhook as Twilio sends it, computed over the public URL."""
    signature = sign(token, f"{PUBLIC_BASE_URL}/twilio/messages", form)
    return requests.post(
        f"{base}/twilio/messages", data=form, headers={"X-Twilio-Signature": signature}, timeout=15
    )


def returnee(index: int) -> str:
    return f"+1876555{index:04d}"


def replies_per_number(fake: FakeTwilio) -> Counter[str]:
    return Counter(message["to"] for message in fake.messages)


def count_rows(engine: Engine, model: type) -> int:
    with engine.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(model)).scalar_one())


def test_signed_webhooks_through_gunicorn_get_exactly_one_reply_each_even_when_repeated(
    web: str, processes: Starter, e2e_env: dict[str, str], fake_twilio: FakeTwilio, engine: Engine
) -> None:
    token = fake_twilio.auth_token
    for index in range(12):
        form = inbound_form(f"SM{index:032x}", "hello", sender=returnee(index))
        for _delivery in range(2 if index % 3 == 0 else 1):  # Twilio retries some
            response = post_inbound(web, token, form)
            assert response.status_code == 200
            assert response.headers["Content-Type"].startswith("text/xml")
    processes(WORKER, e2e_env)
    wait_until(lambda: len(fake_twilio.messages) >= 12)
    wait_until(lambda: count_rows(engine, InboundMessage) == 12)
    assert replies_per_number(fake_twilio) == Counter({returnee(i): 1 for i in range(12)})
    assert {m["body"] for m in fake_twilio.messages} == {text("choose_language", "en")}
    unsigned = requests.post(
        f"{web}/twilio/messages", data=inbound_form("SM" + "f" * 32), timeout=5
    )
    assert unsigned.status_code == 403


def test_bad_input_through_gunicorn_gets_a_clear_400_not_a_500(
    web: str, fake_twilio: FakeTwilio
) -> None:
    form = inbound_form("SM" + "e" * 32, "x" * 5000)
    response = post_inbound(web, fake_twilio.auth_token, form)
    assert response.status_code == 400
    assert "1600" in response.text


def test_twilio_429_and_500_bursts_still_deliver_exactly_one_reply_per_message(
    web: str, processes: Starter, e2e_env: dict[str, str], fake_twilio: FakeTwilio
) -> None:
    fake_twilio.script(*[Outcome(429, 20429), Outcome(500), Outcome(503)] * 4)
    for index in range(8):
        post_inbound(
            web, fake_twilio.auth_token, inbound_form(f"SM{index:032x}", sender=returnee(index))
        )
    processes(WORKER, e2e_env)
    processes(WORKER, e2e_env)  # two workers share the outbox
    wait_until(lambda: len(fake_twilio.messages) >= 8, timeout=60)
    assert fake_twilio.attempts >= 8 + 12
    assert replies_per_number(fake_twilio) == Counter({returnee(i): 1 for i in range(8)})


def test_a_worker_killed_mid_batch_resumes_without_sending_twice(
    web: str, processes: Starter, e2e_env: dict[str, str], fake_twilio: FakeTwilio, engine: Engine
) -> None:
    for index in range(6):
        post_inbound(
            web, fake_twilio.auth_token, inbound_form(f"SM{index:032x}", sender=returnee(index))
        )
    # Twilio takes the first two messages but answers late: the worker dies waiting.
    fake_twilio.script(Outcome(accept_then_delay=5.0))
    victim = processes(WORKER, e2e_env)
    wait_until(lambda: len(fake_twilio.messages) >= 1)
    os.kill(victim.pid, signal.SIGKILL)
    victim.wait(5)
    processes(WORKER, e2e_env)
    wait_until(lambda: _all_sent(engine, 6), timeout=60)
    assert replies_per_number(fake_twilio) == Counter({returnee(i): 1 for i in range(6)})


def _all_sent(engine: Engine, expected: int) -> bool:
    with engine.connect() as connection:
        sent = connection.execute(
            select(func.count()).where(OutboundMessage.dispatch_state == "sent")
        ).scalar_one()
    return int(sent) == expected


def test_make_run_starts_all_four_processes_and_the_simulator_gets_a_reply(
    tmp_path: Path, database_url: str
) -> None:
    port, nlu_port = free_port(), free_port()
    env = {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'demo.sqlite3'}",
        "TWILIO_ACCOUNT_SID": "",
        "TWILIO_AUTH_TOKEN": "",
        "RETURNEE_INSTANCE_PATH": str(tmp_path),
        "RASA_URL": f"http://127.0.0.1:{nlu_port}",
        "RASA_AUTH_TOKEN": "demo-token",
        "RASA_TELEMETRY_ENABLED": "false",
    }
    log = tmp_path / "honcho.log"
    for command in (["returnee", "db", "upgrade"], ["returnee", "demo"],
                    ["returnee", "schedule", "preview", "--days", "14"]):  # fmt: skip
        setup = start_process(command, env, log)
        assert setup.wait(60) == 0, log.read_text()
    assert "reminder: counselling" in log.read_text()  # the demo's plan, previewed
    honcho = start_process(
        ["honcho", "start", "-f", str(REPO / "Procfile"), "-p", str(port)], env, log
    )
    try:
        base = f"http://127.0.0.1:{port}"
        wait_until(lambda: http_ok(f"{base}/readyz"), timeout=240)  # the NLU server is up too
        assert requests.get(f"{base}/readyz", timeout=5).json()["checks"]["nlu"] == "ok"
        assert "Phone simulator" in requests.get(f"{base}/simulator/", timeout=5).text
        assert "Caseworker sign-in" in requests.get(f"{base}/dashboard/login", timeout=5).text
        sent = requests.post(
            f"{base}/simulator/api/messages",
            json={"from": "+50937000101", "channel": "whatsapp", "body": "m vle mouri"},
            timeout=5,
        )
        assert sent.status_code == 202
        reply = wait_until(lambda: _delivered_reply(base, "+50937000101"), timeout=60)
        haiti = load_catalogue().get("HT")
        assert haiti is not None
        assert reply["body"] == crisis_text("ht", haiti.emergency)
        # The demo's Haitian caseworker got the alert by SMS and in the demo mailbox.
        alerts = wait_until(lambda: _alerts(base), timeout=30)
        assert alerts[0]["kind"] == "crisis" and alerts[0]["number"] == "+50937000101"
        staff = wait_until(lambda: _delivered_reply(base, "+50937000900"), timeout=60)
        assert alerts[0]["code"] in staff["body"]
        wait_until(lambda: list((tmp_path / "mail").glob("*.eml")), timeout=60)
        wait_until(lambda: "clock.started" in log.read_text(errors="replace"), timeout=60)
    finally:
        stop_process(honcho, timeout=30)
    output = log.read_text(errors="replace")
    assert "+50937000101" not in output  # logs never carry a full number
    assert "m vle mouri" not in output  # nor a message body


def _alerts(base: str) -> list[dict[str, str]]:
    return list(requests.get(f"{base}/simulator/api/alerts", timeout=5).json()["alerts"])


def _delivered_reply(base: str, number: str) -> dict[str, str] | None:
    response = requests.get(f"{base}/simulator/api/thread", params={"from": number}, timeout=5)
    for message in response.json()["messages"]:
        if message["direction"] == "out" and message["status"] == "delivered":
            return dict(message)
    return None


def test_a_bad_setting_stops_the_web_process_with_one_line_naming_it(tmp_path: Path) -> None:
    log = tmp_path / "web.log"
    env = {"TWILIO_ACCOUNT_SID": "AC" + "a" * 32, "TWILIO_AUTH_TOKEN": "", "PORT": "5000"}
    process = start_process(["returnee", "web"], env, log)
    assert process.wait(30) == 2
    assert log.read_text().strip() == (
        "configuration error: TWILIO_AUTH_TOKEN is missing (TWILIO_ACCOUNT_SID is set)"
    )

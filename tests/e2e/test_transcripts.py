"""Whole conversations through signed webhooks, gunicorn, the worker, the clock, real Rasa.

The returnee's phone is the fake Twilio API; caseworkers' phones too, and their mailbox is a
local SMTP server. Every expected reply is the exact text the content and catalogue give.
"""

import itertools
import time
from datetime import UTC, datetime

import pytest
import requests
from sqlalchemy import Engine, select

from bot.content import load_catalogue
from flows.content import Country
from flows.orientation import contact_when, follow_up_answer, office_answer, service_answer
from flows.texts import crisis_text, render, text
from nlu.client import RasaClient
from storage.casework import Alert
from tests.e2e.conftest import TOKEN, Starter
from tests.fakes.smtp import FakeSmtp
from tests.fakes.twilio_api import FakeTwilio
from tests.helpers import PUBLIC_BASE_URL, free_port, http_ok, inbound_form, live_env, sign
from tests.helpers import wait_until as _wait_until

CATALOGUE = load_catalogue()
JM_ON_CALL, JM_SUPERVISOR = "+18765550910", "+18765550911"
HT_ON_CALL, HT_SUPERVISOR = "+50937000910", "+50937000911"
_sids = itertools.count(1)


def wait_until(check: object, timeout: float = 90) -> object:
    return _wait_until(check, timeout=timeout)  # type: ignore[arg-type]


def country(code: str) -> Country:
    found = CATALOGUE.get(code)
    assert found is not None
    return found


@pytest.fixture
def stack(
    processes: Starter, database_url: str, fake_twilio: FakeTwilio, smtp: FakeSmtp,
    rasa: RasaClient, engine: Engine,
) -> str:  # fmt: skip
    """web, worker and clock against fake Twilio, the local SMTP server and the real Rasa."""
    env = live_env(
        database_url, fake_twilio, RASA_URL=rasa.base_url, RASA_AUTH_TOKEN=TOKEN,
        NLU_READ_TIMEOUT_SECONDS="5", SMTP_PORT=str(smtp.port), ALERT_SLA_CRISIS_SECONDS="6",
        SEND_RATE_PER_SECOND="100", LOG_LEVEL="WARNING",
    )  # fmt: skip
    staff = [
        ("Marcia Brown", JM_ON_CALL, "marcia@office.test", "JM", "caseworker", True),
        ("Desmond Hall", JM_SUPERVISOR, "desmond@office.test", "JM", "supervisor", False),
        ("Nadege Pierre", HT_ON_CALL, "nadege@office.test", "HT", "caseworker", True),
        ("Rony Jean", HT_SUPERVISOR, "rony@office.test", "HT", "supervisor", False),
    ]
    for name, phone, email, office, role, on_call in staff:
        args = [
            "returnee",
            "caseworker",
            "add",
            "--name",
            name,
            "--phone",
            phone,
            "--email",
            email,
            "--office",
            office,
            "--role",
            role,
            *(["--on-call"] if on_call else []),
        ]
        assert processes(args, env).wait(60) == 0
    port = free_port()
    processes(["returnee", "web", "--bind", f"127.0.0.1:{port}", "--workers", "2"], env)
    processes(["returnee", "worker"], env)
    processes(["returnee", "clock", "--every", "1"], env)
    base = f"http://127.0.0.1:{port}"
    wait_until(lambda: http_ok(f"{base}/healthz"), timeout=60)
    return base


class Phone:
    """One phone texting the service, reading what the fake Twilio delivered to it."""

    def __init__(self, base: str, fake: FakeTwilio, number: str) -> None:
        self.base, self.fake, self.number = base, fake, number

    def received(self) -> list[str]:
        return [m["body"] for m in self.fake.messages if m["to"] == self.number]

    def say(self, body: str, replies: int = 1) -> list[str]:
        """Send `body` as a signed webhook; return the `replies` messages it got back."""
        before = len(self.received())
        form = inbound_form(f"SM{next(_sids):032x}", body, sender=self.number)
        signature = sign(self.fake.auth_token, f"{PUBLIC_BASE_URL}/twilio/messages", form)
        response = requests.post(f"{self.base}/twilio/messages", data=form,
                                 headers={"X-Twilio-Signature": signature}, timeout=15)  # fmt: skip
        assert response.status_code == 200
        if replies:
            wait_until(lambda: len(self.received()) >= before + replies)
        time.sleep(0.5 if replies else 3)  # and nothing more comes
        got = self.received()[before:]
        assert len(got) == replies, got
        return got


def when_options(place: Country, language: str, since: datetime) -> set[str]:
    """What "when" says from `since` until now (a reply may cross an office-hours boundary)."""
    return {contact_when(place, since, language), contact_when(place, datetime.now(UTC), language)}


def test_a_returnee_onboards_asks_three_questions_and_reports_struggling(
    stack: str, fake_twilio: FakeTwilio, smtp: FakeSmtp
) -> None:
    jamaica, phone = country("JM"), Phone(stack, fake_twilio, "+18765553001")
    assert phone.say("hi") == [text("choose_language", "en")]
    assert phone.say("1") == [text("consent", "en")]
    assert phone.say("yes") == [render("country_confirm", "en", country="Jamaica")]
    assert phone.say("1") == [text("ask_code", "en")]
    assert phone.say("no code") == [render("onboarding_done", "en", menu=text("menu", "en"))]
    # Three questions, understood by the real model; follow-ups keep the topic.
    assert phone.say("i need a job") == [service_answer(jamaica, "job_placement", "en")]
    assert phone.say("where is it?") == [follow_up_answer(jamaica, "job_placement", "where", "en")]
    assert phone.say("what do i need to bring") == [
        follow_up_answer(jamaica, "job_placement", "bring", "en")
    ]
    assert phone.say("where is your office located") == [office_answer(jamaica, "en")]
    # Struggling: the caseworker on call hears of it by SMS and email; one follow-up question.
    sent_at = datetime.now(UTC)
    [need] = phone.say("things are really hard for me right now")
    whens = when_options(jamaica, "en", sent_at)
    assert need in {render("checkin_need", "en", when=w) for w in whens}
    assert phone.say("2", replies=2) == [
        text("need_noted", "en"), service_answer(jamaica, "job_placement", "en"),
    ]  # fmt: skip
    staff = Phone(stack, fake_twilio, JM_ON_CALL)
    [alert_sms] = wait_until(lambda: staff.received())  # type: ignore[misc]
    assert "struggling" in alert_sms and "+18765553001" in alert_sms
    emails = smtp.wait_for(1, timeout=60)
    assert emails[0]["To"] == "marcia@office.test" and "struggling" in emails[0]["Subject"]


def test_a_kreyol_crisis_reaches_a_caseworker_by_phone_and_email_and_escalates_unanswered(
    stack: str, fake_twilio: FakeTwilio, smtp: FakeSmtp, engine: Engine
) -> None:
    haiti, returnee = country("HT"), Phone(stack, fake_twilio, "+50937004444")
    # The very first message from an unknown number: no onboarding before safety.
    assert returnee.say("yo di yo pral touye m aswe a") == [crisis_text("ht", haiti.emergency)]
    on_call, supervisor = Phone(stack, fake_twilio, HT_ON_CALL), Phone(stack, fake_twilio,
                                                                         HT_SUPERVISOR)  # fmt: skip
    [alert_sms] = wait_until(lambda: on_call.received())  # type: ignore[misc]
    with engine.connect() as connection:
        code, kind = connection.execute(select(Alert.code, Alert.kind)).one()
    assert kind == "crisis" and code in alert_sms and "+50937004444" in alert_sms
    first = smtp.wait_for(1, timeout=60)[0]
    assert first["To"] == "nadege@office.test" and code in first["Subject"]
    assert "yo di yo pral touye m aswe a" in first.get_payload()
    # Nobody acknowledges within the SLA (6 s here): the clock escalates to the supervisor.
    [escalation] = wait_until(lambda: supervisor.received(), timeout=60)  # type: ignore[misc]
    assert code in escalation and escalation.startswith("ESCALATED")
    emails = smtp.wait_for(2, timeout=60)
    assert any(m["To"] == "rony@office.test" and "ESCALATED" in m["Subject"] for m in emails)
    # The caseworker acknowledges by SMS, then hands the returnee back to the bot.
    assert on_call.say(f"ACK {code}") == [render("ack_done", "en", code=code)]
    # Paused: the bot stays quiet (its holding reply was the crisis reply, within the hour),
    # and the caseworker who acknowledged hears of the message.
    assert returnee.say("alo? ou la?", replies=0) == []
    wait_until(lambda: any("alo? ou la?" in sms for sms in on_call.received()))
    assert on_call.say(f"DONE {code}") == [render("resolve_done", "en", code=code)]
    wait_until(lambda: returnee.received()[-1] == text("handoff_ended", "ht"))
    with engine.connect() as connection:
        rows = connection.execute(select(Alert.kind, Alert.status, Alert.escalated_at)).all()
    # The crisis was escalated and resolved; the message written during the handoff was
    # closed by the handback (a handoff_message alert is never left open).
    assert {kind: status for kind, status, _ in rows} == {
        "crisis": "resolved", "handoff_message": "resolved"}  # fmt: skip
    assert any(kind == "crisis" and escalated is not None for kind, _, escalated in rows)

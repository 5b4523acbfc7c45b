"""A referral and a sustainability survey by SMS, end to end, in all four languages: gunicorn,
the worker, the clock and the Rasa server as real processes, the fake Twilio API, signed
webhooks and the bearer-token API. The processes start once for the module; each language is
one returnee with its own partner.

The follow-up's due time comes by moving its schedule entry's `fire_at` into the past (as
test_clock_processes.py plans entries a few seconds ahead): the clock then finds it due."""

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import requests
from sqlalchemy import select, update

from bot.bootstrap import Services, bootstrap
from bot.casework.staff import issue_token
from bot.config import load_settings
from nlu.client import RasaClient
from storage import repositories as repo
from storage.casework import Caseworker
from storage.models import Base
from storage.schedule import ScheduleEntry
from tests.e2e.conftest import TOKEN as NLU_TOKEN
from tests.fakes.twilio_api import FakeTwilio
from tests.helpers import (
    PUBLIC_BASE_URL,
    free_port,
    http_ok,
    inbound_form,
    live_env,
    sign,
    start_process,
    stop_process,
    wait_until,
)

pytestmark = pytest.mark.slow
OFFICES = {"JM": "+18765557900", "DO": "+18095557900", "HT": "+50937007900"}  # supervisors
_sids = itertools.count(1)


@dataclass(frozen=True)
class Person:
    """One returnee, the partner they are referred to, what they answer and what they read."""

    language: str
    name: str
    number: str
    office: str
    zone: str
    partner: dict[str, Any]  # POST /api/v1/partners
    follow_up_days: int  # content/countries/<office>.yml, services.<service>.follow_up_days
    referred: str  # the referral SMS
    asked: str  # the follow-up question
    answer: str  # "1" yes (completes the referral), "3" no (a referral_failed alert)
    answered: str  # the start of the reply to that answer
    retry: str  # the start of the re-ask after a digit the question does not offer
    digits: str  # the survey's ten answers, in order
    scores: tuple[float, float, float, float]  # economic, social, psychosocial, overall


def _partner(name: str, kind: str, country: str, service: str, phone: str, address: str
             ) -> dict[str, Any]:  # fmt: skip
    return {"name": name, "kind": kind, "country": country, "services": [service],
            "phone": phone, "address": address}  # fmt: skip


# Scales (content/survey.yml): questions 3, 6 and 8 are yes/no (1: 1.0, 2: 0.0); the others
# 1: 1.0, 2: 0.5, 3: 0.0. Each dimension is the mean of its answers, overall the mean of the
# three (equal weights), rounded to 3 decimals. The scores below are counted by hand from
# `digits`: es economic (.5 + .5 + 1 + 0) / 4, social (.5 + 1 + .5) / 3, psychosocial
# (1 + .5 + .5) / 3; ht economic (1 + .5 + 0 + 1) / 4, social (1 + 1 + 0) / 3.
PEOPLE = [
    Person(
        "en", "Andre Campbell", "+18765557001", "JM", "America/Jamaica",
        _partner("Bay Help", "ngo", "JM", "counselling", "876-555-0199", "2 Bay Rd, Kingston"),
        10,
        "Counselling: we referred you to Bay Help. Call +1 876-555-0199 or go to 2 Bay Rd, "
        "Kingston. Reply MENU for more.",
        "Did you get help from Bay Help? Reply 1 yes, 2 not yet, 3 no.",
        "1", "Good to hear.", "Please answer with one of the numbers.",
        "1111111111", (1.0, 1.0, 1.0, 1.0),
    ),
    Person(
        "es", "Yohanny Reyes", "+18095557001", "DO", "America/Santo_Domingo",
        _partner("Centro Esperanza", "ngo", "DO", "job_placement", "809-555-0142",
                 "Calle 5 #12, Santo Domingo"),
        14,
        "Empleo: le referimos a Centro Esperanza. Llame al +1 809-555-0142 o vaya "
        "a Calle 5 #12, Santo Domingo. Responda MENU para mas.",
        "¿Recibio ayuda de Centro Esperanza? Responda 1 si, 2 todavia no, 3 no.",
        "3", "Lo sentimos.", "Por favor responda con uno de los numeros.",
        "2213212122", (0.5, 0.667, 0.667, 0.611),
    ),
    Person(
        "ht", "Wilner Joseph", "+50937007001", "HT", "America/Port-au-Prince",
        _partner("Kay Espwa", "church", "HT", "counselling", "+509 3700 0142",
                 "12 Ri Lamatinye, Petion-Ville"),
        14,
        "Konsey: nou voye w bo Kay Espwa. Rele +509 37 00 0142 oswa ale 12 Ri Lamatinye, "
        "Petion-Ville. Reponn MENU pou plis.",
        "Eske Kay Espwa te ede w? Reponn 1 wi, 2 poko, 3 non.",
        "1", "Sa fè nou plezi.", "Tanpri reponn ak youn nan chif yo.",
        "1221113111", (0.625, 0.667, 1.0, 0.764),
    ),
    Person(
        "fr", "Marie Fleurant", "+50937007002", "HT", "America/Port-au-Prince",
        _partner("Maison Esperance", "ngo", "HT", "documents", "+509 2810 0142",
                 "5 rue Capois, Port-au-Prince"),
        14,
        "Papiers: nous vous orientons vers Maison Esperance. Appelez le +509 28 10 0142 ou "
        "allez a 5 rue Capois, Port-au-Prince. Repondez MENU pour plus.",
        "Avez-vous recu de l'aide de Maison Esperance? Repondez 1 oui, 2 pas encore, 3 non.",
        "3", "Nous sommes desoles.", "Merci de repondre par un des chiffres.",
        "3323323233", (0.0, 0.0, 0.0, 0.0),
    ),
]  # fmt: skip
QUESTIONS = ("econ_satisfaction", "econ_food", "econ_borrow", "econ_work", "soc_housing",
             "soc_documents", "soc_health", "psy_support", "psy_distress", "psy_stay")  # fmt: skip
WRONG_AT, WRONG = 2, "3"  # the third question (can you borrow money?) takes 1 or 2 only


@dataclass
class Stack:
    """The running processes, the fake Twilio API, and an API token per office."""

    base: str
    fake: FakeTwilio
    services: Services
    tokens: dict[str, str]

    def api(self, method: str, path: str, office: str, **kwargs: Any) -> requests.Response:
        """A call to /api/v1 as the office's supervisor."""
        headers = {"Authorization": f"Bearer {self.tokens[office]}"}
        return requests.request(method, f"{self.base}/api/v1{path}", headers=headers,
                                timeout=15, **kwargs)  # fmt: skip

    def texts_to(self, number: str) -> list[str]:
        """Every SMS the fake Twilio API accepted for `number`, in order."""
        return [m["body"] for m in self.fake.messages if m["to"] == number]

    def next_text(self, number: str, seen: int, timeout: float = 60) -> str:
        """The SMS after the first `seen` ones, once it has come."""
        found = wait_until(lambda: self.texts_to(number)[seen:], timeout=timeout)
        return str(found[0])

    def text(self, number: str, body: str) -> None:
        """The returnee texts `body`: a signed webhook, as Twilio posts it."""
        form = inbound_form(f"SM{next(_sids):032x}", body, sender=number)
        signature = sign(self.fake.auth_token, f"{PUBLIC_BASE_URL}/twilio/messages", form)
        answer = requests.post(f"{self.base}/twilio/messages", data=form, timeout=15,
                               headers={"X-Twilio-Signature": signature})  # fmt: skip
        assert answer.status_code == 200, answer.text

    def exchange(self, number: str, body: str) -> str:
        """Text `body`; the one SMS that answers it."""
        seen = len(self.texts_to(number))
        self.text(number, body)
        return self.next_text(number, seen)


def _staff(services: Services, now: datetime) -> dict[str, str]:
    """A supervisor per office (on call, so alerts have someone) and their API tokens."""
    tokens = {}
    with services.sessions.begin() as session:
        for office, phone in OFFICES.items():
            person = Caseworker(name=f"Supervisor {office}", phone=phone, office=office,
                                email=f"supervisor.{office.lower()}@example.org",
                                role="supervisor", on_call=True, language="en", active=True,
                                created_at=now)  # fmt: skip
            session.add(person)
            session.flush()
            tokens[office] = issue_token(session, person.id, "e2e", now)
    return tokens


def _returnee(services: Services, person: Person, now: datetime) -> int:
    """The returnee, back today (no check-in or survey falls due during the test)."""
    with services.sessions.begin() as session:
        number = repo.add_contact_with_number(session, person.number, person.language, "sms", now)
        contact = number.contact
        contact.name, contact.country, contact.time_zone = person.name, person.office, person.zone
        contact.consent, contact.consent_at, contact.returned_at = "given", now, now
        session.flush()
        return int(contact.id)


@pytest.fixture(scope="module")
def stack(
    database_url: str, fake_twilio_server: FakeTwilio, rasa: RasaClient,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Stack]:  # fmt: skip
    """web (gunicorn), worker, clock and the NLU server, once for the module; messages may go
    out at any hour, so the test does not depend on the time of day it runs."""
    env = live_env(database_url, fake_twilio_server, QUIET_HOURS="00:00-23:59",
                   SEND_RATE_PER_SECOND="200", LOG_LEVEL="WARNING", RASA_URL=rasa.base_url,
                   RASA_AUTH_TOKEN=NLU_TOKEN)  # fmt: skip
    folder = tmp_path_factory.mktemp("referral-survey")
    services = bootstrap(load_settings(env, instance_path=folder))
    fake_twilio_server.reset()
    tokens = _staff(services, datetime.now(UTC))
    port = free_port()
    commands = [
        ["returnee", "web", "--bind", f"127.0.0.1:{port}", "--workers", "2"],
        ["returnee", "worker"],
        ["returnee", "clock", "--every", "1", "--lease", "4"],
    ]
    started = [(start_process(c, env, folder / f"{c[1]}.log"), folder / f"{c[1]}.log")
               for c in commands]  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until(lambda: http_ok(f"{base}/healthz"), timeout=60)
        yield Stack(base, fake_twilio_server, services, tokens)
    finally:
        for process, log in started:
            stop_process(process)
            print(f"--- {log.name} ---\n" + log.read_text(errors="replace")[-4000:])
        _empty(services)


def _empty(services: Services) -> None:
    """Leave the shared test database as the other modules expect it: empty."""
    with services.engine.begin() as connection:
        for table in reversed(Base.metadata.sorted_tables):
            connection.execute(table.delete())
    services.engine.dispose()


def _refer(stack: Stack, person: Person, contact_id: int) -> dict[str, Any]:
    """The supervisor adds the partner and refers the returnee to it (API)."""
    added = stack.api("POST", "/partners", person.office, json=person.partner)
    assert added.status_code == 201, added.text
    service = person.partner["services"][0]
    body = {"partner_id": added.json()["id"], "service": service, "note": "Met at the airport."}
    made = stack.api("POST", f"/returnees/{contact_id}/referrals", person.office, json=body)
    assert made.status_code == 201, made.text
    found = made.json()
    assert (found["status"], found["sms"], found["partner"]) == (
        "made",
        "queued",
        person.partner["name"],
    )
    return dict(found)


def _follow_up_falls_due(stack: Stack, person: Person, referral: dict[str, Any]) -> None:
    """The follow-up is planned `follow_up_days` after the referral; time passes to it."""
    key = f"referral_follow_up:{referral['id']}"
    made = datetime.fromisoformat(referral["created_at"])
    with stack.services.sessions.begin() as session:
        entry = session.scalar(select(ScheduleEntry).where(ScheduleEntry.key == key))
        assert entry is not None and entry.state == "planned"
        assert entry.fire_at == made + timedelta(days=person.follow_up_days)
        session.execute(update(ScheduleEntry).where(ScheduleEntry.key == key)
                        .values(fire_at=datetime.now(UTC) - timedelta(seconds=1)))  # fmt: skip


def _follow_up(stack: Stack, person: Person, referral: dict[str, Any]) -> None:
    """The clock asks; the returnee answers; the referral (and the alerts) follow."""
    seen = len(stack.texts_to(person.number))
    _follow_up_falls_due(stack, person, referral)
    assert stack.next_text(person.number, seen, timeout=30) == person.asked
    assert stack.exchange(person.number, person.answer).startswith(person.answered)
    found = stack.api("GET", f"/referrals/{referral['id']}", person.office).json()
    alerts = stack.api("GET", "/alerts", person.office).json()["alerts"]
    failed = [a for a in alerts if a["kind"] == "referral_failed"
              and a["contact_id"] == referral["returnee_id"]]  # fmt: skip
    if person.answer == "1":
        assert (found["status"], found["follow_up_answer"]) == ("completed", "yes")
        assert [e["source"] for e in found["events"]][-1] == "sms"
        assert failed == []
    else:
        assert (found["status"], found["follow_up_answer"]) == ("made", "no")
        assert [a["reason"] for a in failed] == [
            f"did not get help from {person.partner['name']} (referral {referral['id']})"
        ]


def _survey(stack: Stack, person: Person, contact_id: int) -> None:
    """Sent on demand; every question answered by one digit; one digit out of range."""
    seen = len(stack.texts_to(person.number))
    sent = stack.api("POST", f"/returnees/{contact_id}/surveys", person.office)
    assert sent.status_code == 201 and sent.json()["state"] == "sent", sent.text
    question = stack.next_text(person.number, seen)
    for index, digit in enumerate(person.digits):
        if index == WRONG_AT:
            before = _open_survey(stack, person, contact_id)
            again = stack.exchange(person.number, WRONG)
            assert again.startswith(person.retry) and again.endswith(question), again
            assert _open_survey(stack, person, contact_id) == before  # nothing changed
        question = stack.exchange(person.number, digit)
    assert _open_survey(stack, person, contact_id) == {}  # none open: it is complete


def _open_survey(stack: Stack, person: Person, contact_id: int) -> dict[str, str]:
    found = stack.api("GET", f"/returnees/{contact_id}/surveys", person.office).json()
    return next((dict(s["answers"]) for s in found["surveys"] if s["status"] == "open"), {})


@pytest.mark.parametrize("person", PEOPLE, ids=[p.language for p in PEOPLE])
def test_a_returnee_is_referred_asked_by_the_clock_and_surveyed_in_their_language(
    stack: Stack, person: Person
) -> None:
    contact_id = _returnee(stack.services, person, datetime.now(UTC))
    referral = _refer(stack, person, contact_id)
    assert stack.next_text(person.number, 0) == person.referred
    _follow_up(stack, person, referral)
    _survey(stack, person, contact_id)

    plan = stack.api("GET", f"/returnees/{contact_id}/plan", person.office).json()
    [taken] = plan["sustainability"]
    assert taken["status"] == "complete"
    assert taken["answers"] == {
        key: digit for key, digit in zip(QUESTIONS, person.digits, strict=True)
    }
    scores = (taken["economic"], taken["social"], taken["psychosocial"], taken["overall"])
    assert scores == pytest.approx(person.scores, abs=1e-9)  # stored rounded
    assert [r["status"] for r in plan["referrals"]] == [
        "completed" if person.answer == "1" else "made"
    ]
    alerts = stack.api("GET", "/alerts", person.office).json()["alerts"]
    low = [a["reason"] for a in alerts if a["kind"] == "low_sustainability"
           and a["contact_id"] == contact_id]  # fmt: skip
    assert low == (["sustainability score 0.00 is below 0.50"] if person.scores[3] < 0.5 else [])
    seen = stack.texts_to(person.number)
    print(f"--- what {person.name} read ({person.language}) ---", *seen, sep="\n")
    # Referral, follow-up, its answer, the survey's 10 questions, one re-ask and the thanks.
    assert len(seen) == 3 + 10 + 1 + 1


def test_the_survey_is_refused_with_a_reason_for_a_returnee_who_opted_out(stack: Stack) -> None:
    now = datetime.now(UTC)
    person = Person("en", "Opted Out", "+18765557099", "JM", "America/Jamaica", {}, 10, "", "",
                    "", "", "", "", (0, 0, 0, 0))  # fmt: skip
    contact_id = _returnee(stack.services, person, now)
    stack.text(person.number, "STOP")  # stored and applied before the webhook answers
    refused = stack.api("POST", f"/returnees/{contact_id}/surveys", "JM")
    assert refused.status_code == 409
    assert refused.json() == {"error": "the returnee opted out or has not given consent"}
    listed = stack.api("GET", f"/returnees/{contact_id}/surveys", "JM").json()
    assert listed == {"surveys": []}

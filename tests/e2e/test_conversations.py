"""Persona conversations (tests/e2e/transcripts/*.yml) played end to end: signed webhooks,
the real Rasa server, a real database, caseworkers acting by SMS and on the dashboard, and a
clock that moves. Each returnee turn asserts what the transcript expects, and always that no
crisis alarm is raised unasked and nobody is left unheard.

The pass rate (conversations and turns) is printed at the end of the run."""

import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.bootstrap import Services, bootstrap
from bot.casework import handoffs
from bot.casework.alerts import escalate_overdue
from bot.casework.staff import hash_password
from bot.config import load_settings
from bot.schedule.checkins import ask_checkin
from nlu.client import RasaClient
from storage import repositories as repo
from storage.casework import Alert, Caseworker, OutboundEmail
from storage.models import Contact, OutboundMessage
from tests.fakes.twilio_api import FakeTwilio
from tests.helpers import PUBLIC_BASE_URL, inbound_form, live_env, sign
from webhooks import create_app

TRANSCRIPTS = sorted((Path(__file__).parent / "transcripts").glob("*.yml"))
START = datetime(2026, 12, 7, 14, 30, tzinfo=UTC)  # a Monday, 09:30 in Kingston
PASSWORD = "conversation-tests"
OFFICES = ("JM", "GY", "BB", "TT", "BS", "HT", "DO", "GD", "AG")
_sids = itertools.count(1)


@dataclass
class World:
    """The running service and a clock the conversation moves."""

    services: Services
    app: Flask
    token: str
    now: datetime = START
    staff: dict[str, str] = field(default_factory=dict)  # phone -> office

    def at(self) -> datetime:
        self.app.config["NOW"] = self.now
        return self.now

    def text(self, sender: str, body: str, channel: str) -> int:
        """A signed webhook as Twilio sends it; the stored message's id."""
        self.at()
        sid = f"SM{next(_sids):032x}"
        prefix = "whatsapp:" if channel == "whatsapp" else ""
        form = inbound_form(sid, body, sender=f"{prefix}{sender}")
        if channel == "whatsapp":
            form["To"] = f"whatsapp:{form['To']}"
        signature = sign(self.token, f"{PUBLIC_BASE_URL}/twilio/messages", form)
        reply = self.app.test_client().post("/twilio/messages", data=form,
                                            headers={"X-Twilio-Signature": signature})  # fmt: skip
        assert reply.status_code == 200, reply.get_data(as_text=True)
        with self.services.sessions.begin() as session:
            row = repo.get_inbound_by_sid(session, sid)
            assert row is not None
            return row.id

    def clock(self) -> None:
        """What the clock does every 15 s: escalations and handoffs that ran out."""
        escalate_overdue(self.services.sessions, self.services.desk.alerts, self.now)
        handoffs.end_expired(self.services.sessions, self.services.desk, self.now)


@pytest.fixture
def world(database_url: str, engine: object, fake_twilio: FakeTwilio, rasa: RasaClient,
          tmp_path: Path) -> Iterator[World]:  # fmt: skip
    env = live_env(database_url, fake_twilio, DEFAULT_OFFICE="JM")
    built = bootstrap(load_settings(env, instance_path=tmp_path))
    services = replace(built, nlu=rasa)
    world = World(services, create_app(services, {"TESTING": True}), fake_twilio.auth_token)
    with services.sessions.begin() as session:
        for index, office in enumerate(OFFICES):
            for role, on_call in (("caseworker", True), ("supervisor", False)):
                phone = f"+1876555{7000 + index * 10 + (role == 'supervisor')}"
                session.add(Caseworker(
                    name=f"{office} {role}", phone=phone,
                    email=f"{office.lower()}-{role}@office.test",
                    office=office, role=role, on_call=on_call, language="en", created_at=START,
                    password_hash=hash_password(PASSWORD),
                ))  # fmt: skip
                world.staff[phone] = office
    yield world
    built.engine.dispose()


@dataclass
class Turn:
    """What one returnee message got."""

    inbound_id: int
    replies: list[str]
    alerts: list[Alert]
    notified: list[OutboundMessage]  # SMS to staff in this turn
    emails: int
    language: str


def _observe(world: World, inbound_id: int, started: datetime, phone: str) -> Turn:
    with world.services.sessions.begin() as session:
        out = session.scalars(select(OutboundMessage).order_by(OutboundMessage.id)).all()
        replies = [m.purpose for m in out if m.in_reply_to_id == inbound_id]
        alerts = list(session.scalars(select(Alert).where(Alert.inbound_id == inbound_id)))
        staff_sms = [m for m in out if m.to_e164 in world.staff and m.created_at >= started
                     and m.purpose.startswith(("alert_", "escalation_"))]  # fmt: skip
        emails = len(session.scalars(select(OutboundEmail.id).where(
            OutboundEmail.created_at >= started)).all())  # fmt: skip
        number = repo.find_number(session, phone)
        assert number is not None
        language = number.contact.language
        session.expunge_all()
        return Turn(inbound_id, replies, alerts, staff_sms, emails, language)


def _check(world: World, turn: Turn, expect: dict[str, Any], phone: str) -> list[str]:
    """The differences between what the turn got and what the transcript expects."""
    problems = []
    if "replies" in expect and turn.replies != expect["replies"]:
        problems.append(f"replies {turn.replies}, expected {expect['replies']}")
    raised = {a.kind for a in turn.alerts}
    wanted = set([expect["alert"]] if isinstance(expect.get("alert"), str) else expect.get(
        "alert") or [])  # fmt: skip
    if "crisis" in raised and "crisis" not in wanted:
        problems.append("a crisis alarm the returnee did not raise")
    if wanted - raised:
        problems.append(f"alerts {sorted(raised)}, expected {sorted(wanted)}")
    if expect.get("paged_office"):
        offices = {world.staff[m.to_e164] for m in turn.notified}
        if offices != {expect["paged_office"]}:
            problems.append(f"paged offices {offices}, expected {expect['paged_office']}")
    if expect.get("caseworker_notified") and not [
        m for m in turn.notified if m.purpose == "alert_handoff_message"
    ]:
        problems.append("the caseworker who has the conversation was not told")
    if "language" in expect and turn.language != expect["language"]:
        problems.append(f"language {turn.language}, expected {expect['language']}")
    if not (turn.replies or turn.notified or _on_an_open_alert(world, turn.inbound_id)):
        problems.append("nobody heard this message")
    return problems


def _on_an_open_alert(world: World, inbound_id: int) -> bool:
    """The message is the newest of an alert a person still has to close (heard, throttled)."""
    with world.services.sessions.begin() as session:
        query = select(Alert.id).where(Alert.inbound_id == inbound_id, Alert.status != "resolved")
        return session.scalar(query.limit(1)) is not None


def _caseworker_act(world: World, action: str, phone: str, client: FlaskClient) -> None:
    """ACK / DONE by SMS from the paged caseworker, or a reply from the dashboard."""
    with world.services.sessions.begin() as session:
        contact = _contact(session, phone)
        query = (
            select(Alert)
            .where(
                Alert.contact_id == contact.id,
                Alert.status != "resolved",
                Alert.kind != "handoff_message",
            )
            .order_by(Alert.id.desc())
        )
        alert = session.scalars(query).first()  # fmt: skip
        assert alert is not None, f"nothing for a caseworker to {action}"
        person = session.get(Caseworker, alert.caseworker_id) if alert.caseworker_id else None
        assert person is not None
        code, staff_phone, email, contact_id = alert.code, person.phone, person.email, contact.id
    if action in ("ack", "resolve"):
        verb = "ACK" if action == "ack" else "DONE"
        world.text(staff_phone, f"{verb} {code}", "sms")
        return
    world.at()
    page = client.get("/dashboard/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert token is not None
    signed = client.post("/dashboard/login", data={"email": email, "password": PASSWORD,
                                                   "csrf_token": token[1]})  # fmt: skip
    assert signed.status_code == 302, signed.get_data(as_text=True)[:2000]
    page = client.get(f"/dashboard/returnees/{contact_id}").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)
    nonce = re.search(r'name="nonce" value="([^"]+)"', page)
    assert token is not None and nonce is not None, page[:3000]
    answer = client.post(
        f"/dashboard/returnees/{contact_id}/reply",
        data={"csrf_token": token[1], "nonce": nonce[1], "body": "Hello, this is your caseworker."},
    )
    assert answer.status_code == 302  # fmt: skip


def _contact(session: Session, phone: str) -> Contact:
    number = repo.find_number(session, phone)
    assert number is not None
    return number.contact


def _wait(text: str) -> timedelta:
    amount, unit = int(text[:-1]), text[-1]
    return timedelta(**{{"m": "minutes", "h": "hours", "d": "days"}[unit]: amount})


@pytest.mark.parametrize("path", TRANSCRIPTS, ids=[p.stem for p in TRANSCRIPTS])
def test_a_persona_conversation_gets_what_the_transcript_expects(
    world: World, path: Path, record_property: Callable[[str, object], None]
) -> None:
    script = yaml.safe_load(path.read_text(encoding="utf-8"))
    phone, channel = script["phone"], script.get("channel", "sms")
    client = world.app.test_client()
    failures, turns = [], 0
    for index, step in enumerate(script["turns"], start=1):
        world.now += timedelta(minutes=1)
        if "wait" in step:
            world.now += _wait(str(step["wait"]))
            world.clock()
        elif "scheduler" in step:
            with world.services.sessions.begin() as session:
                contact_id = _contact(session, phone).id
            assert ask_checkin(world.services.desk, contact_id, f"checkin:t:{index}", world.at())
        elif "caseworker" in step:
            _caseworker_act(world, str(step["caseworker"]), phone, client)
        else:
            turns += 1
            started = world.at()
            inbound_id = world.text(phone, str(step["returnee"]), channel)
            turn = _observe(world, inbound_id, started, phone)
            problems = _check(world, turn, step.get("expect") or {}, phone)
            failures += [f"turn {index} {step['returnee']!r}: {p}" for p in problems]
        world.clock()
    # (turns passed, turns): summed for the README by the terminal summary (conftest.py)
    record_property("persona_turns", (turns - len({f.split(":")[0] for f in failures}), turns))
    assert failures == []


def test_there_are_at_least_twelve_transcripts_in_five_varieties() -> None:
    varieties = {yaml.safe_load(p.read_text())["variety"] for p in TRANSCRIPTS}
    assert len(TRANSCRIPTS) >= 12
    assert len(varieties & {"jam", "guy", "bajan", "trini", "bahamian", "ht", "es", "fr"}) >= 5

"""Alerts reach caseworkers by SMS and email, are acknowledged by SMS, escalate, hand back."""

import itertools
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import select
from sqlalchemy.engine import Engine

from bot.bootstrap import Services, bootstrap
from bot.casework.alerts import escalate_overdue
from bot.config import load_settings
from bot.conversations import inbound
from bot.conversations.inbound import record_status
from bot.messaging.emails import EmailDispatcher, SmtpMailer, SmtpSettings
from bot.messaging.outbox import DispatchPolicy
from bot.messaging.ports import DeliveryUpdate, Inbound
from bot.schedule.checkins import ask_checkin
from flows.texts import label, render, text
from nlu.client import ParseResult
from storage import repositories as repo
from storage.casework import Alert, Caseworker, CheckIn, OutboundEmail
from storage.models import Contact, OutboundMessage
from tests.fakes.smtp import FakeSmtp
from tests.fakes.twilio_api import FakeTwilio
from tests.helpers import live_env

NOW = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)  # 10:00 in Jamaica and Haiti, a Monday
ON_CALL, ASSIGNED, SUPERVISOR = "+18765550900", "+18765550901", "+18765550902"
HT_ON_CALL = "+50937000900"
_sids = itertools.count(1)


class _Meaning:
    """A model port answering a fixed intent (the real Rasa server is tested in e2e)."""

    def __init__(self, intent: str) -> None:
        self.intent = intent

    def parse(self, body: str) -> ParseResult:
        return ParseResult(body, self.intent, 0.95)


@pytest.fixture
def desk_services(
    database_url: str, engine: Engine, fake_twilio: FakeTwilio, smtp: FakeSmtp, tmp_path: Path
) -> Iterator[Services]:
    env = live_env(database_url, fake_twilio, SMTP_PORT=str(smtp.port), DEFAULT_OFFICE="JM")
    built = bootstrap(load_settings(env, instance_path=tmp_path))
    with built.sessions.begin() as session:
        session.add_all([
            _caseworker("Olive On-Call", ON_CALL, "JM", on_call=True),
            _caseworker("Andre Assigned", ASSIGNED, "JM"),
            _caseworker("Sonia Supervisor", SUPERVISOR, "JM", role="supervisor"),
            _caseworker("Jean Astreinte", HT_ON_CALL, "HT", on_call=True, language="fr"),
        ])  # fmt: skip
    yield built
    built.engine.dispose()


def _caseworker(name: str, phone: str, office: str, **extra: Any) -> Caseworker:
    email = name.split()[0].lower() + "@office.test"
    values = {"role": "caseworker", "on_call": False, "language": "en", **extra}
    return Caseworker(name=name, phone=phone, email=email, office=office, created_at=NOW, **values)


def send(services: Services, sender: str, body: str, now: datetime = NOW, intent: str = "") -> None:
    message = Inbound(f"SM{next(_sids):032d}", "sms", sender, "+18765550000", body)
    inbound.receive(services.desk, message, now, _Meaning(intent) if intent else None)


def rows(services: Services, model: type[Any]) -> list[Any]:
    with services.sessions.begin() as session:
        found = list(session.scalars(select(model).order_by(model.id)))
        session.expunge_all()
        return found


def to(services: Services, e164: str) -> list[OutboundMessage]:
    return [row for row in rows(services, OutboundMessage) if row.to_e164 == e164]


def registered(services: Services, e164: str, country: str, assigned: str | None = None) -> int:
    with services.sessions.begin() as session:
        contact = repo.add_contact_with_number(session, e164, "en", "sms", NOW).contact
        contact.consent, contact.country = "given", country
        if assigned:
            contact.caseworker_id = session.scalar(
                select(Caseworker.id).where(Caseworker.phone == assigned)
            )
        return contact.id


def test_a_crisis_in_the_first_message_from_an_unknown_number_reaches_the_on_call_caseworker(
    desk_services: Services, smtp: FakeSmtp
) -> None:
    stranger = "+18765557777"
    send(desk_services, stranger, "i want to kill myself")
    [alert] = rows(desk_services, Alert)
    assert (alert.kind, alert.status, alert.office, alert.e164) == (
        "crisis",
        "open",
        "JM",
        stranger,
    )
    assert alert.inbound_id is not None and alert.sla_due_at == NOW + timedelta(minutes=15)
    [sms] = to(desk_services, ON_CALL)
    assert sms.purpose == "alert_crisis" and alert.code in sms.body and stranger in sms.body
    assert "kill myself" in sms.body and sms.segments <= 2
    [reply] = to(desk_services, stranger)
    assert reply.purpose == "crisis_reply" and "119" in reply.body
    assert desk_services.email_dispatcher().run_once(NOW) == 1
    [email] = smtp.wait_for(1)
    assert email["To"] == "olive@office.test" and alert.code in email["Subject"]
    assert "i want to kill myself" in email.get_payload()


def test_a_haitian_crisis_goes_to_the_haitian_on_call_in_their_language(
    desk_services: Services,
) -> None:
    send(desk_services, "+50937001111", "m vle touye tet mwen")
    [alert] = rows(desk_services, Alert)
    assert alert.office == "HT"
    [sms] = to(desk_services, HT_ON_CALL)
    # Jean reads French: the alert's kind is in French, not English.
    assert label("alert_crisis", "fr") in sms.body and label("alert_crisis", "en") not in sms.body
    assert not to(desk_services, ON_CALL)


def test_a_request_for_a_person_goes_to_the_assigned_caseworker_and_pauses_the_bot(
    desk_services: Services,
) -> None:
    returnee = "+18765551234"
    contact_id = registered(desk_services, returnee, "JM", assigned=ASSIGNED)
    send(desk_services, returnee, "0")
    [alert] = rows(desk_services, Alert)
    assert (alert.kind, alert.caseworker_id is not None) == ("request_human", True)
    assert [m.purpose for m in to(desk_services, ASSIGNED)] == ["alert_request_human"]
    assert not to(desk_services, ON_CALL)  # not a crisis: the assigned caseworker only
    assert to(desk_services, returnee)[-1].purpose == "handoff"
    send(desk_services, returnee, "hello?", NOW + timedelta(minutes=5))
    assert len(to(desk_services, returnee)) == 1  # paused: the caseworker answers now
    with desk_services.sessions.begin() as session:
        assert session.get(Contact, contact_id).paused_until is not None  # type: ignore[union-attr]


def test_ack_by_sms_acknowledges_and_a_caseworker_is_never_treated_as_a_returnee(
    desk_services: Services,
) -> None:
    send(desk_services, "+18765557777", "i want to kill myself")
    [alert] = rows(desk_services, Alert)
    send(desk_services, ON_CALL, f"ack {alert.code.lower()}", NOW + timedelta(minutes=3))
    [acked] = rows(desk_services, Alert)
    assert acked.status == "acknowledged" and acked.acknowledged_at == NOW + timedelta(minutes=3)
    reply = to(desk_services, ON_CALL)[-1]
    assert reply.body == render("ack_done", "en", code=alert.code)
    with desk_services.sessions.begin() as session:
        assert repo.find_number(session, ON_CALL) is None
    assert escalate_overdue(desk_services.sessions, desk_services.desk.alerts,
                            NOW + timedelta(hours=1)) == 0  # fmt: skip


@pytest.mark.parametrize(
    ("body", "key"),
    [("ACK ZZZZZ", "unknown_alert"), ("hello", "caseworker_help"), ("ACK", "caseworker_help")],
)
def test_a_caseworker_message_that_is_not_a_known_command_gets_a_short_answer(
    desk_services: Services, body: str, key: str
) -> None:
    send(desk_services, ASSIGNED, body)
    [reply] = to(desk_services, ASSIGNED)
    assert reply.body == render(key, "en", code="ZZZZZ") and not rows(desk_services, Alert)


def test_an_unacknowledged_crisis_escalates_once_to_the_supervisor_after_the_sla(
    desk_services: Services, smtp: FakeSmtp
) -> None:
    send(desk_services, "+18765557777", "i want to kill myself")
    desk = desk_services.desk
    assert escalate_overdue(desk.sessions, desk.alerts, NOW + timedelta(minutes=14)) == 0
    assert escalate_overdue(desk.sessions, desk.alerts, NOW + timedelta(minutes=15)) == 1
    assert escalate_overdue(desk.sessions, desk.alerts, NOW + timedelta(minutes=30)) == 0
    [alert] = rows(desk_services, Alert)
    assert alert.escalated_at == NOW + timedelta(minutes=15) and alert.status == "open"
    [sms] = to(desk_services, SUPERVISOR)
    assert sms.purpose == "escalation_crisis" and alert.code in sms.body
    assert desk_services.email_dispatcher().run_once(NOW + timedelta(minutes=16)) == 2
    subjects = sorted(m["Subject"] for m in smtp.wait_for(2))
    assert any("ESCALATED" in s for s in subjects)


def test_other_alerts_wait_a_day_before_escalating(desk_services: Services) -> None:
    registered(desk_services, "+18765551234", "JM")
    send(desk_services, "+18765551234", "talk to a person", intent="request_human")
    desk = desk_services.desk
    assert escalate_overdue(desk.sessions, desk.alerts, NOW + timedelta(hours=23)) == 0
    assert escalate_overdue(desk.sessions, desk.alerts, NOW + timedelta(hours=24)) == 1


def test_done_resolves_the_alert_and_hands_the_returnee_back_to_the_bot(
    desk_services: Services,
) -> None:
    returnee = "+18765551234"
    registered(desk_services, returnee, "JM", assigned=ASSIGNED)
    send(desk_services, returnee, "0")
    [alert] = rows(desk_services, Alert)
    send(desk_services, ASSIGNED, f"DONE {alert.code}", NOW + timedelta(hours=1))
    [done] = rows(desk_services, Alert)
    assert done.status == "resolved" and done.resolved_at == NOW + timedelta(hours=1)
    assert to(desk_services, returnee)[-1].body == text("handoff_ended", "en")
    send(desk_services, returnee, "menu", NOW + timedelta(hours=2))
    assert to(desk_services, returnee)[-1].purpose == "menu"  # the bot answers again


def test_struggling_alerts_and_records_the_check_in_and_the_need(desk_services: Services) -> None:
    returnee = "+18765551234"
    contact_id = registered(desk_services, returnee, "JM", assigned=ASSIGNED)
    assert ask_checkin(desk_services.desk, contact_id, "checkin:test:2026-11", NOW)
    assert not ask_checkin(desk_services.desk, contact_id, "checkin:test:2026-11", NOW)
    send(desk_services, returnee, "3", NOW + timedelta(hours=1))
    send(desk_services, returnee, "2", NOW + timedelta(hours=1, minutes=2))
    [checkin] = rows(desk_services, CheckIn)
    assert (checkin.answer, checkin.need) == ("struggling", "work")
    [alert] = rows(desk_services, Alert)
    assert alert.kind == "struggling" and "work" in alert.reason
    purposes = [m.purpose for m in to(desk_services, returnee)]
    assert purposes == ["checkin", "checkin_need", "need_noted", "orientation_job_placement"]


def test_an_unreachable_number_raises_an_undeliverable_alert(desk_services: Services) -> None:
    returnee = "+18765551234"
    registered(desk_services, returnee, "JM", assigned=ASSIGNED)
    send(desk_services, returnee, "menu")
    [reply] = to(desk_services, returnee)
    with desk_services.sessions.begin() as session:
        session.get(OutboundMessage, reply.id).twilio_sid = "SM" + "9" * 32  # type: ignore[union-attr]
    update = DeliveryUpdate("SM" + "9" * 32, "undelivered", 30003, None, None, unreachable=True)
    record_status(desk_services.desk, update, NOW)
    [alert] = rows(desk_services, Alert)
    assert alert.kind == "undeliverable" and "30003" in alert.reason


def test_a_registration_code_links_a_new_number_and_a_second_number_needs_a_check(
    desk_services: Services,
) -> None:
    with desk_services.sessions.begin() as session:
        case = Contact(name="Case", country="JM", language="en", consent="unknown",
                       registration_code="JM4821", created_at=NOW, updated_at=NOW)  # fmt: skip
        session.add(case)
    first, second = "+18765552001", "+18765552002"
    for phone in (first, second):
        for body in ("hi", "1", "1", "yes", "jm-4821"):
            send(desk_services, phone, body)
    with desk_services.sessions.begin() as session:
        linked = repo.find_number(session, first)
        other = repo.find_number(session, second)
        assert linked is not None and linked.contact.registration_code == "JM4821"
        assert linked.contact.consent == "given"
        assert other is not None and other.contact.registration_code is None  # not yet
    [alert] = rows(desk_services, Alert)
    assert alert.kind == "new_number" and alert.e164 == second
    send(desk_services, ON_CALL, f"ACK {alert.code}")
    with desk_services.sessions.begin() as session:
        moved = repo.find_number(session, second)
        assert moved is not None and moved.contact.registration_code == "JM4821"
    assert to(desk_services, second)[-1].body == text("code_linked", "en")


def test_caseworkers_are_managed_from_the_command_line(
    database_url: str, engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cli.main import cli

    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("RETURNEE_INSTANCE_PATH", str(tmp_path))
    runner = CliRunner()
    add = [
        "caseworker",
        "add",
        "--name",
        "Marie Joseph",
        "--phone",
        "+509 3700 0950",
        "--email",
        "marie@office.test",
        "--office",
        "ht",
        "--role",
        "supervisor",
        "--on-call",
    ]
    result = runner.invoke(cli, add)
    assert result.exit_code == 0, result.output
    listed = runner.invoke(cli, ["caseworker", "list"]).output
    assert "+50937000950" in listed and "supervisor" in listed and "on-call" in listed
    bad = runner.invoke(cli, [*add[:-3], "XX"])
    assert bad.exit_code != 0 and "XX" in bad.output
    assert runner.invoke(cli, ["caseworker", "remove", "--phone", "+50937000950"]).exit_code == 0
    assert "no caseworkers" in runner.invoke(cli, ["caseworker", "list"]).output
    with engine.connect() as connection:
        assert connection.execute(select(Caseworker.active)).scalar() is False


def test_an_email_that_fails_is_retried_and_never_lost(
    desk_services: Services, smtp: FakeSmtp
) -> None:
    send(desk_services, "+18765557777", "i want to kill myself")
    nobody_listens = SmtpMailer(SmtpSettings("127.0.0.1", 9, "alerts@returnee.test"))
    broken = EmailDispatcher(desk_services.sessions, nobody_listens, DispatchPolicy())
    assert broken.run_once(NOW) == 1
    [pending] = rows(desk_services, OutboundEmail)
    assert pending.dispatch_state == "pending" and pending.error_message
    assert desk_services.email_dispatcher().run_once(NOW + timedelta(hours=1)) == 1
    assert len(smtp.wait_for(1)) == 1
    assert rows(desk_services, OutboundEmail)[0].dispatch_state == "sent"


def test_a_crisis_from_a_number_outside_the_programme_goes_to_the_default_office(
    desk_services: Services,
) -> None:
    us_sim = "+13055550123"
    send(desk_services, us_sim, "i want to end my life")
    [alert] = rows(desk_services, Alert)
    assert alert.office == "JM" and [m.purpose for m in to(desk_services, ON_CALL)] == [
        "alert_crisis"
    ]
    [reply] = to(desk_services, us_sim)
    assert reply.purpose == "crisis_reply" and not any(ch.isdigit() for ch in reply.body)


def test_the_clock_tick_runs_the_sla_sweep_and_a_standby_clock_does_not(
    desk_services: Services,
) -> None:
    from scheduler.clock import Clock

    send(desk_services, "+18765557777", "i want to kill myself")
    later = NOW + timedelta(minutes=20)
    leader = Clock(desk_services, clock=lambda: later)
    standby = Clock(desk_services, clock=lambda: later)
    assert leader.tick() and not standby.tick()
    [alert] = rows(desk_services, Alert)
    assert alert.escalated_at == later
    assert [m.purpose for m in to(desk_services, SUPERVISOR)] == ["escalation_crisis"]

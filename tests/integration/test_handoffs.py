"""Handoffs on a real database: nobody is left unheard, false alarms are recoverable, a handoff
ends on time, and only staff who can see the returnee are paged."""

from datetime import timedelta

from sqlalchemy import select

from bot.bootstrap import Services
from bot.casework import caseload, handoffs
from bot.casework.alerts import escalate_overdue
from bot.casework.staff import member
from flows.texts import render
from storage.casework import Alert, Caseworker
from storage.models import Contact, OutboundMessage
from storage.staff import AuditEntry, StaffOffice
from tests.integration.test_casework import (
    HT_ON_CALL,
    NOW,
    ON_CALL,
    SUPERVISOR,
    _caseworker,
    desk_services,  # noqa: F401  (the fixture)
    rows,
    send,
)

RETURNEE = "+18765554100"
CRISIS = "dem seh dem a go kill mi tonight"


def to(services: Services, phone: str) -> list[OutboundMessage]:
    return [m for m in rows(services, OutboundMessage) if m.to_e164 == phone]


def alert_of(services: Services, kind: str) -> Alert:
    [found] = [a for a in rows(services, Alert) if a.kind == kind]
    return found


def in_crisis_acknowledged(services: Services) -> Alert:
    send(services, RETURNEE, CRISIS)
    crisis = alert_of(services, "crisis")
    send(services, ON_CALL, f"ACK {crisis.code}", NOW + timedelta(minutes=2))
    return crisis


def test_after_an_ack_every_message_reaches_that_caseworker_at_most_one_sms_per_ten_minutes(
    desk_services: Services,  # noqa: F811
) -> None:
    in_crisis_acknowledged(desk_services)
    before = len(to(desk_services, ON_CALL))
    for minutes, body in ((3, "hello? are you still there?"), (5, "please call"),
                          (16, "how do i get my birth certificate")):  # fmt: skip
        send(desk_services, RETURNEE, body, NOW + timedelta(minutes=minutes))

    notices = [m.body for m in to(desk_services, ON_CALL)][before:]
    assert len(notices) == 2  # minutes 3 and 16; minute 5 was inside the 10 minutes
    assert "hello? are you still there?" in notices[0] and "birth certificate" in notices[1]
    message = alert_of(desk_services, "handoff_message")
    assert message.status == "open" and message.caseworker_id is not None
    assert (
        message.sla_due_at
        == NOW + timedelta(minutes=3) + desk_services.desk.alert_policy.crisis_sla
    )


def test_the_returnee_hears_the_holding_reply_hourly_with_the_numbers_again(
    desk_services: Services,  # noqa: F811
) -> None:
    registered(desk_services, RETURNEE)
    in_crisis_acknowledged(desk_services)
    for minutes in (30, 61, 70, 125):
        send(desk_services, RETURNEE, "hello?", NOW + timedelta(minutes=minutes))

    purposes = [m.purpose for m in to(desk_services, RETURNEE)][5:]
    assert purposes == ["crisis_reply", "handoff_waiting", "handoff_waiting"]
    holding = to(desk_services, RETURNEE)[6].body
    assert "119" in holding and holding.startswith("Your caseworker has your message")


def test_a_dashboard_reply_answers_the_messages_and_an_unanswered_one_escalates(
    desk_services: Services,  # noqa: F811
) -> None:
    in_crisis_acknowledged(desk_services)
    send(desk_services, RETURNEE, "hello?", NOW + timedelta(minutes=3))
    contact_id = alert_of(desk_services, "crisis").contact_id
    with desk_services.sessions.begin() as session:
        olive = session.scalar(select(Caseworker).where(Caseworker.phone == ON_CALL))
        contact = session.get(Contact, contact_id)
        assert olive is not None and contact is not None
        problem = caseload.reply(session, member(session, olive), contact, "I am here", "n1",
                                 NOW + timedelta(minutes=4))  # fmt: skip
        assert problem is None and contact.handoff_owner_id == olive.id
    assert alert_of(desk_services, "handoff_message").status == "resolved"

    send(desk_services, RETURNEE, "ok thank you, when can we meet", NOW + timedelta(minutes=5))
    opened = [a for a in rows(desk_services, Alert) if a.kind == "handoff_message"]
    assert [a.status for a in opened] == ["resolved", "open"]
    late = NOW + timedelta(minutes=5) + desk_services.desk.alert_policy.crisis_sla
    escalate_overdue(desk_services.sessions, desk_services.desk.alerts, late)
    assert any(m.body.startswith("ESCALATED") for m in to(desk_services, SUPERVISOR))


def registered(services: Services, phone: str) -> None:
    """A returnee who onboarded in Jamaica and consented."""
    for body in ("hi", "1", "yes", "yes", "no"):
        send(services, phone, body, NOW - timedelta(days=1))


def test_not_in_danger_is_noted_on_the_alert_and_the_real_question_answered(
    desk_services: Services,  # noqa: F811
) -> None:
    registered(desk_services, RETURNEE)
    send(desk_services, RETURNEE, CRISIS)
    send(desk_services, RETURNEE, "mi nuh inna no danger, mi did jus a ask bout di grant",
         NOW + timedelta(minutes=1), intent="ask_grant")  # fmt: skip

    assert [m.purpose for m in to(desk_services, RETURNEE)][-2:] == [
        "retraction_noted", "orientation_grants"]  # fmt: skip
    crisis = alert_of(desk_services, "crisis")
    assert crisis.status == "open" and "returnee says not in danger" in crisis.reason
    send(desk_services, RETURNEE, "weh it deh?", NOW + timedelta(minutes=2))
    assert to(desk_services, RETURNEE)[-1].purpose == "follow_up_where"  # answered, not muted


def test_a_handoff_that_runs_out_says_the_bot_is_back_in_the_morning_not_at_night(
    desk_services: Services,  # noqa: F811
) -> None:
    send(desk_services, RETURNEE, "0", intent="request_human")
    with desk_services.sessions.begin() as session:
        contact = session.scalar(select(Contact).where(Contact.paused_until.is_not(None)))
        assert contact is not None
        contact.paused_until = NOW + timedelta(hours=13)  # 23:00 in Kingston
    night = NOW + timedelta(hours=13, minutes=1)
    assert handoffs.end_expired(desk_services.sessions, desk_services.desk, night) == 0
    morning = NOW + timedelta(hours=22)  # 08:00 in Kingston
    assert handoffs.end_expired(desk_services.sessions, desk_services.desk, morning) == 1
    assert handoffs.end_expired(desk_services.sessions, desk_services.desk, morning) == 0
    back = to(desk_services, RETURNEE)[-1]
    assert (back.purpose, back.body) == ("handoff_back", render("handoff_back", "en"))


def test_a_haiti_crisis_pages_and_escalates_only_staff_who_can_see_haiti(
    desk_services: Services,  # noqa: F811
) -> None:
    with desk_services.sessions.begin() as session:
        regional = _caseworker("Rita Regional", "+18765550977", "JM", role="supervisor")
        session.add(regional)
        session.flush()
        session.add(StaffOffice(caseworker_id=regional.id, office="HT"))
    send(desk_services, "+50937004100", "yo pral touye m")
    crisis = alert_of(desk_services, "crisis")
    assert crisis.office == "HT" and to(desk_services, HT_ON_CALL)
    escalate_overdue(desk_services.sessions, desk_services.desk.alerts,
                     NOW + desk_services.desk.alert_policy.crisis_sla)  # fmt: skip

    assert any(m.body.startswith("ESCALATED") for m in to(desk_services, "+18765550977"))
    assert not to(desk_services, SUPERVISOR)  # Jamaica's supervisor cannot open this returnee


def test_an_ack_by_sms_is_in_the_audit_log_with_who_and_the_card_says_so(
    desk_services: Services,  # noqa: F811
) -> None:
    crisis = in_crisis_acknowledged(desk_services)
    [entry] = [e for e in rows(desk_services, AuditEntry) if e.action == "acknowledge_alert"]
    with desk_services.sessions.begin() as session:
        olive = session.scalar(select(Caseworker).where(Caseworker.phone == ON_CALL))
        assert olive is not None
        assert (entry.caseworker_id, entry.channel, entry.detail) == (olive.id, "sms", crisis.code)
    assert alert_of(desk_services, "crisis").acknowledged_by_id == entry.caseworker_id


def test_with_the_nlu_down_yes_is_consent_and_an_unreadable_answer_is_never_a_refusal(
    desk_services: Services,  # noqa: F811
) -> None:
    for body in ("hello", "1", "yes"):
        send(desk_services, "+18765554200", body)
    for body in ("hello", "1", "hmm", "???", "what"):
        send(desk_services, "+18765554201", body)

    consents = {c.id: c.consent for c in rows(desk_services, Contact)}
    assert sorted(consents.values()) == ["given", "unknown"]
    purposes = [m.purpose for m in to(desk_services, "+18765554201")]
    assert purposes[-1] == "menu" and "consent_later" in purposes

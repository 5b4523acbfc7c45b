"""The sustainability survey on a real database: planned quarterly from the return date by the
clock and sent once, answered by SMS one digit at a time, nudged once, closed partial when the
returnee stops, scored, and a low or falling score alerts the caseworker."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from bot.bootstrap import Services
from bot.schedule import surveys
from bot.schedule.planning import fire_due
from flows.texts import LANGUAGES, render
from storage import repositories as repo
from storage.casework import Alert
from storage.models import Contact
from storage.reintegration import Survey
from tests.helpers import db_rows
from tests.integration import test_scheduler
from tests.integration.test_scheduler import NOW, reply, returnee, run_until, sent_to

desk_services = test_scheduler.desk_services  # the fixture: a JM office and its caseworker

JM = "+18765551001"
BACK = datetime(2026, 9, 2, 15, 0, tzinfo=UTC)  # three months before NOW: a survey is due
ALL_BEST = ["1"] * 10


def ask_now(services: Services, contact_id: int, at: datetime = NOW) -> Survey | None:
    with services.sessions.begin() as session:
        contact = session.get(Contact, contact_id)
        assert contact is not None
        sent, _ = surveys.request_survey(session, services.desk, contact, None, at)
        return sent


def answer(services: Services, digits: list[str], start: datetime, e164: str = JM) -> None:
    for index, digit in enumerate(digits):
        reply(services, e164, digit, start + timedelta(minutes=index + 1))


def the_surveys(services: Services) -> list[Survey]:
    return sorted(db_rows(services, Survey), key=lambda s: s.id)


def low_alerts(services: Services) -> list[Alert]:
    return [a for a in db_rows(services, Alert) if a.kind == "low_sustainability"]


def test_a_quarterly_survey_is_planned_from_the_return_date_sent_once_and_answered(
    desk_services: Services,
) -> None:
    returnee(desk_services, JM, returned_at=BACK)
    assert surveys.plan_surveys(desk_services.desk, NOW) == 1
    assert surveys.plan_surveys(desk_services.desk, NOW + timedelta(hours=1)) == 0
    fire_due(desk_services.desk, NOW)
    fire_due(desk_services.desk, NOW + timedelta(minutes=1))
    [survey] = the_surveys(desk_services)
    assert survey.key.endswith(":2026Q4") and survey.occasion == "quarterly"
    answer(desk_services, ALL_BEST, NOW)
    [survey] = the_surveys(desk_services)
    assert survey.status == "complete" and len(survey.answers) == 10
    assert (survey.economic, survey.social, survey.psychosocial, survey.overall) == (1, 1, 1, 1)
    purposes = [m.purpose for m in sent_to(desk_services, JM)]
    assert purposes == ["survey"] + ["survey_question"] * 9 + ["survey_thanks"]
    assert low_alerts(desk_services) == []


def test_an_unanswered_survey_is_nudged_once_then_closed_partial_and_a_low_score_alerts(
    desk_services: Services,
) -> None:
    contact_id = returnee(desk_services, JM, returned_at=BACK)
    ask_now(desk_services, contact_id)
    answer(desk_services, ["3", "3"], NOW)  # money: not happy; ate less: often
    run_until(desk_services, NOW + timedelta(days=8))
    purposes = [m.purpose for m in sent_to(desk_services, JM)]
    assert purposes == ["survey", "survey_question", "survey_question", "survey_nudge"]
    [survey] = the_surveys(desk_services)
    assert survey.status == "partial" and survey.answers == {"econ_satisfaction": "3",
                                                             "econ_food": "3"}  # fmt: skip
    assert survey.economic == 0.0 and survey.social is None and survey.overall == 0.0
    [alert] = low_alerts(desk_services)
    assert "below" in alert.reason and alert.contact_id == contact_id


def test_a_nudge_reasks_the_pending_question_and_takes_its_answer(desk_services: Services) -> None:
    contact_id = returnee(desk_services, JM, returned_at=BACK)
    ask_now(desk_services, contact_id)
    answer(desk_services, ["1"], NOW)
    run_until(desk_services, NOW + timedelta(hours=80))
    nudge = sent_to(desk_services, JM)[-1]
    assert nudge.purpose == "survey_nudge" and "1 Never 2 Sometimes 3 Often" in nudge.body
    answer(desk_services, ["2"], NOW + timedelta(hours=81))
    [survey] = the_surveys(desk_services)
    assert survey.answers["econ_food"] == "2" and survey.asked == "econ_borrow"


def test_stop_during_a_survey_sends_nothing_more_and_the_survey_is_kept_partial(
    desk_services: Services,
) -> None:
    contact_id = returnee(desk_services, JM, returned_at=BACK)
    ask_now(desk_services, contact_id)
    answer(desk_services, ["1", "STOP"], NOW)
    run_until(desk_services, NOW + timedelta(days=8))
    assert [m.purpose for m in sent_to(desk_services, JM)][-1] == "opt_out_confirmation"
    [survey] = the_surveys(desk_services)
    assert survey.status == "partial" and survey.answers == {"econ_satisfaction": "1"}
    assert survey.nudged_at is None


def test_a_wrong_digit_is_reasked_once_and_a_second_ends_the_survey_partial(
    desk_services: Services,
) -> None:
    contact_id = returnee(desk_services, JM, returned_at=BACK)
    ask_now(desk_services, contact_id)
    answer(desk_services, ["1", "7", "8"], NOW)
    sent = sent_to(desk_services, JM)
    assert [m.purpose for m in sent][-2:] == ["survey_retry", "survey_stopped"]
    assert sent[-2].body.startswith("Please answer with one of the numbers.")
    assert the_surveys(desk_services)[0].status == "partial"


def test_a_falling_score_alerts_the_caseworker(desk_services: Services) -> None:
    contact_id = returnee(desk_services, JM, returned_at=BACK)
    ask_now(desk_services, contact_id)
    answer(desk_services, ALL_BEST, NOW)
    later = NOW + timedelta(days=90)
    ask_now(desk_services, contact_id, later)
    answer(desk_services, ["1", "1", "1", "1", "3", "1", "3", "1", "1", "1"], later)
    first, second = the_surveys(desk_services)
    assert first.overall == 1.0 and second.overall is not None and second.overall >= 0.5
    [alert] = low_alerts(desk_services)
    assert "fell from 1.00" in alert.reason


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_survey_is_asked_answered_and_thanked_in_the_returnee_language(
    desk_services: Services, language: str
) -> None:
    contact_id = returnee(desk_services, JM, returned_at=BACK, language=language)
    ask_now(desk_services, contact_id)
    answer(desk_services, ALL_BEST, NOW)
    sent = sent_to(desk_services, JM)
    assert sent[0].body.startswith(render("survey_intro", language))
    assert sent[1].body == render("survey_econ_food", language)
    assert sent[-1].body == render("survey_thanks", language)
    assert the_surveys(desk_services)[0].status == "complete"


def test_a_survey_planned_at_night_waits_for_the_morning_and_an_opted_out_number_gets_none(
    desk_services: Services,
) -> None:
    returnee(desk_services, JM, returned_at=BACK)
    returnee(desk_services, "+18765551002", returned_at=BACK)
    with desk_services.sessions.begin() as session:
        repo.mark_opted_out(session, "+18765551002", NOW)
    night = NOW + timedelta(hours=12)  # 22:00 in Kingston, the survey's day
    assert surveys.plan_surveys(desk_services.desk, night) == 1
    fire_due(desk_services.desk, night + timedelta(hours=9))  # 07:00: still quiet
    assert the_surveys(desk_services) == []
    fire_due(desk_services.desk, night + timedelta(hours=10))  # 08:00
    [survey] = the_surveys(desk_services)
    assert survey.sent_at == night + timedelta(hours=10)
    assert sent_to(desk_services, "+18765551002") == []


def test_on_whatsapp_the_survey_is_free_text_inside_the_24_hour_window_and_sms_outside(
    desk_services: Services,
) -> None:
    contact_id = returnee(desk_services, JM, returned_at=BACK, channel="whatsapp")
    ask_now(desk_services, contact_id)  # no message from them yet, no survey template: SMS
    assert sent_to(desk_services, JM)[-1].channel == "sms"
    answer(desk_services, ["1"], NOW)
    reply(desk_services, JM, "hello", NOW + timedelta(days=20), channel="whatsapp")
    with desk_services.sessions.begin() as session:
        for survey in session.scalars(select(Survey)):
            survey.status = "complete"  # the first survey is over
    ask_now(desk_services, contact_id, NOW + timedelta(days=20, hours=1))
    assert sent_to(desk_services, JM)[-1].channel == "whatsapp"

"""The sustainability survey by SMS: one digit a question, a wrong digit re-asked once with the
digits, a second one ends it (partial), and STOP, crisis words and a person still win."""

from datetime import timedelta

import pytest

from bot.schedule.survey_file import load_survey_book
from flows.conversation import (
    CloseSurvey,
    Conversation,
    Effect,
    Event,
    RaiseAlert,
    RecordSurveyAnswer,
    Send,
)
from flows.dialogue import step
from flows.survey import open_survey, plan_of, question_text
from flows.texts import LANGUAGES, render
from flows.vocabulary import AlertKind, Flow, Question, SurveyStatus
from tests.flow_world import CTX

BOOK = load_survey_book()
PLAN = plan_of(BOOK)
LASTS = timedelta(days=7)


def surveyed(language: str = "en") -> tuple[Conversation, list[Effect]]:
    return open_survey(Conversation(language, consent="given", country="JM"), CTX, PLAN, LASTS)


def sends(effects: list[Effect]) -> list[str]:
    return [e.purpose for e in effects if isinstance(e, Send)]


def bodies(effects: list[Effect]) -> list[str]:
    return [e.body for e in effects if isinstance(e, Send)]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_survey_opens_with_the_intro_and_the_first_question_in_the_returnee_language(
    language: str,
) -> None:
    asked, effects = surveyed(language)
    first = BOOK.questions[0].id
    assert bodies(effects) == [f"{render('survey_intro', language)} "
                               f"{question_text(first, language)}"]  # fmt: skip
    assert asked.session is not None and asked.session.flow == Flow.SURVEY
    assert asked.session.step == first and asked.asked == Question.SURVEY


def test_each_digit_is_recorded_and_the_next_question_asked_until_thanks() -> None:
    state, _ = surveyed()
    recorded: list[Effect] = []
    for index, question in enumerate(BOOK.questions):
        state, effects = step(state, Event("1"), CTX)
        following = BOOK.questions[index + 1].id if index + 1 < len(BOOK.questions) else None
        assert RecordSurveyAnswer(question.id, "1", following) in effects
        recorded += [e for e in effects if isinstance(e, RecordSurveyAnswer)]
        expected = ["survey_question"] if following else ["survey_thanks"]
        assert sends(effects) == expected
    assert len(recorded) == len(BOOK.questions) and state.session is None


ANSWERS = [  # (id, what the returnee sends, what happens)
    ("a digit offered", "2", "recorded"),
    ("a digit with a full stop", "2.", "recorded"),
    ("a digit not offered", "7", "re-asked"),
    ("two digits", "12", "re-asked"),
    ("words", "where is the office", "not an answer"),
]  # fmt: skip


@pytest.mark.parametrize(("body", "outcome"), [a[1:] for a in ANSWERS], ids=[a[0] for a in ANSWERS])
def test_what_an_answer_does(body: str, outcome: str) -> None:
    state, _ = surveyed()
    new, effects = step(state, Event(body, intent="ask_office" if outcome == "not an answer"
                                     else None), CTX)  # fmt: skip
    recorded = [e for e in effects if isinstance(e, RecordSurveyAnswer)]
    if outcome == "recorded":
        assert recorded and recorded[0].digit == "2"
    elif outcome == "re-asked":
        assert not recorded and sends(effects) == ["survey_retry"]
        first = BOOK.questions[0].id
        assert bodies(effects)[0].endswith(question_text(first, "en"))  # names the digits
    else:  # answered as any message; the survey waits for its digit
        assert not recorded and "survey_retry" not in sends(effects)
        assert new.session is not None and new.session.flow == Flow.SURVEY


def test_a_second_wrong_digit_ends_the_survey_as_partial() -> None:
    state, _ = surveyed()
    state, _ = step(state, Event("1"), CTX)
    state, _ = step(state, Event("9"), CTX)
    state, effects = step(state, Event("9"), CTX)
    assert CloseSurvey(SurveyStatus.PARTIAL) in effects
    assert sends(effects) == ["survey_stopped"] and state.session is None


def test_a_right_answer_after_a_wrong_one_resets_the_count() -> None:
    state, _ = surveyed()
    state, _ = step(state, Event("9"), CTX)
    state, _ = step(state, Event("1"), CTX)
    state, effects = step(state, Event("9"), CTX)
    assert sends(effects) == ["survey_retry"]


def test_stop_during_the_survey_opts_out_and_ends_the_session() -> None:
    state, _ = surveyed()
    new, effects = step(state, Event("STOP"), CTX)
    assert new.opted_out and new.session is None
    assert sends(effects) == ["opt_out_confirmation"]


def test_a_crisis_during_the_survey_is_a_crisis() -> None:
    state, _ = surveyed()
    new, effects = step(state, Event("I want to end my life", intent="crisis",
                                     confidence=1.0), CTX)  # fmt: skip
    assert RaiseAlert(AlertKind.CRISIS, "crisis message") in effects
    assert new.session is None and "crisis_reply" in sends(effects)


def test_asking_for_a_person_during_the_survey_hands_off() -> None:
    state, _ = surveyed()
    new, effects = step(state, Event("0", intent="request_human"), CTX)
    assert "handoff" in sends(effects) and new.session is None


def test_changing_language_asks_the_pending_question_again_in_it() -> None:
    state, _ = surveyed()
    _, effects = step(state, Event("espanol", intent="change_language", language="es"), CTX)
    assert bodies(effects)[-1] == question_text(BOOK.questions[0].id, "es")


def test_a_nudge_asks_the_pending_question_again() -> None:
    start = BOOK.questions[3].id
    _, effects = open_survey(Conversation("fr"), CTX, PLAN, LASTS, start, "survey_nudge")
    assert bodies(effects) == [f"{render('survey_nudge', 'fr')} {question_text(start, 'fr')}"]
    assert sends(effects) == ["survey_nudge"]


def test_the_survey_expires_when_its_time_is_over() -> None:
    state, _ = surveyed()
    later = type(CTX)(CTX.catalogue, CTX.now + LASTS + timedelta(minutes=1))
    _, effects = step(state, Event("1"), later)
    assert not [e for e in effects if isinstance(e, RecordSurveyAnswer)]

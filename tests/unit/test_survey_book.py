"""The survey as data: the shipped file loads and cites its source, scores are weighted means,
low and falling scores alert, quarterly dates, composed messages fit, and bad files are named."""

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.schedule.survey_file import load_plan_book, load_survey_book
from flows.content import ContentError
from flows.plans import parse_plan_book
from flows.segments import count_segments
from flows.survey_book import (
    Alerting,
    Scores,
    SurveyBook,
    SurveyQuestion,
    alert_reason,
    score,
    survey_occasions,
)
from flows.texts import LANGUAGES, render
from flows.vocabulary import Dimension

BOOK = load_survey_book()
SHIPPED = (Path(__file__).resolve().parents[2] / "content" / "survey.yml").read_text("utf-8")


def test_the_shipped_survey_has_at_most_10_one_digit_questions_across_the_three_dimensions() -> (
    None
):
    assert 1 <= len(BOOK.questions) <= 10
    assert {q.dimension for q in BOOK.questions} == set(Dimension)
    assert all(len(d) == 1 and d.isdigit() for q in BOOK.questions for d in q.digits)
    assert "Reintegration Sustainability Survey" in BOOK.source and "Samuel Hall" in BOOK.source
    assert all(q.adapts for q in BOOK.questions)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("lead", ["survey_intro", "survey_retry", "survey_nudge"])
def test_every_composed_survey_message_is_gsm7_within_two_segments(
    lead: str, language: str
) -> None:
    for question in BOOK.questions:
        body = f"{render(lead, language)} {render(f'survey_{question.id}', language)}"
        count = count_segments(body)
        assert count.encoding == "GSM-7" and count.segments <= 2, body


def q(qid: str, dimension: Dimension, weight: float = 1.0) -> SurveyQuestion:
    return SurveyQuestion(qid, dimension, "x", weight, {"1": 1.0, "2": 0.5, "3": 0.0})


SMALL = SurveyBook("src", (q("e1", Dimension.ECONOMIC), q("e2", Dimension.ECONOMIC, 3.0),
                           q("s1", Dimension.SOCIAL), q("p1", Dimension.PSYCHOSOCIAL)),
                   {d: 1.0 for d in Dimension})  # fmt: skip
SCORING = [  # (id, answers, expected scores)
    ("all best", {"e1": "1", "e2": "1", "s1": "1", "p1": "1"}, Scores(1.0, 1.0, 1.0, 1.0)),
    ("all worst", {"e1": "3", "e2": "3", "s1": "3", "p1": "3"}, Scores(0.0, 0.0, 0.0, 0.0)),
    ("weights count", {"e1": "1", "e2": "3", "s1": "2", "p1": "1"},
     Scores(0.25, 0.5, 1.0, 0.583)),
    ("partial: a dimension unanswered", {"e1": "1", "s1": "3"}, Scores(1.0, 0.0, None, 0.5)),
    ("nothing answered", {}, Scores(None, None, None, None)),
    ("an unknown digit is ignored", {"e1": "9", "s1": "1"}, Scores(None, 1.0, None, 1.0)),
]  # fmt: skip


@pytest.mark.parametrize(("answers", "expected"), [s[1:] for s in SCORING],
                         ids=[s[0] for s in SCORING])  # fmt: skip
def test_scores(answers: dict[str, str], expected: Scores) -> None:
    assert score(SMALL, answers) == expected


def test_dimension_weights_shape_the_overall_score() -> None:
    heavy = SurveyBook("src", SMALL.questions, {Dimension.ECONOMIC: 2.0, Dimension.SOCIAL: 1.0,
                                                Dimension.PSYCHOSOCIAL: 1.0})  # fmt: skip
    assert score(heavy, {"e1": "1", "e2": "1", "s1": "3", "p1": "3"}).overall == 0.5


ALERTS = [  # (id, overall, previous, alerts?)
    ("low", 0.4, None, "below"), ("just at the threshold", 0.5, None, None),
    ("fell by 0.2", 0.6, 0.8, "fell"), ("fell by 0.1", 0.7, 0.8, None),
    ("rose", 0.9, 0.6, None), ("nothing answered", None, 0.9, None),
]  # fmt: skip


@pytest.mark.parametrize(("overall", "previous", "word"), [a[1:] for a in ALERTS],
                         ids=[a[0] for a in ALERTS])  # fmt: skip
def test_low_or_falling_scores_alert(
    overall: float | None, previous: float | None, word: str | None
) -> None:
    book = SurveyBook("src", SMALL.questions, SMALL.dimension_weights, Alerting(0.5, 0.2))
    reason = alert_reason(book, overall, previous)
    assert (reason is None) if word is None else (reason is not None and word in reason)


def test_quarterly_surveys_fall_every_3_months_from_the_return_date_at_10_local() -> None:
    zone = ZoneInfo("America/Jamaica")
    found = survey_occasions(datetime(2026, 11, 30, 20, tzinfo=UTC), zone, BOOK)
    assert [o for o, _ in found] == ["2027Q1", "2027Q2", "2027Q3", "2027Q4"]
    local = [due.astimezone(zone) for _, due in found]
    assert [(d.month, d.day, d.hour) for d in local] == [(2, 28, 10), (5, 30, 10), (8, 30, 10),
                                                        (11, 30, 10)]  # fmt: skip


BAD = [  # (id, the edit to the shipped file, words of the error)
    ("eleven questions", lambda t: t + "\n".join(t.split("questions:\n")[1].splitlines()[:6]),
     "1 to 10 questions"),
    ("an unknown dimension", lambda t: t.replace("dimension: social", "dimension: spiritual", 1),
     "line 54: questions[4].dimension"),
    ("a score above 1", lambda t: t.replace('scores: {"1": 1.0, "2": 0.0}', 'scores: {"1": 2, '
                                            '"2": 0.0}', 1), "line 44: questions[2].scores"),
    ("a two-digit answer", lambda t: t.replace('"3": 0.0}', '"10": 0.0}', 1), "not a digit"),
    ("a question without a text", lambda t: t.replace("id: psy_stay", "id: psy_hope"),
     "survey_psy_hope"),
    ("no source", lambda t: t.replace("source: >-", "old_source: >-"), "cite the source"),
    ("a drop above 1", lambda t: t.replace("drop: 0.2", "drop: 2"), "alert.drop"),
    ("broken YAML", lambda t: t.replace("questions:", "questions: [", 1), "line"),
]  # fmt: skip


@pytest.mark.parametrize(("edit", "words"), [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_a_bad_survey_file_is_refused_naming_its_line_and_key(
    tmp_path: Path, edit: object, words: str
) -> None:
    assert callable(edit)
    (tmp_path / "survey.yml").write_text(edit(SHIPPED), encoding="utf-8")
    with pytest.raises(ContentError) as error:
        load_survey_book(tmp_path)
    assert str(error.value).startswith("survey.yml: ") and words in str(error.value)


def test_a_missing_survey_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ContentError, match="is missing"):
        load_survey_book(tmp_path)


def test_the_shipped_plan_lists_load_and_a_bad_one_is_named() -> None:
    book = load_plan_book()
    assert "hen_rearing" in book.business_types and "JMD" in book.currencies
    with pytest.raises(ContentError, match="milestone_services"):
        parse_plan_book({"business_types": ["x"], "currencies": ["JMD"],
                         "milestone_services": {"counselling": "hugs"}}, "plan.yml")  # fmt: skip
    with pytest.raises(ContentError, match="currencies"):
        parse_plan_book({"business_types": ["x"], "currencies": ["dollars"]}, "plan.yml")

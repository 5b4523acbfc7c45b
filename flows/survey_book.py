"""The sustainability survey as data (content/survey.yml): questions, scales, weights, and the
scores they give. Pure: parsing, validation and scoring; the file is read by bot/.

Each dimension scores 0 to 1 as the weighted mean of its answered questions; the overall
score is the weighted mean of the dimensions answered (IOM's Reintegration Sustainability
Survey combines its three dimension scores the same way, with its own weights).
"""

from calendar import monthrange
from dataclasses import dataclass
from datetime import datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from flows.content import ContentError
from flows.schedule import add_months, at_local
from flows.texts import TEXTS
from flows.vocabulary import Dimension

MAX_QUESTIONS = 10
LINE = "__line__"  # the line a mapping starts on, added by the loader (bot/schedule/survey_file)


@dataclass(frozen=True)
class SurveyQuestion:
    """One keypad question: the digits it takes and what each is worth (0 worst, 1 best)."""

    id: str
    dimension: Dimension
    adapts: str  # the IOM RSS indicator it stands for
    weight: float
    scores: dict[str, float]

    @property
    def digits(self) -> tuple[str, ...]:
        """The valid answers, in order."""
        return tuple(sorted(self.scores))


@dataclass(frozen=True)
class Alerting:
    """When a survey alerts the caseworker: overall below `low_below`, or a fall of `drop`."""

    low_below: float = 0.5
    drop: float = 0.2


@dataclass(frozen=True)
class SurveyBook:
    """The survey and its rhythm: every `every_months` from return, `surveys` times."""

    source: str
    questions: tuple[SurveyQuestion, ...]
    dimension_weights: dict[Dimension, float]
    alerting: Alerting = Alerting()
    every_months: int = 3
    surveys: int = 4
    nudge_after_hours: int = 72
    close_after_days: int = 7

    def question(self, question_id: str) -> SurveyQuestion | None:
        """The question of this id, if the survey has it."""
        return next((q for q in self.questions if q.id == question_id), None)

    def after(self, question_id: str) -> SurveyQuestion | None:
        """The question asked after this one; None after the last."""
        ids = [q.id for q in self.questions]
        index = ids.index(question_id) + 1 if question_id in ids else len(ids)
        return self.questions[index] if index < len(ids) else None


@dataclass(frozen=True)
class Scores:
    """A survey's scores: each dimension and overall, None where nothing was answered."""

    economic: float | None
    social: float | None
    psychosocial: float | None
    overall: float | None


def score(book: SurveyBook, answers: dict[str, str]) -> Scores:
    """The scores of the answers given (question id -> digit); unknown answers are ignored."""
    by_dimension: dict[Dimension, float | None] = {}
    for dimension in Dimension:
        pairs = [(q.weight, q.scores[answers[q.id]]) for q in book.questions
                 if q.dimension == dimension and answers.get(q.id) in q.scores]  # fmt: skip
        by_dimension[dimension] = _mean(pairs)
    overall = _mean([(book.dimension_weights[d], s) for d, s in by_dimension.items()
                     if s is not None])  # fmt: skip
    return Scores(by_dimension[Dimension.ECONOMIC], by_dimension[Dimension.SOCIAL],
                  by_dimension[Dimension.PSYCHOSOCIAL], overall)  # fmt: skip


def _mean(pairs: list[tuple[float, float]]) -> float | None:
    total = sum(weight for weight, _ in pairs)
    return round(sum(w * s for w, s in pairs) / total, 3) if pairs and total > 0 else None


def alert_reason(book: SurveyBook, overall: float | None, previous: float | None) -> str | None:
    """Why these scores alert the caseworker (low, or fallen since last time), or None."""
    if overall is None:
        return None
    if overall < book.alerting.low_below:
        return f"sustainability score {overall:.2f} is below {book.alerting.low_below:.2f}"
    if previous is not None and previous - overall >= book.alerting.drop - 1e-9:
        return f"sustainability score fell from {previous:.2f} to {overall:.2f}"
    return None


# Parsing content/survey.yml


def parse_survey_book(data: Any, source: str) -> SurveyBook:
    """Validate the parsed survey file; ContentError names the file, the line and the key."""
    top = _mapping(data, source, "(top level)")
    raw = top.get("questions")
    if not isinstance(raw, list) or not 1 <= len(raw) <= MAX_QUESTIONS:
        raise ContentError(source, _at(top, "questions"), f"must be a list of 1 to "
                           f"{MAX_QUESTIONS} questions")  # fmt: skip
    questions = tuple(_question(item, source, f"questions[{i}]") for i, item in enumerate(raw))
    ids = [q.id for q in questions]
    if len(set(ids)) != len(ids):
        raise ContentError(source, _at(top, "questions"), "two questions have the same id")
    text = top.get("source")
    if not isinstance(text, str) or not text.strip():
        raise ContentError(source, _at(top, "source"), "must cite the source of the indicators")
    return SurveyBook(
        text.strip(), questions, _dimension_weights(top, source), _alerting(top, source),
        _whole(top, "every_months", source, 1, 12, 3), _whole(top, "surveys", source, 1, 20, 4),
        _whole(top, "nudge_after_hours", source, 1, 24 * 14, 72),
        _whole(top, "close_after_days", source, 1, 60, 7),
    )  # fmt: skip


def _mapping(data: Any, source: str, key: str) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise ContentError(source, key, "must be a mapping")
    return data


def _at(data: dict[str, Any], key: str) -> str:
    """The key, with the line of its mapping where the loader recorded it."""
    line = data.get(LINE)
    return f"line {line}: {key}" if isinstance(line, int) else key


def _question(raw: Any, source: str, path: str) -> SurveyQuestion:
    item = _mapping(raw, source, path)
    qid, dimension = item.get("id"), item.get("dimension")
    if not isinstance(qid, str) or not qid.isidentifier() or len(qid) > 30:
        raise ContentError(source, _at(item, f"{path}.id"), "must be a short name (a-z, _)")
    if f"survey_{qid}" not in TEXTS:
        raise ContentError(source, _at(item, f"{path}.id"), f"{qid!r} has no text: add "
                           f"survey_{qid} to flows/locale/*/LC_MESSAGES/replies.po")  # fmt: skip
    if dimension not in set(Dimension):
        raise ContentError(source, _at(item, f"{path}.dimension"),
                           f"must be one of {', '.join(Dimension)}")  # fmt: skip
    adapts = item.get("adapts")
    if not isinstance(adapts, str) or not adapts.strip():
        raise ContentError(source, _at(item, f"{path}.adapts"), "must name the RSS indicator")
    weight = _number(item, "weight", source, path, positive=True)
    return SurveyQuestion(qid, Dimension(dimension), adapts.strip(), weight,
                          _scores(item, source, path))  # fmt: skip


def _scores(item: dict[str, Any], source: str, path: str) -> dict[str, float]:
    raw = item.get("scores")
    where = _at(item, f"{path}.scores")
    if not isinstance(raw, dict) or not 2 <= len([k for k in raw if k != LINE]) <= 9:
        raise ContentError(source, where, "must map 2 to 9 digits to scores")
    found: dict[str, float] = {}
    for digit, value in raw.items():
        if digit == LINE:
            continue
        if str(digit) not in "123456789" or len(str(digit)) != 1:
            raise ContentError(source, where, f"{digit!r} is not a digit 1-9")
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
            raise ContentError(source, where, f"the score of {digit} must be 0 to 1")
        found[str(digit)] = float(value)
    return found


def _number(item: dict[str, Any], key: str, source: str, path: str, positive: bool) -> float:
    value = item.get(key, 1)
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or (positive and not 0 < value <= 100)
    ):
        raise ContentError(source, _at(item, f"{path}.{key}"), "must be a number above 0")
    return float(value)


def _dimension_weights(top: dict[str, Any], source: str) -> dict[Dimension, float]:
    raw = top.get("dimension_weights", {d.value: 1 for d in Dimension})
    weights = _mapping(raw, source, _at(top, "dimension_weights"))
    return {d: _number(weights, d.value, source, "dimension_weights", True) for d in Dimension}


def _alerting(top: dict[str, Any], source: str) -> Alerting:
    raw = _mapping(top.get("alert", {}), source, _at(top, "alert"))
    values = []
    for key, default in (("low_below", 0.5), ("drop", 0.2)):
        value = raw.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
            raise ContentError(source, _at(raw, f"alert.{key}"), "must be a number 0 to 1")
        values.append(float(value))
    return Alerting(*values)


def _whole(top: dict[str, Any], key: str, source: str, low: int, high: int, default: int) -> int:
    value = top.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ContentError(source, _at(top, key), f"must be a whole number {low} to {high}")
    return value


def survey_occasions(
    since: datetime, zone: ZoneInfo, book: SurveyBook
) -> list[tuple[str, datetime]]:
    """(occurrence, when) of each quarterly survey: every `every_months` from `since` (the
    return date), at 10:00 local; the occurrence names the calendar quarter (2027Q1)."""
    start = since.astimezone(zone).date()
    found = []
    for number in range(1, book.surveys + 1):
        month = add_months(start.replace(day=1), number * book.every_months)
        day = min(start.day, monthrange(month.year, month.month)[1])
        due = at_local(month.replace(day=day), time(10), zone)
        found.append((f"{month.year}Q{(month.month - 1) // 3 + 1}", due))
    return found

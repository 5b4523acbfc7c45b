"""The sustainability survey by SMS: one keypad question at a time.

The questions and the digits each takes travel with the session (its `order` answer), so a
survey being answered keeps its questions even if content/survey.yml changes meanwhile. A
wrong digit re-asks once, naming the digits; a second wrong one ends the survey (partial).
Words are not answers: they are answered as any message, and the survey waits.
"""

from dataclasses import dataclass, replace
from datetime import timedelta

from flows.conversation import (
    CloseSurvey,
    Context,
    Conversation,
    Effect,
    Event,
    FlowStep,
    RecordSurveyAnswer,
    Send,
)
from flows.survey_book import SurveyBook
from flows.texts import render
from flows.vocabulary import Flow, Question, SurveyStatus

Outcome = tuple[Conversation, list[Effect]]
ORDER = "order"


@dataclass(frozen=True)
class Asked:
    """A question of the survey as the session holds it: its id and the digits it takes."""

    id: str
    digits: str


def plan_of(book: SurveyBook) -> tuple[Asked, ...]:
    """The questions of the book, in order, with their digits."""
    return tuple(Asked(q.id, "".join(q.digits)) for q in book.questions)


def _encode(plan: tuple[Asked, ...]) -> str:
    return " ".join(f"{a.id}:{a.digits}" for a in plan)


def _decode(raw: str | None) -> tuple[Asked, ...]:
    pairs = [item.partition(":") for item in (raw or "").split()]
    return tuple(Asked(qid, digits) for qid, _, digits in pairs)


def question_text(question_id: str, language: str) -> str:
    """The question in the returnee's language (its digits are in the text)."""
    return render(f"survey_{question_id}", language)


def _session(plan: tuple[Asked, ...], current: str, ctx: Context, lasts: timedelta) -> FlowStep:
    return FlowStep(Flow.SURVEY, current, ctx.now + lasts, ((ORDER, _encode(plan)),))


def open_survey(
    conversation: Conversation, ctx: Context, plan: tuple[Asked, ...], lasts: timedelta,
    start: str | None = None, intro: str = "survey_intro",
) -> Outcome:  # fmt: skip
    """Ask the first question (or `start`), after the intro, and wait for one digit."""
    current = start or plan[0].id
    session = _session(plan, current, ctx, lasts)
    language = conversation.language
    body = f"{render(intro, language)} {question_text(current, language)}"
    asked = replace(conversation, session=session, asked=Question.SURVEY, misunderstood=0)
    return asked, [Send(body, "survey" if intro == "survey_intro" else "survey_nudge")]


def answer_survey(conversation: Conversation, event: Event, ctx: Context) -> Outcome | None:
    """A digit answers the question asked; a wrong digit re-asks once, then ends the survey.
    None for words: they are answered as any message, and the survey waits."""
    session = conversation.session
    assert session is not None
    choice = event.body.strip().rstrip(".")
    if not choice.isdigit():
        return None
    plan = _decode(session.answer(ORDER))
    current = next((a for a in plan if a.id == session.step), None)
    if current is None:  # a session this code cannot read: end it, keep what was said
        return replace(conversation, session=None), [CloseSurvey(SurveyStatus.PARTIAL)]
    if len(choice) != 1 or choice not in current.digits:
        return _wrong(conversation, session, current)
    return _next(conversation, session, plan, current, choice)


def _wrong(conversation: Conversation, session: FlowStep, current: Asked) -> Outcome:
    language = conversation.language
    if session.invalid >= 1:
        done = replace(conversation, session=None, asked=None)
        return done, [CloseSurvey(SurveyStatus.PARTIAL),
                      Send(render("survey_stopped", language), "survey_stopped")]  # fmt: skip
    again = replace(conversation, session=replace(session, invalid=session.invalid + 1))
    body = f"{render('survey_retry', language)} {question_text(current.id, language)}"
    return again, [Send(body, "survey_retry")]


def _next(
    conversation: Conversation, session: FlowStep, plan: tuple[Asked, ...], current: Asked,
    choice: str,
) -> Outcome:  # fmt: skip
    language = conversation.language
    ids = [a.id for a in plan]
    index = ids.index(current.id) + 1
    following = plan[index].id if index < len(plan) else None
    record = RecordSurveyAnswer(current.id, choice, following)
    if following is None:
        done = replace(conversation, session=None, asked=None, misunderstood=0)
        return done, [record, Send(render("survey_thanks", language), "survey_thanks")]
    moved = replace(conversation, session=replace(session, step=following, invalid=0),
                    asked=Question.SURVEY, misunderstood=0)  # fmt: skip
    return moved, [record, Send(question_text(following, language), "survey_question")]


def prompt(conversation: Conversation) -> Send:
    """The question waiting for an answer, asked again (after a change of language)."""
    session = conversation.session
    assert session is not None and session.flow == Flow.SURVEY
    return Send(question_text(session.step, conversation.language), "survey_question")

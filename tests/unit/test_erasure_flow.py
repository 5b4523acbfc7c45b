"""Erasure on request, as a table: "DELETE MY DATA" in four languages asks for a keypad
confirmation; 1 erases and opts out, 2 keeps everything; an opted-out number hears nothing."""

from dataclasses import dataclass, replace
from datetime import timedelta

import pytest

from flows import erasure
from flows.conversation import Conversation, EraseData, Event, FlowStep, Send
from flows.dialogue import step
from flows.texts import render
from flows.vocabulary import Flow, Handoff, Question
from tests.flow_world import CTX, NOW

ASKING = FlowStep(Flow.ERASURE, erasure.CONFIRM_STEP, NOW + timedelta(hours=24))


def returnee(language: str = "en", **changes: object) -> Conversation:
    return replace(Conversation(language, consent="given", country="JM"), **changes)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Case:
    """One row: the state and the message, then the replies (purpose, text key) and whether
    the data is erased."""

    id: str
    state: Conversation
    body: str
    replies: tuple[tuple[str, str], ...]
    erased: bool = False
    asking_after: bool = False


def confirm(language: str) -> tuple[tuple[str, str], ...]:
    return (("erasure_confirm", render("erasure_confirm", language)),)


CASES = [
    Case("english request", returnee(), "DELETE MY DATA", confirm("en"), asking_after=True),
    Case("lower case and punctuation", returnee(), " delete my data! ", confirm("en"),
         asking_after=True),
    Case("spanish request answers in spanish", returnee("en"), "Borrar mis datos",
         confirm("es"), asking_after=True),
    Case("french with accents", returnee("fr"), "Effacer mes données", confirm("fr"),
         asking_after=True),
    Case("kreyol", returnee("ht"), "EFASE DONE MWEN", confirm("ht"), asking_after=True),
    Case("english words from a spanish speaker", returnee("es"), "FORGET ME", confirm("es"),
         asking_after=True),
    Case("during a crisis handoff", returnee(paused_until=NOW + timedelta(hours=5),
         handoff=Handoff.CRISIS), "DELETE MY DATA", confirm("en"), asking_after=True),
    Case("1 erases and opts out", returnee(session=ASKING, asked=Question.ERASURE), "1",
         (("opt_out_confirmation", render("erasure_done", "en")),), erased=True),
    Case("1 in spanish", returnee("es", session=ASKING), "1.",
         (("opt_out_confirmation", render("erasure_done", "es")),), erased=True),
    Case("2 keeps", returnee("fr", session=ASKING), "2",
         (("erasure_kept", render("erasure_kept", "fr")),)),
    Case("another digit asks again", returnee(session=ASKING), "7", confirm("en"),
         asking_after=True),
    Case("a second wrong digit keeps", returnee(session=replace(ASKING, invalid=1)), "7",
         (("erasure_kept", render("erasure_kept", "en")),)),
    Case("opted out hears nothing", returnee(opted_out=True), "DELETE MY DATA", ()),
    Case("part of a sentence is not a request", returnee(), "how do I delete my data", (),
         asking_after=False),
]  # fmt: skip


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_erasure_is_asked_confirmed_or_declined_by_keypad(case: Case) -> None:
    new, effects = step(case.state, Event(case.body, intent="out_of_scope"), CTX)
    replies = tuple((e.purpose, e.body) for e in effects if isinstance(e, Send))
    if case.id == "part of a sentence is not a request":
        assert all(p != "erasure_confirm" for p, _ in replies)
    else:
        assert replies == case.replies
    assert any(isinstance(e, EraseData) for e in effects) is case.erased
    asking = new.session is not None and new.session.flow == Flow.ERASURE
    assert asking is case.asking_after
    if case.erased:
        assert new.opted_out and new.paused_until is None


def test_an_expired_question_makes_a_1_mean_something_else() -> None:
    state = returnee(session=replace(ASKING, expires_at=NOW - timedelta(minutes=1)))
    _, effects = step(state, Event("1", intent="out_of_scope"), CTX)
    assert not any(isinstance(e, EraseData) for e in effects)


@pytest.mark.parametrize("phrase", ["DELETE MY DATA", "borra mis datos", "Oubliez-moi",
                                    "siprime done mwen", "“Delete my data”"])  # fmt: skip
def test_the_request_is_recognised_as_a_whole_message(phrase: str) -> None:
    assert erasure.requested(phrase)[0]

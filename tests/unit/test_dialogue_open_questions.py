"""One open question at a time: a bare digit answers the question the bot asked last.

Every ordered pair of questions the bot can have open (the menu, "did not understand", a
check-in, "what do you need most", a reminder, an onboarding step) is asked in turn, then
"2" is sent: it must mean what the second question offered as 2.
"""

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from flows.checkin import open_checkin
from flows.conversation import (
    Conversation,
    Effect,
    Event,
    RecordCheckin,
    RecordMilestoneAnswer,
    Reminder,
    Send,
)
from flows.dialogue import step
from flows.onboarding import begin
from flows.reminder import open_reminder
from tests.flow_world import CTX

REMINDER = Reminder(31, "counselling", datetime(2026, 12, 10, 19, tzinfo=UTC), "NODM", "UTC")
Opener = Callable[[Conversation], Conversation]


def _stepped(event: Event) -> Opener:
    return lambda conversation: step(conversation, event, CTX)[0]


OPENERS: dict[str, Opener] = {
    "menu": _stepped(Event("hello", intent="greet", confidence=0.9)),
    "did not understand": _stepped(Event("qwzx")),
    "check-in": lambda c: open_checkin(c, CTX)[0],
    "need": _stepped(Event("things hard", intent="checkin_struggling", confidence=0.9)),
    "reminder": lambda c: open_reminder(c, REMINDER, CTX)[0],
}


def _menu_two(effects: list[Effect]) -> bool:
    return [e.purpose for e in effects if isinstance(e, Send)] == [
        "orientation_vocational_training"
    ]


# What "2" means once each question was asked last.
MEANS: dict[str, Callable[[list[Effect]], bool]] = {
    "menu": _menu_two,
    "did not understand": _menu_two,
    "check-in": lambda effects: RecordCheckin("okay") in effects,
    "need": lambda effects: RecordCheckin("struggling", "work") in effects,
    "reminder": lambda effects: RecordMilestoneAnswer(31, "change") in effects,
}
TWO = Event("2", intent="ask_vocational_training", confidence=1.0)  # as the exact rules read it
PAIRS = [(first, second) for first in OPENERS for second in OPENERS]


@pytest.mark.parametrize(("first", "second"), PAIRS, ids=[f"{a} then {b}" for a, b in PAIRS])
def test_a_digit_answers_the_question_asked_last(first: str, second: str) -> None:
    conversation = Conversation("en", consent="given", country="JM")
    conversation = OPENERS[second](OPENERS[first](conversation))

    _, effects = step(conversation, TWO, CTX)

    assert MEANS[second](effects), effects


@pytest.mark.parametrize("second", ["check-in", "reminder"])
def test_a_scheduled_question_during_onboarding_takes_the_digit(second: str) -> None:
    onboarding, _ = begin(Conversation("en"), Event("hi", intent="greet"), CTX)
    conversation = OPENERS[second](replace(onboarding, consent="given"))

    _, effects = step(conversation, TWO, CTX)

    assert MEANS[second](effects), effects


def test_join_after_the_menu_makes_the_digit_answer_the_consent_question() -> None:
    declined = OPENERS["menu"](Conversation("en", consent="declined"))
    asked, _ = step(declined, Event("JOIN"), CTX)

    new, effects = step(asked, TWO, CTX)

    assert new.consent == "declined" and [e.purpose for e in effects if isinstance(e, Send)] == [
        "consent_declined",
        "menu",
    ]


def test_words_still_answer_an_open_check_in_after_the_menu() -> None:
    conversation = OPENERS["menu"](OPENERS["check-in"](Conversation("en", consent="given")))

    _, effects = step(conversation, Event("so so", intent="checkin_okay", confidence=0.8), CTX)

    assert RecordCheckin("okay") in effects


BAD = ["", "   ", "🙂", "👍🏽🙏", "asdfgh", "?!", "\u200b"]
PLACES: dict[str, Opener] = {
    **OPENERS,
    "onboarding language": lambda c: begin(Conversation("en"), Event("hi"), CTX)[0],
}


@pytest.mark.parametrize("body", BAD, ids=[repr(b) for b in BAD])
@pytest.mark.parametrize("place", list(PLACES))
def test_bad_input_gets_a_short_reply_and_keeps_the_conversations_place(
    place: str, body: str
) -> None:
    conversation = PLACES[place](Conversation("en", consent="given", country="JM"))

    new, effects = step(conversation, Event(body), CTX)

    assert [e for e in effects if isinstance(e, Send)], "no reply"
    assert new.session == conversation.session or (
        new.session is not None and conversation.session is not None
        and new.session.step == conversation.session.step
    )  # fmt: skip

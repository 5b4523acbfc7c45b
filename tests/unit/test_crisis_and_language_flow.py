"""Crisis replies show the right emergency numbers; a language change sticks."""

from datetime import UTC, datetime

import pytest

from flows.emergency import EMERGENCY
from flows.foundation import ContactState, InboundEvent, respond
from flows.segments import count_segments
from flows.texts import LANGUAGES, crisis_text, text

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
REGIONS = [*EMERGENCY, None, "US"]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("region", REGIONS)
def test_every_crisis_reply_fits_two_segments_and_names_the_police_number(
    region: str | None, language: str
) -> None:
    reply = crisis_text(language, region)
    assert count_segments(reply).segments <= 2
    numbers = EMERGENCY.get(region or "")
    if numbers is None:
        assert not any(ch.isdigit() for ch in reply)  # never a wrong country's number
    else:
        assert numbers.police in reply and numbers.ambulance in reply
        if numbers.helpline:
            assert numbers.helpline in reply


def test_unconfirmed_numbers_stay_marked_for_operators() -> None:
    assert EMERGENCY["HT"].verified is False
    assert EMERGENCY["JM"].verified is True


@pytest.mark.parametrize(
    ("state", "event", "expected"),
    [
        (ContactState("ht", False), InboundEvent("...", "sms", intent="crisis", region="HT"),
         [("crisis_reply", crisis_text("ht", "HT"))]),
        (ContactState("en", False),
         InboundEvent("pic", "whatsapp", 1, intent="crisis", region="JM"),
         [("crisis_reply", crisis_text("en", "JM"))]),
        (ContactState("es", True), InboundEvent("...", "sms", intent="crisis", region="DO"), []),
        (ContactState("en", False), InboundEvent("x", "sms", intent="nlu_fallback"),
         [("welcome", text("welcome", "en"))]),
    ],
    ids=["crisis in kreyol", "crisis beats media", "opted out: nothing sent", "fallback: menu"],
)  # fmt: skip
def test_crisis_and_fallback_replies(
    state: ContactState, event: InboundEvent, expected: list[tuple[str, str]]
) -> None:
    _, sends = respond(state, event, NOW)
    assert [(s.purpose, s.body) for s in sends] == expected


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_language_change_switches_the_contact_and_answers_in_the_new_language(
    language: str,
) -> None:
    event = InboundEvent("...", "sms", intent="change_language", language=language)
    state, sends = respond(ContactState("en", False), event, NOW)
    assert state.language == language
    assert [s.body for s in sends] == [text("welcome", language)]


def test_an_unknown_language_code_changes_nothing() -> None:
    event = InboundEvent("...", "sms", intent="change_language", language="de")
    state, sends = respond(ContactState("fr", False), event, NOW)
    assert state.language == "fr" and [s.purpose for s in sends] == ["welcome"]

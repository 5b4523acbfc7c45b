"""Crisis replies give the right country's emergency numbers, never another country's."""

import pytest

from flows.content import Emergency
from flows.conversation import Conversation, Event, Policy, RaiseAlert, Send
from flows.dialogue import step
from flows.segments import count_segments
from flows.texts import GENERIC, LANGUAGES, crisis_text, render
from tests.flow_world import CATALOGUE, CTX, NOW

COUNTRY_LANGUAGE = [(code, lang) for code in CATALOGUE.order for lang in LANGUAGES]


def numbers(code: str) -> Emergency:
    return CATALOGUE.countries[code].emergency


@pytest.mark.parametrize(
    ("code", "language"), COUNTRY_LANGUAGE, ids=[f"{c}-{lang}" for c, lang in COUNTRY_LANGUAGE]
)
def test_every_crisis_reply_names_the_confirmed_numbers_only_and_fits_two_segments(
    code: str, language: str
) -> None:
    emergency = numbers(code)
    reply = crisis_text(language, emergency)

    for number in (emergency.police, emergency.ambulance, emergency.helpline):
        if number is not None:
            assert (number.number in reply) == number.verified, (number, reply)
    assert count_segments(reply).segments <= 2
    assert count_segments(reply).encoding == "GSM-7"


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("HT", ["122", "116", "2919-9000"]),
        ("JM", ["119", "110", "888-639-5433"]),
        ("DO", ["911", "811"]),
    ],
)
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_crisis_reply_has_the_numbers_of_the_content_file(
    code: str, expected: list[str], language: str
) -> None:
    reply = crisis_text(language, numbers(code))
    for number in expected:
        assert number in reply


@pytest.mark.parametrize("language", LANGUAGES)
def test_one_number_for_police_and_ambulance_is_given_once(language: str) -> None:
    assert crisis_text(language, numbers("DO")).count("911") == 1


@pytest.mark.parametrize("language", [*LANGUAGES, "de"])
def test_without_numbers_the_reply_is_generic_and_has_no_digits(language: str) -> None:
    reply = crisis_text(language, None)

    assert GENERIC.get(language, GENERIC["en"]) in reply
    assert not any(ch.isdigit() for ch in reply)  # never a wrong country's number


def test_an_unknown_language_gets_the_english_crisis_reply() -> None:
    assert crisis_text("de", numbers("JM")) == crisis_text("en", numbers("JM"))


def test_the_crisis_replies_differ_by_language() -> None:
    replies = {crisis_text(language, numbers("HT")) for language in LANGUAGES}
    assert len(replies) == len(LANGUAGES)


def test_unconfirmed_numbers_stay_marked_for_operators_and_are_never_given_in_a_crisis() -> None:
    bahamas = numbers("BS")
    assert bahamas.helpline is not None and bahamas.helpline.verified is False
    assert bahamas.helpline.number not in crisis_text("en", bahamas)
    assert numbers("HT").police.verified is True and numbers("HT").police.number == "122"
    assert numbers("DO").helpline is not None and numbers("DO").helpline.number == "811"


def test_jamaicas_abuse_line_is_the_number_its_letters_spell() -> None:
    gbv = numbers("JM").gbv
    assert gbv is not None and gbv.number == "1-888-662-2873"  # N-O-A-B-U-S-E


@pytest.mark.parametrize(
    ("police", "ambulance", "says", "never"),
    [(True, True, ["119", "110"], []), (False, True, ["110"], ["119"]),
     (True, False, ["119"], ["110"]), (False, False, [], ["119", "110"])],
)  # fmt: skip
def test_an_unconfirmed_police_or_ambulance_number_is_left_out_of_the_crisis_reply(
    police: bool, ambulance: bool, says: list[str], never: list[str]
) -> None:
    from dataclasses import replace

    jm = numbers("JM")
    emergency = replace(jm, police=replace(jm.police, verified=police),
                        ambulance=replace(jm.ambulance, verified=ambulance))  # fmt: skip
    reply = crisis_text("en", emergency)
    assert all(n in reply for n in says) and not any(f"{n} (" in reply for n in never)
    if not says:
        assert GENERIC["en"] in reply


@pytest.mark.parametrize(
    ("state", "event", "expected"),
    [
        (Conversation("ht", consent="given"), Event("...", intent="crisis", region="HT"),
         crisis_text("ht", numbers("HT"))),
        (Conversation("en", consent="given"),
         Event("pic", "whatsapp", 1, intent="crisis", region="JM"),
         crisis_text("en", numbers("JM"))),
        (Conversation("es", consent="given", country="DO"),
         Event("...", intent="crisis", region="JM"), crisis_text("es", numbers("DO"))),
        (Conversation("en", consent="unknown"), Event("...", intent="crisis", region="US"),
         crisis_text("en", None)),
        (Conversation("fr", consent="declined"), Event("...", intent="crisis"),
         crisis_text("fr", None)),
    ],
    ids=["crisis in kreyol from haiti", "crisis beats media", "chosen country beats the number",
         "unknown region: generic, not the default office", "no region: generic"],
)  # fmt: skip
def test_a_crisis_message_alerts_and_replies_with_the_numbers_of_the_right_country(
    state: Conversation, event: Event, expected: str
) -> None:
    new, effects = step(state, event, CTX)

    assert effects == [RaiseAlert("crisis", "crisis message"), Send(expected, "crisis_reply")]
    assert new.paused_until == NOW + Policy().handoff and new.notified_at == NOW


def test_a_haitian_crisis_reply_in_kreyol_gives_the_haitian_numbers() -> None:
    _, effects = step(Conversation("ht"), Event("...", intent="crisis", region="HT"), CTX)

    body = effects[-1].body if isinstance(effects[-1], Send) else ""
    assert "122" in body and "116" in body and "2919-9000" in body and "114" not in body


@pytest.mark.parametrize("region", ["US", "GB", None])
def test_an_unknown_region_crisis_reply_has_no_digits_at_all(region: str | None) -> None:
    _, effects = step(Conversation("en"), Event("...", intent="crisis", region=region), CTX)

    body = effects[-1].body if isinstance(effects[-1], Send) else "0"
    assert not any(ch.isdigit() for ch in body)


def test_an_opted_out_number_in_crisis_gets_nothing() -> None:
    state = Conversation("es", opted_out=True, consent="given", country="DO")
    assert step(state, Event("...", intent="crisis", region="DO"), CTX) == (state, [])


def test_a_fallback_message_gets_the_menu_not_the_crisis_reply() -> None:
    _, effects = step(Conversation("en", consent="given"), Event("x", intent="nlu_fallback"), CTX)

    menu = render("menu", "en")
    assert effects == [Send(render("not_understood", "en", menu=menu), "not_understood")]

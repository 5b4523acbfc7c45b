"""Onboarding: language, consent, country and code, never a loop, and the first question kept."""

from dataclasses import dataclass, replace
from typing import Any

import pytest

from flows.conversation import (
    Conversation,
    Effect,
    Event,
    FlowStep,
    LinkCase,
    RaiseAlert,
    Send,
)
from flows.dialogue import step
from flows.orientation import contact_when, service_answer
from flows.texts import LANGUAGES, crisis_text, language_for_region, render
from tests.flow_world import CATALOGUE, CTX, JM, NOW, POLICY

EXPIRES = NOW + POLICY.onboarding
PROMPT_KEYS = {"language": "choose_language", "consent": "consent", "country": "choose_country",
               "code": "ask_code", "country_confirm": "country_confirm"}  # fmt: skip
NAMES = {"²": "superscript two (a key on French keyboards)"}


def options(language: str) -> str:
    names = [CATALOGUE.countries[code].name(language) for code in CATALOGUE.order]
    return ", ".join(f"{index} {name}" for index, name in enumerate(names, start=1))


def prompt(at: str, language: str = "en", invalid: bool = False, country: str = "Jamaica") -> Send:
    if at == "consent" and invalid:  # asked again in other words
        return Send(render("consent_again", language), "onboarding_consent")
    body = render(PROMPT_KEYS[at], language, options=options(language), country=country)
    if invalid:
        body = f"{render('invalid_choice', language)} {body}"
    return Send(body, f"onboarding_{at}")


def menu_reply(key: str, language: str = "en") -> Send:
    return Send(render(key, language, menu=render("menu", language)), "menu")


def said(key: str, language: str = "en") -> Send:
    return Send(render(key, language), key)


def onboarding(
    at: str,
    language: str = "en",
    invalid: int = 0,
    answers: tuple[tuple[str, str], ...] = (),
    **changes: Any,
) -> Conversation:
    consent = "given" if at in ("country", "code", "country_confirm") else "unknown"
    session = FlowStep("onboarding", at, EXPIRES, answers, invalid)
    return Conversation(language, consent=consent, session=session, asked="onboarding", **changes)


CONFIRM_JM = onboarding("country_confirm", answers=(("inferred", "JM"),))


def summary(conversation: Conversation) -> dict[str, object]:
    session = conversation.session
    return {
        "language": conversation.language, "consent": conversation.consent,
        "country": conversation.country, "step": session.step if session else None,
        "invalid": session.invalid if session else 0,
    }  # fmt: skip


@dataclass(frozen=True)
class Row:
    id: str
    state: Conversation
    event: Event
    expect: dict[str, object]  # a subset of summary()
    effects: tuple[Effect, ...]


ROWS = [
    # A first message from an unknown number starts onboarding in the guessed language.
    *[
        Row(f"first message from {region} asks the language in {language_for_region(region)}",
            Conversation(language_for_region(region)), Event("hello", intent="greet",
            region=region), {"step": "language", "consent": "unknown"},
            (prompt("language", language_for_region(region)),))
        for region in ("JM", "HT", "DO")
    ],
    # The language by digit.
    *[
        Row(f"digit {digit} chooses {language}", onboarding("language"), Event(digit),
            {"language": language, "step": "consent", "invalid": 0},
            (prompt("consent", language),))
        for digit, language in zip(("1", "2", "3", "4"), LANGUAGES, strict=True)
    ],
    Row("a digit with a full stop counts", onboarding("language"), Event("2."),
        {"language": "es", "step": "consent"}, (prompt("consent", "es"),)),
    # Consent by digit or word.
    Row("consent 1 is yes", onboarding("consent"), Event("1"),
        {"consent": "given", "step": "country"}, (prompt("country"),)),
    Row("yes is consent, not START", onboarding("consent"), Event("YES", intent="affirm"),
        {"consent": "given", "step": "country"}, (prompt("country"),)),
    Row("si in spanish is consent", onboarding("consent", "es"), Event("si", intent="affirm"),
        {"consent": "given", "step": "country"}, (prompt("country", "es"),)),
    Row("wi in kreyol is consent", onboarding("consent", "ht"), Event("wi", intent="affirm"),
        {"consent": "given", "step": "country"}, (prompt("country", "ht"),)),
    Row("consent 2 declines and forgets the country", onboarding("consent", country="JM"),
        Event("2"), {"consent": "declined", "country": None, "step": None},
        (said("consent_declined"), Send(render("menu", "en"), "menu"))),
    Row("non in french declines", onboarding("consent", "fr"), Event("non", intent="deny"),
        {"consent": "declined", "country": None, "step": None},
        (said("consent_declined", "fr"), Send(render("menu", "fr"), "menu"))),
    # Out of range or not a choice: ask again, saying so.
    *[
        Row(f"{NAMES.get(body, repr(body))} at the {at} step is asked again", onboarding(at),
            Event(body), {"step": at, "invalid": 1}, (prompt(at, invalid=True),))
        for at, body in (
            ("language", "5"), ("language", "0"), ("language", "hello"),
            ("consent", "3"), ("consent", "maybe"), ("consent", "0"),
            ("country", "0"), ("country", "10"), ("country", "99"), ("country", "-1"),
            ("country", "1 2"), ("country", "Jamaicaaa land"), ("country", "²"),
        )
    ],
    # The country the dialling code says, confirmed; or typed by name; or from the list.
    Row("consent from a Jamaican number asks to confirm Jamaica", onboarding("consent"),
        Event("yes", region="JM"), {"consent": "given", "step": "country_confirm"},
        (prompt("country_confirm"),)),
    Row("consent from a number of no programme country asks from the list",
        onboarding("consent"), Event("yes", region="US"), {"step": "country"},
        (prompt("country"),)),
    Row("yes confirms the inferred country", CONFIRM_JM, Event("YES"),
        {"country": "JM", "step": "code"}, (prompt("code"),)),
    Row("wi confirms it in kreyol", CONFIRM_JM, Event("wi"), {"country": "JM", "step": "code"},
        (prompt("code"),)),
    Row("no asks from the list", CONFIRM_JM, Event("2"), {"country": None, "step": "country"},
        (prompt("country"),)),
    Row("no with a country named answers the confirmation", CONFIRM_JM,
        Event("no mi deh a trinidad"), {"country": "TT", "step": "code"}, (prompt("code"),)),
    Row("something else at the confirmation is asked again", CONFIRM_JM, Event("what?"),
        {"country": None, "step": "country_confirm"}, (prompt("country_confirm", invalid=True),)),
    Row("a typed name answers the confirmation", CONFIRM_JM, Event("trinidad"),
        {"country": "TT", "step": "code"}, (prompt("code"),)),
    *[
        Row(f"{name!r} names {code} at the country step", onboarding("country"), Event(name),
            {"country": code, "step": "code"}, (prompt("code"),))
        for name, code in (("jamaica", "JM"), ("Ayiti", "HT"), ("RD", "DO"), ("la republica"
                           " dominicana", "DO"), ("im in guyana", "GY"), ("Bim", "BB"),
                           ("m nan ayiti", "HT"), ("Trinidad and Tobago", "TT"))
    ],
    # The registration code.
    Row("a linked code links the case", onboarding("code"),
        Event("k7qf2", code_status="linked"), {"step": None, "consent": "given"},
        (LinkCase("k7qf2"), said("code_linked"), menu_reply("onboarding_done"))),
    Row("a code to check links it pending a call", onboarding("code"),
        Event("K7QF2.", code_status="needs_check"), {"step": None},
        (LinkCase("K7QF2"), said("code_pending"), menu_reply("onboarding_done"))),
    *[
        Row(f"{body!r} at the code step means no code", onboarding("code", language),
            Event(body, code_status="unknown"), {"step": None},
            (menu_reply("onboarding_done", language),))
        for body, language in (("NO", "en"), ("non", "fr"), ("i have no code", "en"),
                               ("mi nuh have no code", "en"), ("no tengo", "es"),
                               ("no tengo codigo", "es"), ("pas de code", "fr"),
                               ("m pa gen kod", "ht"), ("Mwen pa genyen kòd", "ht"))
    ],
    # JOIN after declining asks for consent again, in the contact's language.
    *[
        Row(f"{word} after declining asks consent again", Conversation(lang, consent="declined"),
            Event(word), {"step": "consent", "consent": "declined"}, (prompt("consent", lang),))
        for word, lang in (("JOIN", "en"), ("unirme", "es"), ("Inscrire!", "fr"), ("ENSKRI", "ht"))
    ],
    # An expired session starts again from the language: the "1" is not taken as consent.
    Row("an expired session restarts from the language step",
        replace(onboarding("consent"), session=FlowStep("onboarding", "consent", NOW)),
        Event("1"), {"step": "language", "consent": "unknown"}, (prompt("language"),)),
]  # fmt: skip


@pytest.mark.parametrize("row", ROWS, ids=[row.id for row in ROWS])
def test_an_onboarding_answer_moves_the_state_and_replies(row: Row) -> None:
    new, effects = step(row.state, row.event, CTX)

    assert {key: summary(new)[key] for key in row.expect} == row.expect
    assert effects == list(row.effects)


@pytest.mark.parametrize("digit", [str(n) for n in range(1, len(CATALOGUE.order) + 1)])
def test_a_country_digit_picks_the_country_in_menu_order(digit: str) -> None:
    new, effects = step(onboarding("country"), Event(digit), CTX)

    assert new.country == CATALOGUE.order[int(digit) - 1]
    assert summary(new)["step"] == "code" and effects == [prompt("code")]


def test_the_country_menu_lists_the_countries_by_number_in_each_language() -> None:
    assert "4 Jamaica" in prompt("country").body and "3 Ayiti" in prompt("country", "ht").body
    assert prompt("country", "es").body.endswith("9 Republica Dominicana")


def test_an_unknown_registration_code_is_asked_again_as_a_code_not_a_number() -> None:
    new, effects = step(onboarding("code"), Event("ZZZZZ", code_status="unknown"), CTX)

    assert summary(new)["step"] == "code" and not any(isinstance(e, LinkCase) for e in effects)
    assert [e.body for e in effects if isinstance(e, Send)] == [render("code_unknown", "en")]


SKIPS = [  # (step, wrong answer, what the state becomes, the replies)
    ("language", "7", {"language": "fr", "step": "consent"}, (prompt("consent", "fr"),)),
    # An unreadable answer to the consent question is never a no: it is asked another day.
    ("consent", "7", {"consent": "unknown", "step": None},
     (Send(render("consent_later", "fr"), "consent_later"), Send(render("menu", "fr"), "menu"))),
    ("country", "77", {"country": None, "step": "code"}, (prompt("code", "fr"),)),
    ("code", "ZZZZZ", {"consent": "given", "step": None}, (menu_reply("onboarding_done", "fr"),)),
]  # fmt: skip


@pytest.mark.parametrize(("at", "body", "expect", "replies"), SKIPS, ids=[s[0] for s in SKIPS])
def test_after_max_invalid_wrong_answers_the_step_is_skipped_so_nothing_loops(
    at: str, body: str, expect: dict[str, object], replies: tuple[Send, ...]
) -> None:
    conversation = onboarding(at, "fr")
    for attempt in range(1, POLICY.max_invalid + 1):
        conversation, effects = step(conversation, Event(body, code_status="unknown"), CTX)
        assert summary(conversation)["invalid"] == attempt and len(effects) == 1

    skipped, effects = step(conversation, Event(body, code_status="unknown"), CTX)

    assert {key: summary(skipped)[key] for key in expect} == expect
    assert effects == list(replies)


def walk(state: Conversation, *events: Event) -> tuple[Conversation, list[Effect]]:
    effects: list[Effect] = []
    for event in events:
        state, effects = step(state, event, CTX)
    return state, effects


def test_a_first_service_question_is_answered_once_onboarding_is_done() -> None:
    question = Event("They deported me after 20 years, I need work", intent="ask_job",
                     region="US")  # fmt: skip
    done, effects = walk(Conversation("en"), question, Event("1"), Event("1"), Event("4"),
                         Event("no", code_status="unknown"))  # fmt: skip

    answer = service_answer(JM, "job_placement", "en")
    assert effects == [menu_reply("onboarding_done"), Send(answer, "orientation_job_placement")]
    assert "NODM" in answer and "5 Example Lane, Kingston" in answer
    assert done.topic == "job_placement" and done.topic_until == NOW + POLICY.topic


def test_a_service_question_asked_instead_of_a_choice_is_kept_for_the_end() -> None:
    asked, effects = step(onboarding("country"), Event("clinic?", intent="ask_health"), CTX)
    assert effects == [prompt("country", invalid=True)]

    _, effects = walk(asked, Event("3"), Event("No", code_status="unknown"))

    haiti = CATALOGUE.countries["HT"]
    assert effects[-1] == Send(service_answer(haiti, "health", "en"), "orientation_health")


def test_a_declined_contact_still_gets_the_answer_to_its_first_question() -> None:
    _, effects = walk(Conversation("ht"), Event("papye", intent="ask_documents", region="HT"),
                      Event("4"), Event("2", region="HT"))  # fmt: skip

    haiti = CATALOGUE.countries["HT"]
    answer = Send(service_answer(haiti, "documents", "ht"), "orientation_documents")
    assert effects == [said("consent_declined", "ht"), answer]


@pytest.mark.parametrize("at", ["consent", "country", "code"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_language_change_during_onboarding_asks_the_same_question_in_the_new_language(
    at: str, language: str
) -> None:
    event = Event("...", intent="change_language", language=language)
    new, effects = step(onboarding(at, invalid=1), event, CTX)

    assert summary(new) == {**summary(onboarding(at, invalid=1)), "language": language}
    assert effects == [said("language_changed", language), prompt(at, language)]


@pytest.mark.parametrize("language", LANGUAGES)
def test_naming_a_language_at_the_language_step_chooses_it_and_asks_consent_in_it(
    language: str,
) -> None:
    event = Event("...", intent="change_language", language=language)
    new, effects = step(onboarding("language"), event, CTX)

    assert new.language == language and summary(new)["step"] == "consent"
    assert effects[-1] == prompt("consent", language)


@pytest.mark.parametrize("at", ["language", "consent", "country", "code"])
def test_a_crisis_during_onboarding_alerts_pauses_and_gives_the_numbers(at: str) -> None:
    new, effects = step(onboarding(at), Event("...", intent="crisis", region="HT"), CTX)

    body = crisis_text("en", CATALOGUE.countries["HT"].emergency)
    assert effects == [RaiseAlert("crisis", "crisis message"), Send(body, "crisis_reply")]
    assert "122" in body and new.session is None
    assert new.paused_until == NOW + POLICY.handoff


@pytest.mark.parametrize("at", ["language", "consent", "country", "code"])
def test_asking_for_a_person_in_words_during_onboarding_hands_off(at: str) -> None:
    new, effects = step(onboarding(at), Event("a person please", intent="request_human"), CTX)

    when = contact_when(JM, NOW, "en")
    reply = Send(render("handoff", "en", when=when), "handoff")
    assert effects == [RaiseAlert("request_human", "asked for a person"), reply]
    assert new.session is None and new.paused_until == NOW + POLICY.handoff


def test_media_during_onboarding_is_unsupported_and_keeps_the_step() -> None:
    new, effects = step(onboarding("country"), Event("", num_media=1), CTX)

    assert new == onboarding("country") and effects == [said("media_unsupported")]

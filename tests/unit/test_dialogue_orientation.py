"""Orientation: who, where, when and what to bring, follow-ups, the menu, and no loops."""

from dataclasses import replace
from datetime import datetime, timedelta

import pytest

from flows.conversation import Conversation, Event, Send
from flows.dialogue import step
from flows.orientation import (
    SERVICE_INTENTS,
    follow_up_answer,
    follow_up_aspect,
    office_answer,
    service_answer,
)
from flows.segments import count_segments
from flows.texts import LANGUAGES, render, text
from tests.flow_world import CATALOGUE, CTX, JM, NOW, POLICY

ASPECTS = ("where", "when", "bring")
COMBOS = [(i, lang, c) for i in SERVICE_INTENTS for lang in LANGUAGES for c in CATALOGUE.order]


def consented(language: str = "en", country: str = "JM", **changes: object) -> Conversation:
    return replace(Conversation(language, consent="given", country=country), **changes)


def on_topic(topic: str, language: str = "en", country: str = "JM") -> Conversation:
    return consented(language, country, topic=topic, topic_until=NOW + timedelta(minutes=30))


def fits(body: str) -> bool:
    return count_segments(body).segments <= 2


@pytest.mark.parametrize(("intent", "language", "code"), COMBOS, ids=["-".join(c) for c in COMBOS])
def test_every_service_answer_names_who_helps_and_fits_two_segments(
    intent: str, language: str, code: str
) -> None:
    key, country = SERVICE_INTENTS[intent], CATALOGUE.countries[code]
    new, effects = step(consented(language, code), Event("?", intent=intent), CTX)

    body = service_answer(country, key, language)
    assert effects == [Send(body, f"orientation_{key}")]
    assert (country.services[key].partner or country.office.name) in body
    assert fits(body)
    assert new.topic == key and new.topic_until == NOW + POLICY.topic


@pytest.mark.parametrize(
    ("intent", "facts"),
    [
        ("ask_job", ["NODM", "5 Example Lane, Kingston", "Mon-Fri 09:00-15:00", "ID card"]),
        ("ask_housing", ["Open Arms Drop-in Centre", "Mon-Sun 08:00-20:00"]),
        ("ask_grant", ["IOM Kingston", "1 Example Road, Kingston", "Mon-Fri 08:30-16:30"]),
    ],
    ids=["job-with-nodm", "housing-every-day", "grants-through-the-office"],
)
def test_a_jamaican_service_answer_gives_the_details_of_the_jamaica_file(
    intent: str, facts: list[str]
) -> None:
    _, effects = step(consented(), Event("?", intent=intent), CTX)

    assert isinstance(effects[0], Send)
    for fact in facts:
        assert fact in effects[0].body


@pytest.mark.parametrize(
    ("body", "language", "aspect"),
    [
        ("where is it?", "en", "where"),
        ("when is it open", "en", "when"),
        ("what do I bring", "en", "bring"),
        ("donde queda", "es", "where"),
        ("¿Cuándo?", "es", "when"),
        ("ou c'est", "fr", "where"),
        ("Où?", "fr", "where"),
        ("quand", "fr", "when"),
        ("kote li ye", "ht", "where"),
        ("kilè", "ht", "when"),
        ("kisa pou m pote", "ht", "bring"),
    ],
    ids=lambda value: str(value),
)
def test_a_follow_up_keeps_the_topic_and_answers_that_detail(
    body: str, language: str, aspect: str
) -> None:
    state = on_topic("job_placement", language)
    new, effects = step(state, Event(body), CTX)

    assert effects == [Send(follow_up_answer(JM, "job_placement", aspect, language),
                            f"follow_up_{aspect}")]  # fmt: skip
    assert new.topic == "job_placement" and new.topic_until == state.topic_until


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_words_a_service_answer_suggests_are_understood_as_follow_ups(language: str) -> None:
    template = text("service_answer", language)
    suggested = [w.strip(".,") for w in template.split() if w.strip(".,").isupper()]
    words = [w for w in suggested if w not in ("MENU", "MENI")]

    assert [follow_up_aspect(word) for word in words] == ["where", "when", "bring"]


def test_a_follow_up_with_the_same_service_intent_is_a_follow_up() -> None:
    _, effects = step(on_topic("health"), Event("where is the clinic", intent="ask_health"), CTX)

    assert effects == [Send(follow_up_answer(JM, "health", "where", "en"), "follow_up_where")]


def test_a_question_about_another_service_changes_the_topic() -> None:
    event = Event("where is the job", intent="ask_job", confidence=0.9)
    new, effects = step(on_topic("health"), event, CTX)

    assert effects == [Send(service_answer(JM, "job_placement", "en"), "orientation_job_placement")]
    assert new.topic == "job_placement"


POINTING_BACK_ROWS = [  # a short question that points back, the model sure of another topic
    ("donde queda eso", "es", "ask_housing", "where"),
    ("where is it?", "en", "ask_job", "where"),
    ("weh dat deh?", "en", "ask_grant", "where"),
    ("ki kote li ye?", "ht", "ask_housing", "where"),
    ("quand est-ce que ca ouvre?", "fr", "ask_documents", "when"),
]


@pytest.mark.parametrize(("body", "language", "intent", "aspect"), POINTING_BACK_ROWS)
def test_a_short_question_pointing_back_is_about_the_topic_however_sure_the_model(
    body: str, language: str, intent: str, aspect: str
) -> None:
    event = Event(body, intent=intent, confidence=0.97)
    new, effects = step(on_topic("counselling", language), event, CTX)

    answer = follow_up_answer(JM, "counselling", aspect, language)
    assert effects == [Send(answer, f"follow_up_{aspect}")] and new.topic == "counselling"


def test_a_longer_question_naming_another_service_still_changes_the_topic() -> None:
    event = Event("where is the place that gives housing to deportees", intent="ask_housing",
                  confidence=0.97)  # fmt: skip
    new, effects = step(on_topic("counselling"), event, CTX)

    assert effects == [Send(service_answer(JM, "housing", "en"), "orientation_housing")]
    assert new.topic == "housing"


@pytest.mark.parametrize("until", [NOW, NOW - timedelta(minutes=1)], ids=["just-now", "before"])
def test_a_follow_up_after_the_topic_expired_is_not_understood(until: datetime) -> None:
    state = consented(topic="counselling", topic_until=until)
    new, effects = step(state, Event("where is it?"), CTX)

    menu = render("menu", "en")
    assert effects == [Send(render("not_understood", "en", menu=menu), "not_understood")]
    assert new.topic is None


def test_a_french_thank_you_with_the_article_le_is_not_a_question_about_hours() -> None:
    state = on_topic("counselling", "fr", "HT")
    _, effects = step(state, Event("Merci pour le renseignement", intent="thanks"), CTX)

    assert effects == [Send(render("thanks_reply", "fr"), "thanks_reply")]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("code", CATALOGUE.order)
def test_the_office_question_gives_the_office_of_the_country(code: str, language: str) -> None:
    country = CATALOGUE.countries[code]
    _, effects = step(consented(language, code), Event("office", intent="ask_office"), CTX)

    body = office_answer(country, language)
    assert effects == [Send(body, "orientation_office")]
    assert country.office.name in body and country.office.phone in body and fits(body)


MENU_ROWS = [  # digit, the intent the NLU rules give it, the purpose of the reply
    ("1", "ask_counselling", "orientation_counselling"),
    ("2", "ask_vocational_training", "orientation_vocational_training"),
    ("3", "ask_business_training", "orientation_business_training"),
    ("4", "ask_job", "orientation_job_placement"),
    ("5", "ask_grant", "orientation_grants"),
    ("6", "ask_drug_rehab", "orientation_drug_rehab"),
    ("7", "ask_documents", "orientation_documents"),
    ("8", "ask_health", "orientation_health"),
    ("9", "ask_housing", "orientation_housing"),
    ("10", "ask_office", "orientation_office"),
    ("11", "ask_appointment", "appointment_answer"),
    ("0", "request_human", "handoff"),
]


@pytest.mark.parametrize(("digit", "intent", "purpose"), MENU_ROWS, ids=[r[0] for r in MENU_ROWS])
def test_each_menu_digit_gets_the_reply_of_its_intent(
    digit: str, intent: str, purpose: str
) -> None:
    _, effects = step(consented(), Event(digit, intent=intent), CTX)

    assert [e.purpose for e in effects if isinstance(e, Send)] == [purpose]


@pytest.mark.parametrize(
    "entry", ["1 Counselling", "4 Job", "9 Housing", "10 Office", "11 Appointment", "0 Talk"]
)
def test_the_menu_text_offers_what_each_digit_does(entry: str) -> None:
    assert entry in render("menu", "en")


@pytest.mark.parametrize(
    ("intent", "reply"),
    [
        ("greet", ("greeting", "menu")),
        ("ask_menu", ("menu", "menu")),
        ("affirm", ("menu", "menu")),
        ("deny", ("menu", "menu")),
        ("thanks", ("thanks_reply", "thanks_reply")),
        ("goodbye", ("goodbye_reply", "goodbye_reply")),
        ("ask_appointment", ("appointment_answer", "appointment_answer")),
    ],
)
@pytest.mark.parametrize("language", LANGUAGES)
def test_small_talk_gets_its_reply_in_the_contact_language(
    intent: str, reply: tuple[str, str], language: str
) -> None:
    key, purpose = reply
    new, effects = step(consented(language, misunderstood=1), Event("hi", intent=intent), CTX)

    assert effects == [Send(render(key, language, menu=render("menu", language)), purpose)]
    assert new.misunderstood == 0


@pytest.mark.parametrize("language", LANGUAGES)
def test_not_understood_twice_offers_a_person_then_goes_back_to_the_menu(language: str) -> None:
    state, purposes, bodies = consented(language), [], []
    for _ in range(3):
        state, effects = step(state, Event("blah", intent="nlu_fallback"), CTX)
        purposes += [e.purpose for e in effects if isinstance(e, Send)]
        bodies += [e.body for e in effects if isinstance(e, Send)]

    menu = render("menu", language)
    assert purposes == ["not_understood", "not_understood_again", "not_understood"]
    assert bodies[0] == bodies[2] == render("not_understood", language, menu=menu)
    assert bodies[1] == text("not_understood_again", language)


def test_an_understood_message_resets_the_misunderstanding_count() -> None:
    state, purposes = consented(), []
    for event in (Event("blah"), Event("hi", intent="greet"), Event("blah")):
        state, effects = step(state, event, CTX)
        purposes += [e.purpose for e in effects if isinstance(e, Send)]

    assert purposes == ["not_understood", "menu", "not_understood"]


@pytest.mark.parametrize(
    ("country", "region", "expected"),
    [("HT", "JM", "HT"), (None, "HT", "HT"), (None, "US", "JM"), (None, None, "JM")],
    ids=["chosen-country-wins", "number-region", "unknown-region-default", "no-region-default"],
)
def test_a_service_answer_is_for_the_chosen_country_else_the_number_else_the_default(
    country: str | None, region: str | None, expected: str
) -> None:
    state = Conversation("en", consent="declined", country=country)
    _, effects = step(state, Event("?", intent="ask_housing", region=region), CTX)

    body = service_answer(CATALOGUE.countries[expected], "housing", "en")
    assert effects == [Send(body, "orientation_housing")]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("code", CATALOGUE.order)
def test_every_follow_up_for_every_service_fits_two_segments(code: str, language: str) -> None:
    country = CATALOGUE.countries[code]
    for key in SERVICE_INTENTS.values():
        for aspect in ASPECTS:
            body = follow_up_answer(country, key, aspect, language)
            assert fits(body), (key, aspect, body)
            if aspect == "where":
                assert (country.services[key].partner or country.office.name) in body


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_menu_reply_fits_two_segments(language: str) -> None:
    menu = render("menu", language)
    for key in ("menu", "greeting", "not_understood", "onboarding_done", "not_understood_again"):
        assert fits(render(key, language, menu=menu)), key

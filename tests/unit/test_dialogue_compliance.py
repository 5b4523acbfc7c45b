"""Compliance first: STOP, START and HELP in four languages, and silence once opted out."""

from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta, timezone

import pytest

from flows.conversation import Context, Conversation, Event, FlowStep, Send
from flows.dialogue import step
from flows.texts import LANGUAGES, render, text
from tests.flow_world import CATALOGUE, CTX, NOW, POLICY


def subscribed(language: str) -> Conversation:
    return Conversation(language, consent="given", country="JM")


def opted_out(language: str) -> Conversation:
    return Conversation(language, opted_out=True, consent="given", country="JM")


def greeting(language: str) -> str:
    return render("greeting", language, menu=render("menu", language))


@dataclass(frozen=True)
class Case:
    """One row: the contact and the message, then whether it is opted out and the replies."""

    id: str
    state: Conversation
    body: str
    opted_out_after: bool
    replies: tuple[tuple[str, str], ...]  # (purpose, body)
    intent: str | None = None
    channel: str = "sms"
    num_media: int = 0


def said(purpose: str, key: str, language: str) -> tuple[tuple[str, str], ...]:
    return ((purpose, text(key, language)),)


CASES = [
    # Ordinary messages are answered in the contact's language, on either channel.
    *[
        Case(f"hello from a {lang} contact is greeted in {lang}", subscribed(lang), "hello",
             False, (("menu", greeting(lang)),), intent="greet")
        for lang in LANGUAGES
    ],
    Case("whatsapp text is answered", subscribed("fr"), "Bonjour", False,
         (("menu", greeting("fr")),), intent="greet", channel="whatsapp"),
    Case("yes when subscribed is an ordinary message", subscribed("es"), "YES", False,
         (("menu", render("menu", "es")),), intent="affirm"),
    Case("yes when subscribed on whatsapp is an ordinary message", subscribed("en"), "yes",
         False, (("menu", render("menu", "en")),), intent="affirm", channel="whatsapp"),
    # HELP: in the contact's language for carrier words, in the word's language otherwise.
    *[
        Case(f"help from a {lang} contact is in {lang}", subscribed(lang), "HELP", False,
             said("help", "help", lang))
        for lang in LANGUAGES
    ],
    Case("info is help", subscribed("ht"), "info", False, said("help", "help", "ht")),
    Case("ayuda from an english contact is in spanish", subscribed("en"), "AYUDA", False,
         said("help", "help", "es")),
    Case("aide from an english contact is in french", subscribed("en"), "aide", False,
         said("help", "help", "fr")),
    Case("ede from a spanish contact is in kreyol", subscribed("es"), "Ede", False,
         said("help", "help", "ht")),
    Case("help with media is help", subscribed("ht"), "EDE", False, said("help", "help", "ht"),
         num_media=1),
    # STOP: opt out and confirm, in the language of the word.
    Case("stop opts out in english", subscribed("en"), "STOP", True,
         said("opt_out_confirmation", "stop_confirmation", "en")),
    Case("stop from a spanish contact confirms in spanish", subscribed("es"), " stop. ", True,
         said("opt_out_confirmation", "stop_confirmation", "es")),
    Case("baja from an english contact confirms in spanish", subscribed("en"), "Baja", True,
         said("opt_out_confirmation", "stop_confirmation", "es")),
    Case("arret confirms in french", subscribed("en"), "Arrêt!", True,
         said("opt_out_confirmation", "stop_confirmation", "fr")),
    Case("kanpe confirms in kreyol", subscribed("en"), "KANPE", True,
         said("opt_out_confirmation", "stop_confirmation", "ht")),
    Case("unsubscribe on whatsapp opts out", subscribed("fr"), "Unsubscribe", True,
         said("opt_out_confirmation", "stop_confirmation", "fr"), channel="whatsapp"),
    Case("stop as a media caption still opts out", subscribed("en"), "STOP", True,
         said("opt_out_confirmation", "stop_confirmation", "en"), num_media=1),
    Case("stop that the nlu calls a crisis still opts out", subscribed("en"), "STOP", True,
         said("opt_out_confirmation", "stop_confirmation", "en"), intent="crisis"),
    # Already opted out: silence, whatever comes in.
    Case("stop when opted out is silent", opted_out("en"), "STOP", True, ()),
    Case("baja when opted out is silent", opted_out("es"), "baja", True, ()),
    Case("hello when opted out is silent", opted_out("en"), "hello", True, (), intent="greet"),
    Case("help when opted out is silent", opted_out("fr"), "HELP", True, ()),
    Case("ayuda when opted out is silent", opted_out("en"), "AYUDA", True, ()),
    Case("media when opted out is silent", opted_out("ht"), "", True, (), num_media=2),
    Case("whatsapp when opted out is silent", opted_out("en"), "hi", True, (),
         channel="whatsapp"),
    Case("a crisis when opted out gets nothing", opted_out("en"), "I want to die", True, (),
         intent="crisis"),
    Case("asking for a person when opted out is silent", opted_out("en"), "0", True, (),
         intent="request_human"),
    Case("a service question when opted out is silent", opted_out("en"), "4", True, (),
         intent="ask_job"),
    Case("a language change when opted out is silent", opted_out("en"), "francais", True, (),
         intent="change_language"),
    # START and its equivalents: opt back in, confirm.
    Case("start when opted out opts in", opted_out("en"), "START", False,
         said("opt_in_confirmation", "start_confirmation", "en")),
    Case("unstop when opted out opts in", opted_out("en"), "unstop", False,
         said("opt_in_confirmation", "start_confirmation", "en")),
    Case("yes when opted out opts in", opted_out("en"), "Yes", False,
         said("opt_in_confirmation", "start_confirmation", "en"), intent="affirm"),
    Case("start from a spanish contact confirms in spanish", opted_out("es"), "start", False,
         said("opt_in_confirmation", "start_confirmation", "es")),
    Case("komanse confirms in kreyol", opted_out("en"), "KOMANSE", False,
         said("opt_in_confirmation", "start_confirmation", "ht")),
    Case("alta confirms in spanish", opted_out("fr"), "Alta", False,
         said("opt_in_confirmation", "start_confirmation", "es")),
    Case("demarrer confirms in french", opted_out("en"), "démarrer", False,
         said("opt_in_confirmation", "start_confirmation", "fr")),
    # Media: only text is read.
    Case("media without a caption is unsupported", subscribed("en"), "", False,
         said("media_unsupported", "media_unsupported", "en"), num_media=1),
    Case("media with a caption is unsupported in the contact language", subscribed("es"),
         "hola", False, said("media_unsupported", "media_unsupported", "es"), intent="greet",
         channel="whatsapp", num_media=3),
]  # fmt: skip


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_the_reply_and_new_state_follow_the_compliance_rules(case: Case) -> None:
    event = Event(case.body, case.channel, case.num_media, intent=case.intent, region="JM")

    new, effects = step(case.state, event, CTX)

    menu_shown = any(purpose == "menu" for purpose, _ in case.replies)
    asked = "menu" if menu_shown else case.state.asked  # the menu is the last question asked
    assert new == replace(case.state, opted_out=case.opted_out_after, asked=asked)
    assert effects == [Send(body, purpose) for purpose, body in case.replies]


def test_stop_twice_sends_one_confirmation() -> None:
    once, first = step(subscribed("en"), Event("STOP"), CTX)
    twice, second = step(once, Event("STOP"), CTX)

    assert [effect.purpose for effect in first if isinstance(effect, Send)] == [
        "opt_out_confirmation"
    ]
    assert second == [] and twice == once


def in_flow(flow: str, flow_step: str) -> Conversation:
    consent = "unknown" if flow_step in ("language", "consent") else "given"
    session = FlowStep(flow, flow_step, NOW + timedelta(hours=1))
    return Conversation("en", consent=consent, country="JM", session=session,
                        topic="housing", topic_until=NOW + POLICY.topic)  # fmt: skip


FLOWS = [("onboarding", s) for s in ("language", "consent", "country", "code")] + [
    ("checkin", "answer"),
    ("need", "need"),
]


@pytest.mark.parametrize(("flow", "flow_step"), FLOWS, ids=[f"{f}-{s}" for f, s in FLOWS])
def test_stop_in_the_middle_of_a_flow_clears_the_session_and_topic(
    flow: str, flow_step: str
) -> None:
    stopped, effects = step(in_flow(flow, flow_step), Event("STOP"), CTX)

    assert stopped.opted_out and stopped.session is None and stopped.topic is None
    assert effects == [Send(text("stop_confirmation", "en"), "opt_out_confirmation")]


@pytest.mark.parametrize(("flow", "flow_step"), FLOWS, ids=[f"{f}-{s}" for f, s in FLOWS])
def test_after_stop_and_start_the_old_question_is_not_answered_again(
    flow: str, flow_step: str
) -> None:
    stopped, _ = step(in_flow(flow, flow_step), Event("STOP"), CTX)
    restarted, effects = step(stopped, Event("START"), CTX)

    assert not restarted.opted_out and restarted.session is None
    assert effects == [Send(text("start_confirmation", "en"), "opt_in_confirmation")]


def test_start_re_subscribes_and_the_next_message_is_answered_again() -> None:
    restarted, _ = step(opted_out("fr"), Event("START"), CTX)
    _, effects = step(restarted, Event("bonjour", intent="greet"), CTX)

    assert effects == [Send(greeting("fr"), "menu")]


def test_start_when_subscribed_keeps_the_contact_subscribed_and_sends_no_confirmation() -> None:
    new, effects = step(subscribed("en"), Event("START", intent="affirm"), CTX)

    assert not new.opted_out
    assert "opt_in_confirmation" not in [e.purpose for e in effects if isinstance(e, Send)]


PAUSED = replace(subscribed("en"), paused_until=NOW + timedelta(hours=1), notified_at=NOW)
SILENT_STATES = [
    opted_out("en"),
    replace(in_flow("onboarding", "consent"), opted_out=True),
    replace(in_flow("checkin", "answer"), opted_out=True),
    replace(PAUSED, opted_out=True, notified_at=NOW - timedelta(days=1)),
]
SILENT_EVENTS = [
    Event("I want to end it", intent="crisis", region="HT"),
    Event("help me", num_media=1, intent="crisis"),
    Event("0", intent="request_human"),
    Event("talk to a person", intent="request_human"),
    Event("kreyol", intent="change_language", language="ht"),
    Event("3", intent="ask_business_training"),
    Event("JOIN"),
    Event("", num_media=1),
    Event("hello", intent="greet"),
]


@pytest.mark.parametrize("state", SILENT_STATES, ids=["free", "onboarding", "checkin", "paused"])
@pytest.mark.parametrize("event", SILENT_EVENTS, ids=lambda e: f"{e.intent}:{e.body!r}")
def test_an_opted_out_number_gets_nothing_from_any_path(state: Conversation, event: Event) -> None:
    assert step(state, event, CTX) == (state, [])


@pytest.mark.parametrize(
    "now",
    [
        datetime(2020, 1, 1, tzinfo=UTC),
        datetime(2031, 12, 31, 23, 59, tzinfo=timezone(timedelta(hours=-5))),
        datetime(2025, 6, 1, 3, 0, tzinfo=timezone(timedelta(hours=-4))),
    ],
    ids=["utc-2020", "jamaica-2031", "haiti-dst-2025"],
)
def test_stop_does_not_depend_on_the_time(now: datetime) -> None:
    assert step(subscribed("ht"), Event("STOP"), Context(CATALOGUE, now)) == step(
        subscribed("ht"), Event("STOP"), CTX
    )


@pytest.mark.parametrize(
    "key", ["help", "stop_confirmation", "start_confirmation", "media_unsupported"]
)
def test_the_compliance_texts_differ_by_language_so_the_table_really_checks_it(key: str) -> None:
    assert len({text(key, language) for language in LANGUAGES}) == len(LANGUAGES)

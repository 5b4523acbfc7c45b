"""The foundation reply step: compliance keywords first, silence when opted out, then welcome."""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone

import pytest

from flows.foundation import ContactState, InboundEvent, respond
from flows.texts import LANGUAGES, text

NOW = datetime(2025, 3, 14, 9, 30, tzinfo=UTC)


def subscribed(language: str) -> ContactState:
    return ContactState(language=language, opted_out=False)


def opted_out(language: str) -> ContactState:
    return ContactState(language=language, opted_out=True)


@dataclass(frozen=True)
class Case:
    """One row: the contact and the message, then the state and replies expected."""

    id: str
    state: ContactState
    body: str
    expected_state: ContactState
    replies: list[tuple[str, str, str]]  # (purpose, text key, language of the text)
    channel: str = "sms"
    num_media: int = 0


CASES = [
    # Ordinary text: the welcome, in the contact's language, on either channel.
    *[
        Case(f"hello-from-{lang}-contact-gets-welcome-in-{lang}", subscribed(lang), "hello",
             subscribed(lang), [("welcome", "welcome", lang)])
        for lang in LANGUAGES
    ],
    Case("whatsapp-text-gets-welcome", subscribed("fr"), "Bonjour, j'ai besoin d'aide",
         subscribed("fr"), [("welcome", "welcome", "fr")], channel="whatsapp"),
    Case("yes-when-subscribed-is-an-ordinary-message", subscribed("es"), "YES",
         subscribed("es"), [("welcome", "welcome", "es")]),
    Case("yes-when-subscribed-on-whatsapp-is-an-ordinary-message", subscribed("en"), "yes",
         subscribed("en"), [("welcome", "welcome", "en")], channel="whatsapp"),
    # HELP: in the contact's language for carrier words, in the word's language otherwise.
    *[
        Case(f"help-from-{lang}-contact-in-{lang}", subscribed(lang), "HELP",
             subscribed(lang), [("help", "help", lang)])
        for lang in LANGUAGES
    ],
    Case("info-is-help", subscribed("ht"), "info", subscribed("ht"), [("help", "help", "ht")]),
    Case("ayuda-from-english-contact-in-spanish", subscribed("en"), "AYUDA",
         subscribed("en"), [("help", "help", "es")]),
    Case("aide-from-english-contact-in-french", subscribed("en"), "aide",
         subscribed("en"), [("help", "help", "fr")]),
    Case("ede-from-spanish-contact-in-kreyol", subscribed("es"), "Ede",
         subscribed("es"), [("help", "help", "ht")]),
    # STOP: opt out and confirm once.
    Case("stop-opts-out-english", subscribed("en"), "STOP",
         opted_out("en"), [("opt_out_confirmation", "stop_confirmation", "en")]),
    Case("stop-from-spanish-contact-confirms-in-spanish", subscribed("es"), " stop. ",
         opted_out("es"), [("opt_out_confirmation", "stop_confirmation", "es")]),
    Case("baja-from-english-contact-confirms-in-spanish", subscribed("en"), "Baja",
         opted_out("en"), [("opt_out_confirmation", "stop_confirmation", "es")]),
    Case("arret-confirms-in-french", subscribed("en"), "Arrêt!",
         opted_out("en"), [("opt_out_confirmation", "stop_confirmation", "fr")]),
    Case("kanpe-confirms-in-kreyol", subscribed("en"), "KANPE",
         opted_out("en"), [("opt_out_confirmation", "stop_confirmation", "ht")]),
    Case("stop-on-whatsapp-opts-out", subscribed("fr"), "Unsubscribe",
         opted_out("fr"), [("opt_out_confirmation", "stop_confirmation", "fr")],
         channel="whatsapp"),
    Case("stop-as-a-media-caption-still-opts-out", subscribed("en"), "STOP",
         opted_out("en"), [("opt_out_confirmation", "stop_confirmation", "en")], num_media=1),
    # Already opted out: silence, whatever comes in.
    Case("stop-when-opted-out-is-silent", opted_out("en"), "STOP", opted_out("en"), []),
    Case("baja-when-opted-out-is-silent", opted_out("es"), "baja", opted_out("es"), []),
    Case("hello-when-opted-out-is-silent", opted_out("en"), "hello", opted_out("en"), []),
    Case("help-when-opted-out-is-silent", opted_out("fr"), "HELP", opted_out("fr"), []),
    Case("ayuda-when-opted-out-is-silent", opted_out("en"), "AYUDA", opted_out("en"), []),
    Case("media-when-opted-out-is-silent", opted_out("ht"), "", opted_out("ht"), [],
         num_media=2),
    Case("whatsapp-when-opted-out-is-silent", opted_out("en"), "hi", opted_out("en"), [],
         channel="whatsapp"),
    # START and its equivalents: opt back in, confirm.
    Case("start-when-opted-out-opts-in", opted_out("en"), "START",
         subscribed("en"), [("opt_in_confirmation", "start_confirmation", "en")]),
    Case("unstop-when-opted-out-opts-in", opted_out("en"), "unstop",
         subscribed("en"), [("opt_in_confirmation", "start_confirmation", "en")]),
    Case("yes-when-opted-out-opts-in", opted_out("en"), "Yes",
         subscribed("en"), [("opt_in_confirmation", "start_confirmation", "en")]),
    Case("start-from-spanish-contact-confirms-in-spanish", opted_out("es"), "start",
         subscribed("es"), [("opt_in_confirmation", "start_confirmation", "es")]),
    Case("komanse-confirms-in-kreyol", opted_out("en"), "KOMANSE",
         subscribed("en"), [("opt_in_confirmation", "start_confirmation", "ht")]),
    Case("alta-confirms-in-spanish", opted_out("fr"), "Alta",
         subscribed("fr"), [("opt_in_confirmation", "start_confirmation", "es")]),
    Case("demarrer-confirms-in-french", opted_out("en"), "démarrer",
         subscribed("en"), [("opt_in_confirmation", "start_confirmation", "fr")]),
    # Media: only text is read.
    Case("media-without-caption-is-unsupported", subscribed("en"), "",
         subscribed("en"), [("media_unsupported", "media_unsupported", "en")], num_media=1),
    Case("media-with-caption-is-unsupported-in-contact-language", subscribed("es"), "hola",
         subscribed("es"), [("media_unsupported", "media_unsupported", "es")],
         channel="whatsapp", num_media=3),
    Case("help-with-media-is-help", subscribed("ht"), "EDE",
         subscribed("ht"), [("help", "help", "ht")], num_media=1),
]  # fmt: skip


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_the_reply_and_new_state_follow_the_compliance_rules(case: Case) -> None:
    event = InboundEvent(body=case.body, channel=case.channel, num_media=case.num_media)

    new_state, sends = respond(case.state, event, NOW)

    assert new_state == case.expected_state
    assert [(send.purpose, send.body) for send in sends] == [
        (purpose, text(key, language)) for purpose, key, language in case.replies
    ]


@pytest.mark.parametrize(
    "now",
    [
        datetime(2020, 1, 1, tzinfo=UTC),
        datetime(2031, 12, 31, 23, 59, tzinfo=timezone(timedelta(hours=-5))),
        datetime(2025, 6, 1, 3, 0, tzinfo=timezone(timedelta(hours=-4))),
    ],
    ids=["utc-2020", "jamaica-2031", "haiti-dst-2025"],
)
def test_the_reply_does_not_depend_on_the_time(now: datetime) -> None:
    assert respond(subscribed("ht"), InboundEvent("STOP", "sms"), now) == respond(
        subscribed("ht"), InboundEvent("STOP", "sms"), NOW
    )


def test_the_reply_texts_differ_by_language_so_the_table_really_checks_the_language() -> None:
    for key in ("welcome", "help", "stop_confirmation", "start_confirmation", "media_unsupported"):
        assert len({text(key, language) for language in LANGUAGES}) == len(LANGUAGES)

"""The foundation reply step: compliance keywords first, then a welcome in the right language."""

from dataclasses import dataclass, replace
from datetime import datetime

from flows.keywords import Keyword, match_keyword
from flows.texts import LANGUAGES, crisis_text, text


@dataclass(frozen=True)
class ContactState:
    """What the reply logic knows about the sender's number."""

    language: str
    opted_out: bool


@dataclass(frozen=True)
class InboundEvent:
    """A received message, channel-neutral."""

    body: str
    channel: str  # sms|whatsapp
    num_media: int = 0
    intent: str | None = None  # what the NLU layer understood (None: not asked)
    language: str | None = None  # requested language, with intent change_language
    region: str | None = None  # the number's country (ISO alpha-2), for emergency numbers


@dataclass(frozen=True)
class Send:
    """Effect: send `body` to the sender, for `purpose`."""

    body: str
    purpose: str


def respond(
    state: ContactState, event: InboundEvent, now: datetime
) -> tuple[ContactState, list[Send]]:
    """Decide the reply: STOP/START/HELP before anything, and silence for opted-out numbers."""
    match = match_keyword(event.body)
    language = (match.language if match else None) or state.language
    if match and match.keyword is Keyword.STOP:
        if state.opted_out:
            return state, []
        return replace(state, opted_out=True), [
            Send(text("stop_confirmation", language), "opt_out_confirmation")
        ]
    is_restart = match and match.keyword is Keyword.START and state.opted_out
    if is_restart:
        return replace(state, opted_out=False), [
            Send(text("start_confirmation", language), "opt_in_confirmation")
        ]
    if state.opted_out:
        return state, []  # Nothing, from any path, until START.
    if match and match.keyword is Keyword.HELP:
        return state, [Send(text("help", language), "help")]
    if event.intent == "crisis":
        return state, [Send(crisis_text(language, event.region), "crisis_reply")]
    if event.intent == "change_language" and event.language in LANGUAGES:
        switched = replace(state, language=event.language)
        return switched, [Send(text("welcome", event.language), "welcome")]
    if event.num_media:
        return state, [Send(text("media_unsupported", language), "media_unsupported")]
    # Anything else, "YES" from a subscribed number included, gets the welcome for now.
    return state, [Send(text("welcome", language), "welcome")]

"""Erasure on request: "DELETE MY DATA" (in any language), confirmed by keypad.

The request is matched like a compliance keyword: the whole message, accents, case and
surrounding punctuation folded, and one space between words. It works in any flow and during
a handoff (a person asking to be forgotten must not wait for one); an opted-out number hears
nothing, as always (a supervisor can erase it from the dashboard). "1" erases (`EraseData`)
and the number stays opted out; "2" keeps everything.
"""

from dataclasses import replace

from flows.conversation import Context, Conversation, Effect, EraseData, Event, FlowStep, Send
from flows.keywords import normalise_word
from flows.texts import render
from flows.vocabulary import Flow, Question

Outcome = tuple[Conversation, list[Effect]]
CONFIRM_STEP = "confirm"
# The outbox sends this purpose to a number that has just opted out (like STOP's answer).
DONE_PURPOSE = "opt_out_confirmation"

# Phrase -> the language it is written in (None: English words, understood everywhere).
_PHRASES: dict[str, str | None] = {}
for _phrases, _language in (
    ("DELETE MY DATA|DELETE MY DETAILS|DELETE MY INFO|DELETE MY INFORMATION|ERASE MY DATA|"
     "DELETE ME|ERASE ME|FORGET ME|REMOVE MY DATA", None),
    ("BORRAR MIS DATOS|BORRA MIS DATOS|BORREN MIS DATOS|ELIMINAR MIS DATOS|ELIMINA MIS DATOS|"
     "OLVIDAME|BORRARME", "es"),
    ("EFFACER MES DONNEES|EFFACEZ MES DONNEES|SUPPRIMER MES DONNEES|SUPPRIMEZ MES DONNEES|"
     "OUBLIEZ-MOI|OUBLIEZ MOI", "fr"),
    ("EFASE DONE MWEN|EFASE DONNE MWEN|SIPRIME DONE MWEN|RETIRE DONE MWEN|BLIYE MWEN", "ht"),
):  # fmt: skip
    for _phrase in _phrases.split("|"):
        _PHRASES[_phrase] = _language


def requested(body: str) -> tuple[bool, str | None]:
    """Whether the whole message asks for erasure, and the language it is written in."""
    phrase = " ".join(normalise_word(body).split())
    if phrase not in _PHRASES:
        return False, None
    return True, _PHRASES[phrase]


def ask(conversation: Conversation, ctx: Context, language: str | None = None) -> Outcome:
    """Ask "reply 1 to delete everything we hold about you, 2 to keep it"."""
    expires = ctx.now + ctx.policy.onboarding
    asking = replace(conversation, session=FlowStep(Flow.ERASURE, CONFIRM_STEP, expires),
                     asked=Question.ERASURE)  # fmt: skip
    speak = language or conversation.language
    return asking, [Send(render("erasure_confirm", speak), "erasure_confirm")]


def step(conversation: Conversation, event: Event, ctx: Context) -> Outcome | None:
    """A request for erasure or the answer to its question; None: not about erasure."""
    if conversation.opted_out:
        return None
    asked, language = requested(event.body)
    if asked:
        return ask(conversation, ctx, language)
    session = conversation.session
    if session is None or session.flow != Flow.ERASURE:
        return None
    return _answer(conversation, event, ctx)


def _answer(conversation: Conversation, event: Event, ctx: Context) -> Outcome | None:
    """1 erases, 2 keeps; another digit asks again (twice at most); words are not an answer."""
    digit = event.body.strip().rstrip(".")
    if not digit.isdigit():
        return None
    language = conversation.language
    closed = replace(conversation, session=None, asked=None)
    if digit == "1":
        erased = replace(closed, opted_out=True, paused_until=None, handoff=None, topic=None)
        return erased, [Send(render("erasure_done", language), DONE_PURPOSE), EraseData()]
    session = conversation.session
    assert session is not None
    if digit == "2" or session.invalid + 1 >= ctx.policy.max_invalid:
        return closed, [Send(render("erasure_kept", language), "erasure_kept")]
    again = replace(session, invalid=session.invalid + 1)
    reply = Send(render("erasure_confirm", language), "erasure_confirm")
    return replace(conversation, session=again), [reply]

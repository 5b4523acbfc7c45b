"""Onboarding: language by digit, consent, country, and an optional registration code.

Nothing beyond the number (and the language to answer in) is kept until consent is given;
declining keeps only what is needed to honour STOP.
"""

import re
from dataclasses import replace

from flows.content import LANGUAGES
from flows.conversation import Context, Conversation, Effect, Event, LinkCase, Send, Session
from flows.orientation import SERVICE_INTENTS, service_answer
from flows.texts import render

Outcome = tuple[Conversation, list[Effect]]
STEPS = ("language", "consent", "country", "code")


def begin(
    conversation: Conversation, event: Event, ctx: Context, step: str = "language"
) -> Outcome:
    """Start onboarding; a first message asking about a service is answered at the end."""
    answers: tuple[tuple[str, str], ...] = ()
    if event.intent in SERVICE_INTENTS:
        answers = (("pending", event.intent),)
    session = Session("onboarding", step, ctx.now + ctx.policy.onboarding, answers)
    started = replace(conversation, session=session)
    return started, [prompt(started, ctx)]


def prompt(conversation: Conversation, ctx: Context, invalid: bool = False) -> Send:
    """The question of the current onboarding step, in the returnee's language."""
    assert conversation.session is not None
    language, step = conversation.language, conversation.session.step
    if step == "country":
        body = render("choose_country", language, options=country_options(ctx, language))
    else:
        body = render({"language": "choose_language", "consent": "consent",
                       "code": "ask_code"}[step], language)  # fmt: skip
    if invalid:
        body = f"{render('invalid_choice', language)} {body}"
    return Send(body, f"onboarding_{step}")


def country_options(ctx: Context, language: str) -> str:
    """'1 Guyana, 2 The Bahamas, ...' in menu order."""
    countries = ctx.catalogue.countries
    return ", ".join(
        f"{index} {countries[code].name(language)}"
        for index, code in enumerate(ctx.catalogue.order, start=1)
    )


def answer(conversation: Conversation, event: Event, ctx: Context) -> Outcome:
    """Take the answer to the current step, or ask again (at most twice, then move on)."""
    session = conversation.session
    assert session is not None
    choice = event.body.strip().rstrip(".")
    handler = {"language": _language, "consent": _consent, "country": _country,
               "code": _code}[session.step]  # fmt: skip
    outcome = handler(conversation, choice, event, ctx)
    if outcome is not None:
        return outcome
    if event.intent in SERVICE_INTENTS:  # remember the question for the end
        session = replace(session, answers=(*session.answers, ("pending", event.intent)))
    if session.invalid >= ctx.policy.max_invalid:
        return _skip(replace(conversation, session=session), event, ctx)
    retry = replace(conversation, session=replace(session, invalid=session.invalid + 1))
    if session.step == "code" and event.code_status == "unknown":
        return retry, [Send(render("code_unknown", retry.language), "code_unknown")]
    return retry, [prompt(retry, ctx, invalid=True)]


def _language(conv: Conversation, choice: str, event: Event, ctx: Context) -> Outcome | None:
    chosen = {"1": "en", "2": "es", "3": "fr", "4": "ht"}.get(choice)
    if chosen is None and event.intent == "change_language" and event.language in LANGUAGES:
        chosen = event.language
    if chosen is None:
        return None
    return _next(replace(conv, language=chosen), "consent", ctx)


def _consent(conv: Conversation, choice: str, event: Event, ctx: Context) -> Outcome | None:
    if choice == "1" or (event.intent == "affirm" and not choice.isdigit()):
        return _next(replace(conv, consent="given"), "country", ctx)
    if choice == "2" or (event.intent == "deny" and not choice.isdigit()):
        declined = replace(conv, consent="declined", country=None)
        return _finish(declined, event, ctx, [Send(render("consent_declined", conv.language),
                                            "consent_declined")])  # fmt: skip
    return None


def _country(conv: Conversation, choice: str, event: Event, ctx: Context) -> Outcome | None:
    order = ctx.catalogue.order
    if not re.fullmatch(r"[0-9]{1,2}", choice) or not 1 <= int(choice) <= len(order):
        return None
    return _next(replace(conv, country=order[int(choice) - 1]), "code", ctx)


def _code(conv: Conversation, choice: str, event: Event, ctx: Context) -> Outcome | None:
    if choice == "0" or (event.intent == "deny" and not choice.isdigit()):
        return _finish(conv, event, ctx, [])
    if event.code_status in ("linked", "needs_check"):
        key = "code_linked" if event.code_status == "linked" else "code_pending"
        effects: list[Effect] = [LinkCase(choice), Send(render(key, conv.language), key)]
        return _finish(conv, event, ctx, effects)
    return None  # unknown code or not a code: ask again


def _next(conversation: Conversation, step: str, ctx: Context) -> Outcome:
    assert conversation.session is not None
    moved = replace(conversation, session=replace(conversation.session, step=step, invalid=0))
    return moved, [prompt(moved, ctx)]


def _skip(conversation: Conversation, event: Event, ctx: Context) -> Outcome:
    """Too many wrong answers: keep the defaults and move on rather than loop."""
    assert conversation.session is not None
    step = conversation.session.step
    if step == "language":
        return _next(conversation, "consent", ctx)
    if step == "country":
        return _next(conversation, "code", ctx)
    if step == "consent":  # no answer is no consent: keep only the number
        declined = replace(conversation, consent="declined", country=None)
        body = render("consent_declined", conversation.language)
        return _finish(declined, event, ctx, [Send(body, "consent_declined")])
    return _finish(conversation, event, ctx, [])  # the code is optional


def _finish(
    conversation: Conversation, event: Event, ctx: Context, effects: list[Effect]
) -> Outcome:
    """End onboarding with the menu, then answer the question the returnee came with."""
    assert conversation.session is not None
    pending = conversation.session.answer("pending")
    done = replace(conversation, session=None)
    language = done.language
    if done.consent == "given":
        menu = render("menu", language)
        effects = [*effects, Send(render("onboarding_done", language, menu=menu), "menu")]
    if pending:
        country = ctx.country(done, event)
        key = SERVICE_INTENTS[pending]
        effects.append(Send(service_answer(country, key, language), f"orientation_{key}"))
        done = replace(done, topic=key, topic_until=ctx.now + ctx.policy.topic)
    elif done.consent != "given":
        effects.append(Send(render("menu", language), "menu"))
    return done, effects

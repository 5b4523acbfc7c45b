"""Onboarding: language by digit, consent, the country its dialling code suggests, and an
optional registration code; a request made on the way is answered at the end.

Nothing beyond the number (and the language to answer in) is kept until consent is given;
declining keeps only what is needed to honour STOP. An answer the bot cannot read is asked
again in other words, and is never taken as refusing consent.
"""

import re
from dataclasses import replace

from flows.answers import NO, YES, country_named, document_named, no_code, yes_no
from flows.content import LANGUAGES
from flows.conversation import Context, Conversation, Effect, Event, FlowStep, LinkCase, Send
from flows.orientation import answer_pending
from flows.texts import render
from flows.vocabulary import Consent, Flow, Question

Outcome = tuple[Conversation, list[Effect]]
STEPS = ("language", "consent", "country_confirm", "country", "code")
# What a first message may ask that is answered once onboarding is over.
PENDING_INTENTS = frozenset({
    "ask_counselling", "ask_vocational_training", "ask_business_training", "ask_job",
    "ask_grant", "ask_drug_rehab", "ask_documents", "ask_health", "ask_housing", "ask_office",
})  # fmt: skip
_PROMPTS = {"language": "choose_language", "consent": "consent", "code": "ask_code"}
_BY_INTENT = {"affirm": YES, "deny": NO}


def begin(
    conversation: Conversation, event: Event, ctx: Context, step: str = "language"
) -> Outcome:
    """Start onboarding; a first message asking about a service is answered at the end."""
    session = _remember(FlowStep(Flow.ONBOARDING, step, ctx.now + ctx.policy.onboarding), event)
    started = replace(
        conversation, session=session, asked=Question.ONBOARDING, onboarding_after=None
    )
    return started, [prompt(started, ctx)]


def _remember(session: FlowStep, event: Event) -> FlowStep:
    """Keep the request a message made (and the document it named) for the end."""
    if event.intent not in PENDING_INTENTS:
        return session
    answers = [(k, v) for k, v in session.answers if k not in ("pending", "document")]
    answers.append(("pending", event.intent or ""))
    document = document_named(event.body)
    if document is not None:
        answers.append(("document", document))
    return replace(session, answers=tuple(answers))


def prompt(conversation: Conversation, ctx: Context, invalid: bool = False) -> Send:
    """The question of the current onboarding step, in the returnee's language."""
    assert conversation.session is not None
    language, step = conversation.language, conversation.session.step
    if step == "country":
        body = render("choose_country", language, options=country_options(ctx, language))
    elif step == "country_confirm":
        country = ctx.catalogue.get(conversation.session.answer("inferred"))
        body = render("country_confirm", language, country=country.name(language) if country
                      else "?")  # fmt: skip
    elif step == "consent" and invalid:
        return Send(render("consent_again", language), "onboarding_consent")
    else:
        body = render(_PROMPTS[step], language)
    if invalid and step != "code":
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
    handler = {"language": _language, "consent": _consent, "country_confirm": _confirm,
               "country": _country, "code": _code}[session.step]  # fmt: skip
    outcome = handler(conversation, choice, event, ctx)
    if outcome is not None:
        return outcome
    session = _remember(session, event)
    if session.invalid >= ctx.policy.max_invalid:
        return _skip(replace(conversation, session=session), event, ctx)
    retry = replace(conversation, session=replace(session, invalid=session.invalid + 1))
    if session.step == "code" and event.code_status == "unknown":
        return retry, [Send(render("code_unknown", retry.language), "code_unknown")]
    return retry, [prompt(retry, ctx, invalid=True)]


def _said(choice: str, event: Event) -> str | None:
    """YES or NO: the offered words and digits first, then the model's affirm or deny."""
    return yes_no(choice) or (None if choice.isdigit() else _BY_INTENT.get(event.intent or ""))


def _language(conv: Conversation, choice: str, event: Event, ctx: Context) -> Outcome | None:
    chosen = {"1": "en", "2": "es", "3": "fr", "4": "ht"}.get(choice)
    if chosen is None and event.intent == "change_language" and event.language in LANGUAGES:
        chosen = event.language
    if chosen is None:
        return None
    return _next(replace(conv, language=chosen), "consent", ctx)


def _consent(conv: Conversation, choice: str, event: Event, ctx: Context) -> Outcome | None:
    said = _said(choice, event)
    if said == YES:
        return _to_country(replace(conv, consent=Consent.GIVEN), event, ctx)
    if said == NO:
        declined = replace(conv, consent=Consent.DECLINED, country=None)
        return _finish(declined, event, ctx, [Send(render("consent_declined", conv.language),
                                            "consent_declined")])  # fmt: skip
    return None


def _to_country(conv: Conversation, event: Event, ctx: Context) -> Outcome:
    """Confirm the country the number's dialling code says, or ask from the list."""
    assert conv.session is not None
    inferred = event.region if ctx.catalogue.get(event.region) is not None else None
    if inferred is None:
        return _next(conv, "country", ctx)
    answers = (
        *[(k, v) for k, v in conv.session.answers if k != "inferred"],
        ("inferred", inferred),
    )
    return _next(replace(conv, session=replace(conv.session, answers=answers)), "country_confirm",
                 ctx)  # fmt: skip


def _confirm(conv: Conversation, choice: str, event: Event, ctx: Context) -> Outcome | None:
    assert conv.session is not None
    named = country_named(choice, ctx.catalogue.order)
    said = None if named else _said(choice, event)
    if said == YES:
        named = conv.session.answer("inferred")
    if named is not None:
        return _next(replace(conv, country=named), "code", ctx)
    return _next(conv, "country", ctx) if said == NO else None


def _country(conv: Conversation, choice: str, event: Event, ctx: Context) -> Outcome | None:
    order = ctx.catalogue.order
    named = country_named(choice, order)
    if named is None and re.fullmatch(r"[0-9]{1,2}", choice) and 1 <= int(choice) <= len(order):
        named = order[int(choice) - 1]
    return None if named is None else _next(replace(conv, country=named), "code", ctx)


def _code(conv: Conversation, choice: str, event: Event, ctx: Context) -> Outcome | None:
    if no_code(choice) or (event.intent == "deny" and not choice.isdigit()):
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
    """Too many unreadable answers: keep a safe default and move on rather than loop."""
    assert conversation.session is not None
    step = conversation.session.step
    if step == "language":
        return _next(conversation, "consent", ctx)
    if step == "country_confirm":  # the dialling code's country is the best guess
        inferred = conversation.session.answer("inferred")
        return _next(replace(conversation, country=inferred), "code", ctx)
    if step == "country":
        return _next(conversation, "code", ctx)
    if step == "consent":  # never taken as a no: ask again another day
        later = replace(conversation, onboarding_after=ctx.now + ctx.policy.onboarding)
        body = render("consent_later", conversation.language)
        return _finish(later, event, ctx, [Send(body, "consent_later")])
    return _finish(conversation, event, ctx, [])  # the code is optional


def _finish(
    conversation: Conversation, event: Event, ctx: Context, effects: list[Effect]
) -> Outcome:
    """End onboarding with the menu, then answer the question the returnee came with."""
    assert conversation.session is not None
    pending = conversation.session.answer("pending")
    document = conversation.session.answer("document")
    done = replace(conversation, session=None, asked=None)
    language = done.language
    if done.consent == Consent.GIVEN:
        menu = render("menu", language)
        effects = [*effects, Send(render("onboarding_done", language, menu=menu), "menu")]
        done = replace(done, asked=Question.MENU)
    if pending:
        done, answers = answer_pending(done, event, ctx, pending, document)
        effects += answers
    elif done.consent != Consent.GIVEN:
        effects.append(Send(render("menu", language), "menu"))
        done = replace(done, asked=Question.MENU)
    return done, effects

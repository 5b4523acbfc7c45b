"""The conversation step: compliance first, then safety, then the flow the returnee is in."""

from dataclasses import replace

from flows import checkin, erasure, onboarding, referrals, reminder, survey
from flows.answers import document_named
from flows.content import LANGUAGES
from flows.conversation import (
    Context,
    Conversation,
    Effect,
    Event,
    HandoffMessage,
    NoteAlert,
    RaiseAlert,
    RecordCheckin,
    Send,
    expire,
)
from flows.keywords import Keyword, match_keyword, normalise_word
from flows.orientation import (
    SERVICE_INTENTS,
    contact_when,
    follow_up_answer,
    follow_up_aspect,
    office_answer,
    service_of,
    service_reply,
    words_of,
)
from flows.texts import crisis_text, emergency_call, render, text
from flows.vocabulary import AlertKind, Consent, Flow, Handoff, Question

Outcome = tuple[Conversation, list[Effect]]
JOIN_WORDS = {"JOIN", "REGISTER", "UNIRME", "INSCRIRE", "ENSKRI"}
# Replies that need nothing but the returnee's language.
SIMPLE_REPLIES = {
    "thanks": "thanks_reply", "goodbye": "goodbye_reply", "ask_appointment": "appointment_answer",
    "checkin_good": "checkin_good_reply", "checkin_okay": "checkin_okay_reply",
}  # fmt: skip
MENU_INTENTS = {"ask_menu", "affirm", "deny"}
OFFICE_WORDS = {"OFFICE", "OFICINA", "BUREAU", "BIWO"}
# Words that point back at what was just said ("where is IT?", "donde queda ESO", "ki kote
# LI ye?"): a short question with one of them is about the current topic, whatever the model
# guesses from its other words.
POINTING_BACK = {"IT", "THAT", "DAT", "DEH", "THERE", "DERE", "THEM", "DEM", "ESO", "ESA", "ESE",
                 "ALLA", "ALLI", "AHI", "ELLOS", "CA", "Y", "LA-BAS", "LI", "SA", "YO"}  # fmt: skip
SHORT_QUESTION_WORDS = 5
# Intents that ask no question of their own: a "where / when / bring / how much" word with
# one of them is a follow-up about the current topic ("weh it deh?" heard as "mi deh yah").
NO_NEW_QUESTION = {"", "out_of_scope", "nlu_fallback", "greet", "thanks", "goodbye", "affirm",
                   "deny", "ask_menu", "checkin_good", "checkin_okay"}  # fmt: skip
# After "I am not in danger", these add no question of their own to answer.
NOTHING_TO_ANSWER = NO_NEW_QUESTION


def step(conversation: Conversation, event: Event, ctx: Context) -> Outcome:
    """One inbound message: the new state and the effects (replies, alerts, links)."""
    was_paused = conversation.paused_until is not None
    conversation = expire(conversation, ctx.now)
    compliance = _compliance(conversation, event)
    if compliance is not None:
        return compliance
    erasing = erasure.step(conversation, event, ctx)  # "DELETE MY DATA" and its answer
    if erasing is not None:
        return erasing
    new, effects = _step(conversation, event, ctx)
    if was_paused and conversation.paused_until is None:  # the handoff ran out meanwhile
        effects = [_send("handoff_back", conversation.language), *effects]
    return new, effects


def _step(conversation: Conversation, event: Event, ctx: Context) -> Outcome:
    if event.intent == "crisis" and not _already_with_a_person(conversation, event, ctx):
        return crisis(conversation, event, ctx)
    if event.intent == "change_language" and event.language in LANGUAGES:
        return _change_language(conversation, event, event.language, ctx)
    if conversation.paused_until is not None:
        if event.retracts and conversation.handoff == Handoff.CRISIS and not event.staff_engaged:
            return _retracted(conversation, event, ctx)
        return _waiting(conversation, event, ctx)
    if event.num_media:
        return conversation, [_send("media_unsupported", conversation.language)]
    return _answer(conversation, event, ctx)


def _already_with_a_person(conversation: Conversation, event: Event, ctx: Context) -> bool:
    """A crisis handoff is on and only the model, unsure, hears a crisis ("still at my aunt's,
    nobody called"): the caseworker who has it hears the message, no second alarm."""
    in_crisis = conversation.paused_until is not None and conversation.handoff == Handoff.CRISIS
    return in_crisis and event.confidence < ctx.policy.sure_crisis


def _answer(conversation: Conversation, event: Event, ctx: Context) -> Outcome:
    """A message the bot answers itself: a person, the open question, or a free question."""
    if event.intent == "request_human":
        return handoff(conversation, event, ctx)  # in words or 0: even inside a flow
    in_flow = _in_flow(conversation, event, ctx)
    if in_flow is not None:
        return in_flow
    return _free(conversation, event, ctx)


def _compliance(conversation: Conversation, event: Event) -> Outcome | None:
    """STOP, START and HELP, before anything; silence for an opted-out number."""
    match = match_keyword(event.body)
    language = (match.language if match else None) or conversation.language
    if match and match.keyword is Keyword.STOP:
        if conversation.opted_out:
            return conversation, []
        stopped = replace(conversation, opted_out=True, session=None, topic=None)
        return stopped, [Send(text("stop_confirmation", language), "opt_out_confirmation")]
    if match and match.keyword is Keyword.START and conversation.opted_out:
        restarted = replace(conversation, opted_out=False)
        return restarted, [Send(text("start_confirmation", language), "opt_in_confirmation")]
    if conversation.opted_out:
        return conversation, []  # Nothing, from any path, until START.
    if match and match.keyword is Keyword.HELP:
        return conversation, [Send(text("help", language), "help")]
    return None


def crisis(conversation: Conversation, event: Event, ctx: Context) -> Outcome:
    """RaiseAlert a person, pause the bot, and give the country's emergency numbers now."""
    catalogue = ctx.catalogue
    country = catalogue.get(conversation.country) or catalogue.get(event.region)
    effects: list[Effect] = [RaiseAlert(AlertKind.CRISIS, "crisis message")]
    if conversation.paused_until is not None:  # the person who has it must see it too
        effects.append(HandoffMessage(conversation.handoff == Handoff.CRISIS))
    session = conversation.session
    if session is not None and session.flow == Flow.CHECKIN:
        effects.insert(0, RecordCheckin("struggling", "crisis"))
    paused = replace(conversation, session=None, paused_until=ctx.now + ctx.policy.handoff,
                     notified_at=ctx.now, handoff=Handoff.CRISIS, asked=None)  # fmt: skip
    body = crisis_text(conversation.language, country.emergency if country else None)
    return paused, [*effects, Send(body, "crisis_reply")]


def handoff(conversation: Conversation, event: Event, ctx: Context) -> Outcome:
    """Hand the conversation to a caseworker and say when they will call."""
    when = contact_when(ctx.country(conversation, event), ctx.now, conversation.language)
    paused = replace(conversation, session=None, paused_until=ctx.now + ctx.policy.handoff,
                     notified_at=ctx.now, misunderstood=0, handoff=Handoff.REQUEST_HUMAN,
                     asked=None)  # fmt: skip
    reply = Send(render("handoff", conversation.language, when=when), "handoff")
    return paused, [RaiseAlert(AlertKind.REQUEST_HUMAN, "asked for a person"), reply]


def _waiting(conversation: Conversation, event: Event, ctx: Context) -> Outcome:
    """While a person has the conversation, every message reaches them; the returnee hears
    "your caseworker has your message" at most once an hour (with the emergency numbers
    again when it began with a crisis)."""
    effects: list[Effect] = [HandoffMessage(conversation.handoff == Handoff.CRISIS)]
    last = conversation.notified_at
    if last is not None and ctx.now - last < ctx.policy.waiting_notice:
        return conversation, effects
    language, country = conversation.language, ctx.country(conversation, event)
    body = render("handoff_waiting", language, when=contact_when(country, ctx.now, language))
    if conversation.handoff == Handoff.CRISIS:
        call = emergency_call(language, country.emergency)
        body = f"{body} {render('danger_call', language, call=call)}"
    return replace(conversation, notified_at=ctx.now), [*effects, Send(body, "handoff_waiting")]


def _retracted(conversation: Conversation, event: Event, ctx: Context) -> Outcome:
    """ "I am not in danger, I was only asking": noted on the crisis alert (a person still
    closes it), and the bot answers again at once, starting with the real question."""
    resumed = replace(conversation, paused_until=None, handoff=None, notified_at=None)
    noted: list[Effect] = [NoteAlert("crisis", f"returnee says not in danger: {event.body}"),
                           _send("retraction_noted", conversation.language)]  # fmt: skip
    if (event.intent or "") in NOTHING_TO_ANSWER:
        return resumed, noted
    answered, effects = _answer(resumed, event, ctx)
    return answered, [*noted, *effects]


def _change_language(
    conversation: Conversation, event: Event, language: str, ctx: Context
) -> Outcome:
    """Switch language, then ask the pending question again in it."""
    switched = replace(conversation, language=language)
    session = switched.session
    if session is not None and session.flow == Flow.ONBOARDING and session.step == "language":
        return onboarding.answer(switched, event, ctx)  # naming a language answers the question
    effects: list[Effect] = [_send("language_changed", language)]
    if session is not None and session.flow == Flow.ONBOARDING:
        effects.append(onboarding.prompt(switched, ctx))
    elif session is not None and session.flow == Flow.CHECKIN:
        effects.append(_send("checkin_question", language))
    elif session is not None and session.flow == Flow.NEED:
        when = contact_when(ctx.country(switched, event), ctx.now, language)
        effects.append(Send(render("checkin_need", language, when=when), "checkin_need"))
    elif session is not None and session.flow == Flow.REMINDER:
        pending = reminder.pending_reminder(session)
        effects.append(Send(reminder.reminder_text(pending, language), "reminder"))
    elif session is not None and session.flow in referrals.FLOWS:
        effects.append(referrals.ask_again(session, language))
    elif session is not None and session.flow == Flow.SURVEY:
        effects.append(survey.prompt(switched))
    return switched, effects


def _in_flow(conversation: Conversation, event: Event, ctx: Context) -> Outcome | None:
    """The answer to the question the returnee was asked, if this message is one."""
    session = conversation.session
    if session is not None and _answers_session(conversation, event):
        if session.flow == Flow.ONBOARDING:
            return onboarding.answer(conversation, event, ctx)
        if session.flow == Flow.CHECKIN:
            return checkin.answer_checkin(conversation, event, ctx)
        if session.flow == Flow.NEED:
            return checkin.answer_need(conversation, event, ctx)
        if session.flow == Flow.REMINDER:
            return reminder.answer_reminder(conversation, event, ctx)
        if session.flow == Flow.REFERRAL_SHARE:
            return referrals.answer_share(conversation, event, ctx)
        if session.flow == Flow.REFERRAL_FOLLOW_UP:
            return referrals.answer_follow_up(conversation, event, ctx)
        if session.flow == Flow.SURVEY:
            return survey.answer_survey(conversation, event, ctx)
    later = conversation.onboarding_after
    if conversation.consent == Consent.UNKNOWN and (later is None or ctx.now >= later):
        return onboarding.begin(conversation, event, ctx)
    if conversation.consent == Consent.DECLINED and normalise_word(event.body) in JOIN_WORDS:
        return onboarding.begin(conversation, event, ctx, step="consent")
    return None


def _answers_session(conversation: Conversation, event: Event) -> bool:
    """One open question at a time: a bare digit answers the question asked last (a menu
    shown after a check-in makes "2" a menu choice); words may still answer the session."""
    session = conversation.session
    assert session is not None
    if not event.body.strip().rstrip(".").isdigit():
        return True
    return conversation.asked is None or conversation.asked == Question(session.flow)


def _follows_up(conversation: Conversation, event: Event, aspect: str, ctx: Context) -> bool:
    """A "where / when / bring / how much" word is about the current topic unless the model
    is sure of a different question ("when is my appointment?" after a grant answer)."""
    intent, topic = event.intent or "", service_of(conversation.topic or "")
    if intent in NO_NEW_QUESTION or SERVICE_INTENTS.get(intent) == topic:
        return True
    if aspect == "bring" and intent == "ask_documents":
        return True  # "what do I bring?" is heard as documents
    words = words_of(event.body)
    if intent == "ask_office":  # "what time do they open?" is the topic's, unless it names
        return not OFFICE_WORDS.intersection(words)  # the office
    if len(words) <= SHORT_QUESTION_WORDS and POINTING_BACK.intersection(words):
        return True
    return event.confidence < ctx.policy.follow_up_confidence


def _free(conversation: Conversation, event: Event, ctx: Context) -> Outcome:
    """A message outside any flow: orientation, small talk, or the menu."""
    language, intent = conversation.language, event.intent or ""
    if intent == "request_human":
        return handoff(conversation, event, ctx)
    if intent == "checkin_struggling":
        return checkin.struggling(conversation, event, ctx, record=False)
    understood = replace(conversation, misunderstood=0)
    aspect = follow_up_aspect(event.body)
    if conversation.topic and aspect and _follows_up(conversation, event, aspect, ctx):
        country = ctx.country(conversation, event)
        body = follow_up_answer(country, conversation.topic, aspect, language)
        return understood, [Send(body, f"follow_up_{aspect}")]
    document = document_named(event.body)
    if document is not None and intent in {"ask_documents", *NO_NEW_QUESTION}:
        return _sent(service_reply(understood, event, ctx, "documents", document))
    if intent in SERVICE_INTENTS:
        return _sent(service_reply(understood, event, ctx, SERVICE_INTENTS[intent], document))
    if intent == "ask_office":
        return understood, [Send(office_answer(ctx.country(conversation, event), language),
                                 "orientation_office")]  # fmt: skip
    if intent == "ask_appointment" and event.next_milestone is not None:
        # "When is my appointment?": the next milestone, answerable like its reminder.
        return reminder.open_reminder(understood, event.next_milestone, ctx, "appointment_answer")
    if intent in SIMPLE_REPLIES:
        return understood, [_send(SIMPLE_REPLIES[intent], language)]
    if intent in MENU_INTENTS or intent == "greet":
        key = "greeting" if intent == "greet" else "menu"
        menu = render("menu", language)
        return replace(understood, asked=Question.MENU), [
            Send(render(key, language, menu=menu), "menu")
        ]
    return _not_understood(conversation)


def _sent(outcome: tuple[Conversation, list[Send]]) -> Outcome:
    conversation, sends = outcome
    return conversation, list(sends)


def _not_understood(conversation: Conversation) -> Outcome:
    """Offer the menu; the second time in a row, offer a person instead (never a loop)."""
    language = conversation.language
    if conversation.misunderstood >= 1:
        again = replace(conversation, misunderstood=0, asked=Question.MENU)
        return again, [_send("not_understood_again", language)]
    menu = render("menu", language)
    reply = Send(render("not_understood", language, menu=menu), "not_understood")
    return replace(conversation, misunderstood=1, asked=Question.MENU), [reply]


def _send(key: str, language: str) -> Send:
    return Send(render(key, language), key)

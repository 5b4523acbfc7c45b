"""The conversation step: compliance first, then safety, then the flow the returnee is in."""

from dataclasses import replace

from flows import checkin, onboarding, reminder
from flows.content import LANGUAGES
from flows.conversation import (
    Alert,
    Context,
    Conversation,
    Effect,
    Event,
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
    service_answer,
    words_of,
)
from flows.texts import crisis_text, render, text

Outcome = tuple[Conversation, list[Effect]]
JOIN_WORDS = {"JOIN", "REGISTER", "UNIRME", "INSCRIRE", "ENSKRI"}
# Replies that need nothing but the returnee's language.
SIMPLE_REPLIES = {
    "thanks": "thanks_reply", "goodbye": "goodbye_reply", "ask_appointment": "appointment_answer",
    "checkin_good": "checkin_good_reply", "checkin_okay": "checkin_okay_reply",
}  # fmt: skip
MENU_INTENTS = {"ask_menu", "affirm", "deny"}
OFFICE_WORDS = {"OFFICE", "OFICINA", "BUREAU", "BIWO"}
# Intents under which a "where / when / bring" word is a follow-up about the current topic.
# Intents that are clearly something else, even with "where / when / bring" in the message.
NOT_FOLLOW_UPS = {"thanks", "goodbye", "greet", "affirm", "deny", "checkin_good", "checkin_okay"}


def step(conversation: Conversation, event: Event, ctx: Context) -> Outcome:
    """One inbound message: the new state and the effects (replies, alerts, links)."""
    conversation = expire(conversation, ctx.now)
    compliance = _compliance(conversation, event)
    if compliance is not None:
        return compliance
    if event.intent == "crisis":
        return crisis(conversation, event, ctx)
    if event.intent == "change_language" and event.language in LANGUAGES:
        return _change_language(conversation, event, event.language, ctx)
    if conversation.paused_until is not None:
        return _waiting(conversation, event, ctx)
    if event.num_media:
        return conversation, [_send("media_unsupported", conversation.language)]
    if event.intent == "request_human" and event.body.strip() != "0":
        return handoff(conversation, event, ctx)  # in words: even inside a flow
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
    """Alert a person, pause the bot, and give the country's emergency numbers now."""
    catalogue = ctx.catalogue
    country = catalogue.get(conversation.country) or catalogue.get(event.region)
    effects: list[Effect] = [Alert("crisis", "crisis message")]
    session = conversation.session
    if session is not None and session.flow == "checkin":
        effects.insert(0, RecordCheckin("struggling", "crisis"))
    paused = replace(conversation, session=None, paused_until=ctx.now + ctx.policy.handoff,
                     notified_at=ctx.now)  # fmt: skip
    body = crisis_text(conversation.language, country.emergency if country else None)
    return paused, [*effects, Send(body, "crisis_reply")]


def handoff(conversation: Conversation, event: Event, ctx: Context) -> Outcome:
    """Hand the conversation to a caseworker and say when they will call."""
    when = contact_when(ctx.country(conversation, event), ctx.now, conversation.language)
    paused = replace(conversation, session=None, paused_until=ctx.now + ctx.policy.handoff,
                     notified_at=ctx.now, misunderstood=0)  # fmt: skip
    reply = Send(render("handoff", conversation.language, when=when), "handoff")
    return paused, [Alert("request_human", "asked for a person"), reply]


def _waiting(conversation: Conversation, event: Event, ctx: Context) -> Outcome:
    """While a caseworker has the conversation: say so now and then, never more."""
    last = conversation.notified_at
    if last is not None and ctx.now - last < ctx.policy.waiting_notice:
        return conversation, []
    when = contact_when(ctx.country(conversation, event), ctx.now, conversation.language)
    reply = Send(render("handoff_waiting", conversation.language, when=when), "handoff_waiting")
    return replace(conversation, notified_at=ctx.now), [reply]


def _change_language(
    conversation: Conversation, event: Event, language: str, ctx: Context
) -> Outcome:
    """Switch language, then ask the pending question again in it."""
    switched = replace(conversation, language=language)
    session = switched.session
    if session is not None and session.flow == "onboarding" and session.step == "language":
        return onboarding.answer(switched, event, ctx)  # naming a language answers the question
    effects: list[Effect] = [_send("language_changed", language)]
    if session is not None and session.flow == "onboarding":
        effects.append(onboarding.prompt(switched, ctx))
    elif session is not None and session.flow == "checkin":
        effects.append(_send("checkin_question", language))
    elif session is not None and session.flow == "need":
        when = contact_when(ctx.country(switched, event), ctx.now, language)
        effects.append(Send(render("checkin_need", language, when=when), "checkin_need"))
    elif session is not None and session.flow == "reminder":
        pending = reminder.pending_reminder(session)
        effects.append(Send(reminder.reminder_text(pending, language), "reminder"))
    return switched, effects


def _in_flow(conversation: Conversation, event: Event, ctx: Context) -> Outcome | None:
    """The answer to the question the returnee was asked, if this message is one."""
    session = conversation.session
    if session is not None and session.flow == "onboarding":
        return onboarding.answer(conversation, event, ctx)
    if session is not None and session.flow == "checkin":
        return checkin.answer_checkin(conversation, event, ctx)
    if session is not None and session.flow == "need":
        return checkin.answer_need(conversation, event, ctx)
    if session is not None and session.flow == "reminder":
        return reminder.answer_reminder(conversation, event, ctx)
    if conversation.consent == "unknown":
        return onboarding.begin(conversation, event, ctx)
    if conversation.consent == "declined" and normalise_word(event.body) in JOIN_WORDS:
        return onboarding.begin(conversation, event, ctx, step="consent")
    return None


def _free(conversation: Conversation, event: Event, ctx: Context) -> Outcome:
    """A message outside any flow: orientation, small talk, or the menu."""
    language, intent = conversation.language, event.intent or ""
    if intent == "request_human":
        return handoff(conversation, event, ctx)
    if intent == "checkin_struggling":
        return checkin.struggling(conversation, event, ctx, record=False)
    understood = replace(conversation, misunderstood=0)
    aspect = follow_up_aspect(event.body)
    # A "where / when / bring" word is a follow-up about the topic unless the model heard
    # something clearer: "merci pour le renseignement" is thanks, "where can I get a job"
    # after a counselling answer is a new question, "where is your office" is the office.
    # "What do I bring?" stays on the topic even when the model hears "documents".
    new_service = SERVICE_INTENTS.get(intent) not in (None, conversation.topic)
    other = (
        intent in NOT_FOLLOW_UPS
        or (new_service and aspect != "bring")
        or (intent == "ask_office" and bool(OFFICE_WORDS.intersection(words_of(event.body))))
    )
    if conversation.topic and aspect and not other:
        country = ctx.country(conversation, event)
        body = follow_up_answer(country, conversation.topic, aspect, language)
        return understood, [Send(body, f"follow_up_{aspect}")]
    if intent in SERVICE_INTENTS:
        key = SERVICE_INTENTS[intent]
        body = service_answer(ctx.country(conversation, event), key, language)
        topical = replace(understood, topic=key, topic_until=ctx.now + ctx.policy.topic)
        return topical, [Send(body, f"orientation_{key}")]
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
        return understood, [Send(render(key, language, menu=menu), "menu")]
    return _not_understood(conversation)


def _not_understood(conversation: Conversation) -> Outcome:
    """Offer the menu; the second time in a row, offer a person instead (never a loop)."""
    language = conversation.language
    if conversation.misunderstood >= 1:
        return replace(conversation, misunderstood=0), [_send("not_understood_again", language)]
    menu = render("menu", language)
    reply = Send(render("not_understood", language, menu=menu), "not_understood")
    return replace(conversation, misunderstood=1), [reply]


def _send(key: str, language: str) -> Send:
    return Send(render(key, language), key)

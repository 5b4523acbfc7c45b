"""Monthly check-in answers, and the one follow-up question when someone is struggling."""

from dataclasses import replace

from flows.conversation import (
    Context,
    Conversation,
    Effect,
    Event,
    FlowStep,
    RaiseAlert,
    RecordCheckin,
    Send,
)
from flows.orientation import contact_when, service_reply
from flows.texts import label, render
from flows.vocabulary import AlertKind, Flow, Question

Outcome = tuple[Conversation, list[Effect]]
ANSWERS = {"1": "good", "2": "okay", "3": "struggling"}
ANSWER_INTENTS = {"checkin_good": "good", "checkin_okay": "okay",
                  "checkin_struggling": "struggling"}  # fmt: skip
# "What do you need most?" by digit, and the service that answers each need.
NEEDS = {"1": "counselling", "2": "job_placement", "3": "grants", "4": "housing",
         "5": "health", "6": None}  # fmt: skip


def open_checkin(conversation: Conversation, ctx: Context) -> Outcome:
    """Ask the monthly check-in question and wait for the answer."""
    session = FlowStep(Flow.CHECKIN, "answer", ctx.now + ctx.policy.checkin)
    asked = replace(conversation, session=session, asked=Question.CHECKIN)
    return asked, [Send(render("checkin_question", conversation.language), "checkin")]


def answer_checkin(conversation: Conversation, event: Event, ctx: Context) -> Outcome | None:
    """Take 1/2/3 or words as good/okay/struggling; None if the message is something else."""
    answer = ANSWERS.get(event.body.strip().rstrip(".")) or ANSWER_INTENTS.get(event.intent or "")
    if answer is None:
        return None
    done = replace(conversation, session=None, misunderstood=0)
    if answer == "struggling":
        return struggling(done, event, ctx, record=True)
    reply = render(f"checkin_{answer}_reply", done.language)
    return done, [RecordCheckin(answer), Send(reply, f"checkin_{answer}")]


def struggling(conversation: Conversation, event: Event, ctx: Context, record: bool) -> Outcome:
    """RaiseAlert a caseworker, say when they will call, and ask what is needed most."""
    language = conversation.language
    when = contact_when(ctx.country(conversation, event), ctx.now, language)
    session = FlowStep(Flow.NEED, "need", ctx.now + ctx.policy.need)
    effects: list[Effect] = [RecordCheckin("struggling")] if record else []
    effects += [
        RaiseAlert(
            AlertKind.STRUGGLING, "check-in: struggling" if record else "says things are hard"
        ),
        Send(render("checkin_need", language, when=when), "checkin_need"),
    ]
    return replace(conversation, session=session, asked=Question.NEED), effects


def answer_need(conversation: Conversation, event: Event, ctx: Context) -> Outcome | None:
    """Take the need by digit; tell the caseworker and point at the service that helps."""
    choice = event.body.strip().rstrip(".")
    if choice not in NEEDS:
        return None
    language, service = conversation.language, NEEDS[choice]
    need = label(f"need_{choice}", "en")
    done = replace(conversation, session=None, misunderstood=0)
    effects: list[Effect] = [
        RecordCheckin("struggling", need),
        RaiseAlert(AlertKind.STRUGGLING, f"needs most: {need}"),
        Send(render("need_noted", language), "need_noted"),
    ]
    if service is not None:
        done, sends = service_reply(done, event, ctx, service)
        effects += sends
    return done, effects


def nudge_checkin(conversation: Conversation, ctx: Context) -> Outcome:
    """No answer in 72 hours: ask once more, and wait for the answer again."""
    session = FlowStep(Flow.CHECKIN, "answer", ctx.now + ctx.policy.checkin)
    asked = replace(conversation, session=session, asked=Question.CHECKIN)
    return asked, [Send(render("checkin_nudge", conversation.language), "checkin_nudge")]

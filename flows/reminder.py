"""Milestone reminders: the text that names what, when and where, and its answer (1 or 2)."""

from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

from flows.conversation import (
    Context,
    Conversation,
    Effect,
    Event,
    FlowStep,
    RaiseAlert,
    RecordMilestoneAnswer,
    Reminder,
    Send,
)
from flows.orientation import contact_when
from flows.segments import count_segments
from flows.texts import day_names, label, month_names, render
from flows.vocabulary import AlertKind, Flow, Question

Outcome = tuple[Conversation, list[Effect]]
MAX_SEGMENTS = 2
COMING, CHANGE = "coming", "change"
ANSWERS = {"1": COMING, "2": CHANGE}
ANSWER_INTENTS = {"affirm": COMING, "deny": CHANGE}


def local_when(at: datetime, zone: str, language: str) -> str:
    """The milestone's local day and time: "Thu 10 Dec 14:00"."""
    local = at.astimezone(ZoneInfo(zone))
    return render(
        "reminder_when", language, day=day_names(language)[local.weekday()],
        date=str(local.day), month=month_names(language)[local.month - 1],
        time=f"{local:%H:%M}",
    )  # fmt: skip


def reminder_text(reminder: Reminder, language: str) -> str:
    """The reminder in `language`, the place shortened until it fits two SMS segments."""
    what = label(f"milestone_{reminder.kind}", language)
    when = local_when(reminder.at, reminder.zone, language)
    place = " ".join(reminder.place.split()) or "-"
    for size in range(len(place), 0, -5):
        short = place if size >= len(place) else place[:size].rstrip(" ,.;:-") + "..."
        body = render("reminder", language, what=what, when=when, where=short)
        if count_segments(body).segments <= MAX_SEGMENTS:
            return body
    return render("reminder", language, what=what, when=when, where="-")


def open_reminder(
    conversation: Conversation, reminder: Reminder, ctx: Context, purpose: str = "reminder"
) -> Outcome:
    """Send the reminder and wait for 1 (I will come) or 2 (I need to change it)."""
    answers = (("milestone", str(reminder.milestone_id)), ("kind", reminder.kind),
               ("at", reminder.at.isoformat()), ("place", reminder.place),
               ("zone", reminder.zone))  # fmt: skip
    session = FlowStep(Flow.REMINDER, "confirm", ctx.now + ctx.policy.reminder, answers)
    body = reminder_text(reminder, conversation.language)
    return replace(conversation, session=session, asked=Question.REMINDER), [Send(body, purpose)]


def pending_reminder(session: FlowStep) -> Reminder:
    """The reminder an open reminder session is about."""
    get = session.answer
    return Reminder(int(get("milestone") or 0), get("kind") or "", datetime.fromisoformat(
        get("at") or ""), get("place") or "", get("zone") or "UTC")  # fmt: skip


def answer_reminder(conversation: Conversation, event: Event, ctx: Context) -> Outcome | None:
    """1: confirmed. 2: the caseworker is alerted to find a new date. None: something else."""
    session = conversation.session
    assert session is not None
    answer = ANSWERS.get(event.body.strip().rstrip(".")) or ANSWER_INTENTS.get(event.intent or "")
    if answer is None:
        return None
    reminder = pending_reminder(session)
    done = replace(conversation, session=None, misunderstood=0)
    record = RecordMilestoneAnswer(reminder.milestone_id, answer)
    if answer == COMING:
        return done, [record, Send(render("reminder_coming", done.language), "reminder_coming")]
    when_en = local_when(reminder.at, reminder.zone, "en")
    what_en = label(f"milestone_{reminder.kind}", "en")
    call = contact_when(ctx.country(done, event), ctx.now, done.language)
    return done, [
        record,
        RaiseAlert(AlertKind.RESCHEDULE, f"asks to change: {what_en}, {when_en}"),
        Send(render("reminder_change", done.language, when=call), "reminder_change"),
    ]

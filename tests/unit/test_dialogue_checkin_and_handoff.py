"""Check-ins, the need question, handing over to a person, and changing language any time."""

from dataclasses import replace
from datetime import UTC, datetime, time, timedelta

import pytest

from flows.checkin import open_checkin
from flows.content import Country, Hours
from flows.conversation import (
    Context,
    Conversation,
    Event,
    FlowStep,
    HandoffMessage,
    NoteAlert,
    RaiseAlert,
    RecordCheckin,
    Send,
)
from flows.dialogue import step
from flows.orientation import contact_when, service_answer
from flows.texts import LANGUAGES, crisis_text, day_names, emergency_call, render
from tests.flow_world import CATALOGUE, CTX, JM, NOW, POLICY


def consented(language: str = "en", **changes: object) -> Conversation:
    return replace(Conversation(language, consent="given", country="JM"), **changes)


def in_session(flow: str, language: str = "en") -> Conversation:
    at = "answer" if flow == "checkin" else flow
    return consented(language, session=FlowStep(flow, at, NOW + timedelta(hours=1)))


def need_question(language: str = "en") -> Send:
    return Send(render("checkin_need", language, when=contact_when(JM, NOW, language)),
                "checkin_need")  # fmt: skip


def sends(effects: list[object]) -> list[str]:
    return [effect.purpose for effect in effects if isinstance(effect, Send)]


@pytest.mark.parametrize("language", LANGUAGES)
def test_open_checkin_asks_the_question_and_waits_for_the_answer(language: str) -> None:
    asked, effects = open_checkin(consented(language), CTX)

    assert asked.session == FlowStep("checkin", "answer", NOW + POLICY.checkin)
    assert effects == [Send(render("checkin_question", language), "checkin")]


@pytest.mark.parametrize(
    ("body", "intent", "answer"),
    [
        ("1", None, "good"), ("2", None, "okay"), ("1.", None, "good"),
        ("I'm fine", "checkin_good", "good"), ("so so", "checkin_okay", "okay"),
    ],
    ids=["1", "2", "1-with-full-stop", "words-good", "words-okay"],
)  # fmt: skip
def test_a_good_or_okay_answer_is_recorded_and_thanked(
    body: str, intent: str | None, answer: str
) -> None:
    new, effects = step(in_session("checkin", "es"), Event(body, intent=intent), CTX)

    reply = Send(render(f"checkin_{answer}_reply", "es"), f"checkin_{answer}")
    assert effects == [RecordCheckin(answer), reply]
    assert new.session is None


@pytest.mark.parametrize(("body", "intent"), [("3", None), ("hard times", "checkin_struggling")])
def test_struggling_is_recorded_alerted_and_asks_what_is_needed_most(
    body: str, intent: str | None
) -> None:
    new, effects = step(in_session("checkin"), Event(body, intent=intent), CTX)

    alert = RaiseAlert("struggling", "check-in: struggling")
    assert effects == [RecordCheckin("struggling"), alert, need_question()]
    assert "today before 16:30" in need_question().body
    assert new.session == FlowStep("need", "need", NOW + POLICY.need)


def test_saying_things_are_hard_outside_a_checkin_alerts_without_recording() -> None:
    new, effects = step(consented(), Event("things are hard", intent="checkin_struggling"), CTX)

    assert effects == [RaiseAlert("struggling", "says things are hard"), need_question()]
    assert new.session is not None and new.session.flow == "need"


NEEDS = [  # digit, the need in English, the service that helps
    ("1", "someone to talk to", "counselling"),
    ("2", "work", "job_placement"),
    ("3", "money", "grants"),
    ("4", "housing", "housing"),
    ("5", "health", "health"),
    ("6", "other", None),
]


@pytest.mark.parametrize(("digit", "need", "service"), NEEDS, ids=[n[1] for n in NEEDS])
def test_the_need_is_recorded_alerted_and_answered_with_the_service_that_helps(
    digit: str, need: str, service: str | None
) -> None:
    new, effects = step(in_session("need", "fr"), Event(digit), CTX)

    expected = [RecordCheckin("struggling", need), RaiseAlert("struggling", f"needs most: {need}"),
                Send(render("need_noted", "fr"), "need_noted")]  # fmt: skip
    if service is not None:
        expected.append(Send(service_answer(JM, service, "fr"), f"orientation_{service}"))
    assert effects == expected
    assert new.session is None and new.topic == service


@pytest.mark.parametrize(
    ("body", "intent", "purposes"),
    [("7", "ask_documents", ["orientation_documents"]), ("no idea", None, ["not_understood"])],
    ids=["digit-7-is-the-menu", "text-is-not-a-need"],
)
def test_anything_else_at_the_need_question_falls_through(
    body: str, intent: str | None, purposes: list[str]
) -> None:
    _, effects = step(in_session("need"), Event(body, intent=intent), CTX)

    assert sends(effects) == purposes
    assert not any(isinstance(effect, RecordCheckin | RaiseAlert) for effect in effects)


@pytest.mark.parametrize(
    ("flow", "recorded"),
    [("checkin", [RecordCheckin("struggling", "crisis")]), ("need", []), (None, [])],
    ids=["in-checkin", "at-need-question", "outside-any-flow"],
)
def test_a_crisis_records_in_a_checkin_alerts_and_pauses(
    flow: str | None, recorded: list[RecordCheckin]
) -> None:
    state = in_session(flow) if flow else consented()
    new, effects = step(state, Event("I can't go on", intent="crisis"), CTX)

    reply = Send(crisis_text("en", JM.emergency), "crisis_reply")
    assert effects == [*recorded, RaiseAlert("crisis", "crisis message"), reply]
    assert new.session is None and new.paused_until == NOW + POLICY.handoff


@pytest.mark.parametrize(
    "state",
    [consented(), in_session("checkin"), in_session("need")],
    ids=["free", "checkin", "need"],
)
@pytest.mark.parametrize("body", ["0", "I want to talk to someone"])
def test_asking_for_a_person_pauses_the_bot_and_says_when(state: Conversation, body: str) -> None:
    new, effects = step(state, Event(body, intent="request_human"), CTX)

    reply = Send(render("handoff", "en", when="today before 16:30"), "handoff")
    assert effects == [RaiseAlert("request_human", "asked for a person"), reply]
    assert new.paused_until == NOW + POLICY.handoff and new.notified_at == NOW
    assert new.session is None


SATURDAY_OFFICE = replace(JM, office=replace(JM.office, hours=Hours(
    frozenset(range(6)), time(9, 0), time(13, 0))))  # fmt: skip


def utc(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=UTC)  # 23rd: Monday ... 29th: Sunday


WHEN = [  # country, UTC time, expected (text key, values); Kingston is UTC-5, Georgetown UTC-4
    ("JM", utc(25, 12), "when_today", {"time": "08:30"}),  # Wed 07:00, before opening
    ("JM", utc(25, 13, 30), "when_now", {"time": "16:30"}),  # Wed 08:30, opening
    ("JM", utc(25, 20), "when_now", {"time": "16:30"}),  # Wed 15:00, during hours
    ("JM", utc(25, 21, 30), "when_tomorrow", {"time": "08:30"}),  # Wed 16:30, closing
    ("JM", utc(26, 2), "when_tomorrow", {"time": "08:30"}),  # Wed 21:00, Thursday in UTC
    ("JM", utc(27, 22), "when_day", {"day": 0, "time": "08:30"}),  # Friday evening
    ("JM", utc(28, 2), "when_day", {"day": 0, "time": "08:30"}),  # Fri 21:00, Saturday in UTC
    ("JM", utc(28, 15), "when_day", {"day": 0, "time": "08:30"}),  # Saturday
    ("JM", utc(29, 15), "when_tomorrow", {"time": "08:30"}),  # Sunday
    ("GY", utc(25, 11, 30), "when_today", {"time": "08:00"}),  # Wed 07:30 in Georgetown
    ("GY", utc(25, 20, 29), "when_now", {"time": "16:30"}),  # Wed 16:29 in Georgetown
    ("SAT", utc(27, 22), "when_tomorrow", {"time": "09:00"}),  # Friday evening: Saturday
    ("SAT", utc(28, 15), "when_now", {"time": "13:00"}),  # Saturday 10:00
    ("SAT", utc(28, 19), "when_day", {"day": 0, "time": "09:00"}),  # Saturday after closing
]
WHEN_IDS = [
    "before-opening", "at-opening", "during-hours", "at-closing", "late-evening-next-utc-day",
    "friday-evening-to-monday", "friday-night-saturday-utc", "saturday-to-monday",
    "sunday-to-monday", "guyana-before-opening", "guyana-last-minute",
    "saturday-office-friday-evening", "saturday-office-saturday", "saturday-office-after-close",
]  # fmt: skip


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("code", "now", "key", "values"), WHEN, ids=WHEN_IDS)
def test_contact_when_is_within_office_hours_in_the_country_time_zone(
    code: str, now: datetime, key: str, values: dict[str, object], language: str
) -> None:
    country: Country = SATURDAY_OFFICE if code == "SAT" else CATALOGUE.countries[code]
    filled = {k: day_names(language)[v] if k == "day" else v for k, v in values.items()}

    assert contact_when(country, now, language) == render(key, language, **filled)


def test_contact_when_on_friday_evening_names_monday() -> None:
    assert contact_when(JM, utc(27, 22), "en") == "on Mon after 08:30"
    assert contact_when(JM, utc(27, 22), "ht") == "Len apre 08:30"


PAUSED = consented(paused_until=NOW + POLICY.handoff, notified_at=NOW, handoff="request_human")
IN_CRISIS = replace(PAUSED, handoff="crisis")


def test_while_paused_every_message_reaches_the_person_and_the_holding_reply_is_hourly() -> None:
    state, purposes, told = PAUSED, [], []
    for minutes in (10, 50, 60, 70, 119, 130):
        ctx = Context(CATALOGUE, NOW + timedelta(minutes=minutes))
        state, effects = step(state, Event("hello?", intent="greet"), ctx)
        purposes.append(sends(effects))
        told.append(HandoffMessage() in effects)

    assert POLICY.waiting_notice == timedelta(hours=1)
    assert purposes == [[], [], ["handoff_waiting"], [], [], ["handoff_waiting"]]
    assert told == [True] * 6
    assert state.notified_at == NOW + timedelta(minutes=130)


def test_the_holding_reply_says_the_caseworker_has_the_message_and_when() -> None:
    state = replace(PAUSED, notified_at=None)
    new, effects = step(state, Event("hello", intent="greet"), CTX)

    when = render("when_now", "en", time="16:30")
    holding = Send(render("handoff_waiting", "en", when=when), "handoff_waiting")
    assert effects == [HandoffMessage(), holding]
    assert new.notified_at == NOW and new.paused_until == PAUSED.paused_until


def test_after_a_crisis_the_holding_reply_gives_the_emergency_numbers_again() -> None:
    _, effects = step(replace(IN_CRISIS, notified_at=None), Event("hello?"), CTX)

    [holding] = [e for e in effects if isinstance(e, Send)]
    call = emergency_call("en", JM.emergency)
    assert holding.body.endswith(render("danger_call", "en", call=call))
    assert "119" in holding.body


@pytest.mark.parametrize("intent", ["ask_job", "request_human", "checkin_struggling", None])
def test_while_paused_other_messages_get_no_bot_answer_but_reach_the_person(
    intent: str | None,
) -> None:
    assert step(PAUSED, Event("4", intent=intent), CTX) == (PAUSED, [HandoffMessage()])


def test_while_paused_a_crisis_still_gets_the_numbers_and_an_alert() -> None:
    later = Context(CATALOGUE, NOW + timedelta(hours=1))
    new, effects = step(PAUSED, Event("please help me", intent="crisis"), later)

    reply = Send(crisis_text("en", JM.emergency), "crisis_reply")
    assert effects == [RaiseAlert("crisis", "crisis message"), HandoffMessage(), reply]
    assert "119" in reply.body and new.paused_until == later.now + POLICY.handoff
    assert new.handoff == "crisis"


@pytest.mark.parametrize("ended", [NOW, NOW - timedelta(minutes=1)], ids=["just-now", "earlier"])
def test_after_the_pause_ends_the_bot_says_it_is_back_and_answers_again(ended: datetime) -> None:
    new, effects = step(replace(PAUSED, paused_until=ended), Event("hi", intent="greet"), CTX)

    assert new.paused_until is None and new.handoff is None
    assert sends(effects) == ["handoff_back", "menu"]


RETRACTION = Event("mi nuh inna no danger, mi jus a ask bout di grant", intent="ask_grant",
                   confidence=0.8, retracts=True)  # fmt: skip


def test_not_in_danger_after_a_crisis_is_noted_and_the_real_question_answered_at_once() -> None:
    new, effects = step(IN_CRISIS, RETRACTION, CTX)

    note = NoteAlert("crisis", f"returnee says not in danger: {RETRACTION.body}")
    assert effects[0] == note
    assert sends(effects) == ["retraction_noted", "orientation_grants"]
    assert (new.paused_until, new.handoff, new.topic) == (None, None, "grants")


def test_a_bare_retraction_is_noted_and_the_bot_answers_the_next_message() -> None:
    new, effects = step(IN_CRISIS, Event("it was a mistake", intent="deny", retracts=True), CTX)
    assert sends(effects) == ["retraction_noted"] and new.paused_until is None

    _, effects = step(new, Event("4", intent="ask_job", confidence=1.0), CTX)
    assert sends(effects) == ["orientation_job_placement"]


@pytest.mark.parametrize(
    ("state", "event"),
    [
        (PAUSED, RETRACTION),  # a person was asked for: only they end it
        (IN_CRISIS, RETRACTION.__class__(**{**RETRACTION.__dict__, "staff_engaged": True})),
        (IN_CRISIS, Event("mi nuh inna no danger", intent="deny", retracts=False)),
    ],
    ids=["asked for a person", "a caseworker already wrote", "no retraction heard"],
)
def test_a_retraction_does_not_end_a_handoff_a_person_is_handling(
    state: Conversation, event: Event
) -> None:
    new, effects = step(state, event, CTX)
    told = [e for e in effects if isinstance(e, HandoffMessage)]
    assert told == [HandoffMessage(state.handoff == "crisis")]
    assert new.paused_until == state.paused_until


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("flow", [None, "checkin", "need"], ids=["free", "checkin", "need"])
def test_a_language_change_sticks_and_asks_the_pending_question_again(
    flow: str | None, language: str
) -> None:
    state = in_session(flow) if flow else consented()
    event = Event("...", intent="change_language", language=language)
    new, effects = step(state, event, CTX)

    changed = Send(render("language_changed", language), "language_changed")
    again = {
        None: [],
        "checkin": [Send(render("checkin_question", language), "checkin_question")],
        "need": [need_question(language)],
    }[flow]
    assert new == replace(state, language=language)
    assert effects == [changed, *again]


def test_an_unknown_language_code_changes_nothing() -> None:
    event = Event("deutsch", intent="change_language", language="de")
    new, effects = step(consented("fr"), event, CTX)

    assert new.language == "fr" and sends(effects) == ["not_understood"]


CRISIS_IN_HANDOFF = [  # confidence, source of the crisis intent -> a new crisis reply and alert?
    (0.33, False),  # the model alone, unsure: another message for the person who has it
    (0.59, False),
    (0.6, True),  # the model sure: the crisis reply again and an alert
    (1.0, True),  # the lexicon (or a rule): always
]


@pytest.mark.parametrize(("confidence", "again"), CRISIS_IN_HANDOFF)
def test_in_a_crisis_handoff_only_a_sure_crisis_raises_the_alarm_again(
    confidence: float, again: bool
) -> None:
    state = replace(IN_CRISIS, notified_at=NOW - timedelta(hours=8))
    event = Event("sigo en casa de mi tia, nadie me ha llamao", intent="crisis",
                  confidence=confidence)  # fmt: skip
    new, effects = step(state, event, CTX)

    assert (RaiseAlert("crisis", "crisis message") in effects) is again
    assert HandoffMessage(True) in effects  # the caseworker who has it hears it either way
    assert sends(effects) == (["crisis_reply"] if again else ["handoff_waiting"])
    assert new.handoff == "crisis" and new.paused_until is not None


def test_outside_a_crisis_handoff_an_unsure_crisis_still_raises_the_alarm() -> None:
    for state in (consented(), PAUSED):
        _, effects = step(state, Event("nobody call me", intent="crisis", confidence=0.31), CTX)
        assert sends(effects) == ["crisis_reply"]

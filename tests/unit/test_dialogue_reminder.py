"""Milestone reminders in the dialogue: the text, the 1/2 answer, and what else can happen."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from flows.checkin import nudge_checkin, open_checkin
from flows.conversation import (
    Context,
    Conversation,
    Effect,
    Event,
    FlowStep,
    RaiseAlert,
    RecordCheckin,
    RecordMilestoneAnswer,
    Send,
)
from flows.dialogue import step
from flows.orientation import contact_when, service_answer
from flows.reminder import Reminder, open_reminder, reminder_text
from flows.schedule_texts import MILESTONE_LABELS
from flows.segments import count_segments
from flows.texts import LANGUAGES, crisis_text, label, render, text
from tests.flow_world import CATALOGUE, CTX, JM, NOW, POLICY

KINDS = [key.removeprefix("milestone_") for key in MILESTONE_LABELS if key.startswith("milestone_")]
SESSION_AT = datetime(2026, 12, 10, 19, 0, tzinfo=UTC)  # Thursday 10 December, 14:00 in Kingston
PLACE = "Youth Centre, 12 King St"
LONG_PLACE = ("Reintegration Unit, Ministry of Labour and Social Security, 1F North Street, "
              "Downtown Kingston, ") * 3  # fmt: skip
LONG_PLACE = LONG_PLACE[:200]
REMINDER = Reminder(31, "counselling", SESSION_AT, PLACE, "America/Jamaica")
# "Thu 10 Dec 14:00" in each language
WHEN = {"en": "Thu 10 Dec 14:00", "es": "Jue 10 dic 14:00", "fr": "Jeu 10 dec 14:00",
        "ht": "Jed 10 des 14:00"}  # fmt: skip


def consented(language: str = "en") -> Conversation:
    return Conversation(language, consent="given", country="JM")


def reminded(language: str = "en", reminder: Reminder = REMINDER) -> Conversation:
    asked, _ = open_reminder(consented(language), reminder, CTX)
    return asked


def sends(effects: list[Effect]) -> list[str]:
    return [effect.purpose for effect in effects if isinstance(effect, Send)]


def answers(effects: list[Effect]) -> list[Effect]:
    return [e for e in effects if isinstance(e, RecordMilestoneAnswer | RaiseAlert | RecordCheckin)]


def where_of(body: str, language: str) -> str:
    """The place as the reminder printed it, between the template's words."""
    before, after = render("reminder", language, what="\0", when="\0", where="\0").split("\0")[2:]
    return body[body.rindex(before) + len(before) : body.rindex(after)]


def test_the_milestone_kinds_are_the_ones_with_labels() -> None:
    assert len(KINDS) == 9 and "counselling" in KINDS and "alert_reschedule" not in KINDS
    assert len(LONG_PLACE) == 200


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", KINDS)
def test_a_reminder_names_what_when_and_where_in_two_segments(kind: str, language: str) -> None:
    body = reminder_text(replace(REMINDER, kind=kind), language)

    assert label(f"milestone_{kind}", language) in body
    assert WHEN[language] in body
    assert where_of(body, language) == PLACE
    assert count_segments(body).segments <= 2


def fits(kind: str, language: str, place: str) -> bool:
    body = render("reminder", language, what=label(f"milestone_{kind}", language),
                  when=WHEN[language], where=place)  # fmt: skip
    return count_segments(body).segments <= 2


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", KINDS)
def test_a_200_character_place_is_shortened_with_dots_when_it_would_not_fit_two_segments(
    kind: str, language: str
) -> None:
    body = reminder_text(replace(REMINDER, kind=kind, place=LONG_PLACE), language)
    where = where_of(body, language)

    assert count_segments(body).segments == 2  # shortened if need be, not thrown away
    assert label(f"milestone_{kind}", language) in body and WHEN[language] in body
    if fits(kind, language, LONG_PLACE):
        assert where == LONG_PLACE
    else:
        assert where.endswith("...") and len(where) > 150
        assert LONG_PLACE.startswith(where.removesuffix("..."))
        # as long as fits, give or take the 5-character steps (and one stripped space)
        assert not fits(kind, language, LONG_PLACE[: len(where) + 3] + "...")


def test_a_200_character_place_needs_shortening_with_the_longer_milestone_names() -> None:
    shortened = {(k, lang) for k in KINDS for lang in LANGUAGES if not fits(k, lang, LONG_PLACE)}
    assert ("grant_application_due", "en") in shortened and ("health", "ht") not in shortened


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", KINDS)
def test_a_300_character_place_is_always_shortened(kind: str, language: str) -> None:
    place = (LONG_PLACE * 2)[:300]
    body = reminder_text(replace(REMINDER, kind=kind, place=place), language)
    where = where_of(body, language)

    assert count_segments(body).segments == 2
    assert where.endswith("...") and place.startswith(where.removesuffix("..."))


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_long_place_with_a_non_gsm_letter_still_fits_two_ucs2_segments(language: str) -> None:
    place = ("Clínica " + LONG_PLACE)[:200]  # í is not GSM-7: the body turns UCS-2
    body = reminder_text(replace(REMINDER, kind="grant_application_due", place=place), language)

    assert count_segments(body).segments <= 2
    assert place.startswith(where_of(body, language).removesuffix("..."))


@pytest.mark.parametrize(
    ("place", "where"),
    [("  12  King St\n Kingston ", "12 King St Kingston"), ("", "-"), ("   ", "-")],
    ids=["spaces and line breaks fold to single spaces", "no place is a dash",
         "a blank place is a dash"],
)  # fmt: skip
def test_the_place_is_tidied_before_it_is_printed(place: str, where: str) -> None:
    body = reminder_text(replace(REMINDER, place=place), "en")

    assert where_of(body, "en") == where


LOCAL_WHEN = [  # (id, at, zone, language, expected local day and time)
    ("14:00 in Kingston", SESSION_AT, "America/Jamaica", "en", "Thu 10 Dec 14:00"),
    ("the same instant is 15:00 in Georgetown", SESSION_AT, "America/Guyana", "en",
     "Thu 10 Dec 15:00"),
    ("Port-au-Prince in December is on EST", SESSION_AT, "America/Port-au-Prince", "ht",
     "Jed 10 des 14:00"),
    ("Nassau in July is on EDT", datetime(2026, 7, 1, 14, tzinfo=UTC), "America/Nassau", "fr",
     "Mer 1 juil 10:00"),
    ("02:30 UTC on New Year's Day is still Dec 31 in Kingston",
     datetime(2027, 1, 1, 2, 30, tzinfo=UTC), "America/Jamaica", "es", "Jue 31 dic 21:30"),
    ("the same instant in UTC is January 1", datetime(2027, 1, 1, 2, 30, tzinfo=UTC), "UTC",
     "en", "Fri 1 Jan 02:30"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("at", "zone", "language", "expected"),
    [case[1:] for case in LOCAL_WHEN],
    ids=[case[0] for case in LOCAL_WHEN],
)
def test_when_is_the_local_day_and_time_in_the_returnees_zone_and_language(
    at: datetime, zone: str, language: str, expected: str
) -> None:
    body = reminder_text(Reminder(31, "health", at, PLACE, zone), language)

    assert f", {expected}, " in body


@pytest.mark.parametrize("language", LANGUAGES)
def test_open_reminder_sends_it_and_waits_for_the_answer(language: str) -> None:
    asked, effects = open_reminder(consented(language), REMINDER, CTX)

    assert effects == [Send(reminder_text(REMINDER, language), "reminder")]
    session = asked.session
    assert session is not None
    assert (session.flow, session.expires_at) == ("reminder", NOW + POLICY.reminder)
    assert session.answer("milestone") == "31" and session.answer("place") == PLACE


COMING = [  # (body, intent the NLU gives it)
    ("1", "ask_counselling"), ("1.", None), (" 1 ", "ask_counselling"), ("yes", "affirm"),
]  # fmt: skip


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("body", "intent"), COMING, ids=["1", "1-full-stop", "1-spaces", "yes"])
def test_1_says_i_will_come_and_closes_the_reminder(
    body: str, intent: str | None, language: str
) -> None:
    new, effects = step(reminded(language), Event(body, intent=intent), CTX)

    assert effects == [
        RecordMilestoneAnswer(31, "coming"),
        Send(render("reminder_coming", language), "reminder_coming"),
    ]
    assert new.session is None


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    ("body", "intent"), [("2", "ask_vocational_training"), ("no", "deny")], ids=["2", "no"]
)
def test_2_asks_for_a_new_date_alerts_the_caseworker_and_says_when_they_call(
    body: str, intent: str, language: str
) -> None:
    new, effects = step(reminded(language), Event(body, intent=intent), CTX)

    when = contact_when(JM, NOW, language)
    assert effects == [
        RecordMilestoneAnswer(31, "change"),
        RaiseAlert("reschedule", "asks to change: your counselling session, Thu 10 Dec 14:00"),
        Send(render("reminder_change", language, when=when), "reminder_change"),
    ]
    assert new.session is None


@pytest.mark.parametrize("kind", KINDS)
def test_the_reschedule_alert_names_the_milestone_in_english(kind: str) -> None:
    _, effects = step(reminded("ht", replace(REMINDER, kind=kind)), Event("2"), CTX)

    alerts = [effect for effect in effects if isinstance(effect, RaiseAlert)]
    what = label(f"milestone_{kind}", "en")
    assert alerts == [RaiseAlert("reschedule", f"asks to change: {what}, Thu 10 Dec 14:00")]


UNRELATED = [  # (id, body, intent, the reply's purpose)
    ("a job question is answered", "where can I find work", "ask_job",
     "orientation_job_placement"),
    ("menu digit 3 is answered as the menu", "3", "ask_business_training",
     "orientation_business_training"),
    ("a greeting gets the menu", "hello", "greet", "menu"),
    ("thanks is thanked", "thank you", "thanks", "thanks_reply"),
    ("something not understood offers the menu", "blue", None, "not_understood"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("body", "intent", "purpose"), [u[1:] for u in UNRELATED], ids=[u[0] for u in UNRELATED]
)
def test_something_else_is_answered_and_the_reminder_still_waits_for_its_answer(
    body: str, intent: str | None, purpose: str
) -> None:
    state = reminded()
    new, effects = step(state, Event(body, intent=intent), CTX)

    assert sends(effects) == [purpose]
    assert answers(effects) == []
    assert new.session == state.session  # not consumed

    later = Context(CATALOGUE, NOW + timedelta(hours=1))
    _, after = step(new, Event("1", intent="ask_counselling"), later)
    if purpose in ("menu", "not_understood"):  # the menu was asked last: 1 is its choice
        assert answers(after) == [] and sends(after) == ["orientation_counselling"]
        _, after = step(new, Event("yes I will come", intent="affirm"), later)
    assert answers(after) == [RecordMilestoneAnswer(31, "coming")]


def test_a_job_question_during_a_reminder_gets_the_countrys_job_answer() -> None:
    new, effects = step(reminded("fr"), Event("je cherche du travail", intent="ask_job"), CTX)

    assert effects == [Send(service_answer(JM, "job_placement", "fr"), "orientation_job_placement")]
    assert new.topic == "job_placement"


def test_0_during_a_reminder_hands_over_to_a_person() -> None:
    new, effects = step(reminded(), Event("0", intent="request_human"), CTX)

    assert sends(effects) == ["handoff"]
    assert answers(effects) == [RaiseAlert("request_human", "asked for a person")]
    assert new.session is None and new.paused_until == NOW + POLICY.handoff


@pytest.mark.parametrize(("body", "language"), [("STOP", "en"), ("stop", "en"), ("BAJA", "es")])
def test_stop_during_a_reminder_opts_out_and_ends_it(body: str, language: str) -> None:
    new, effects = step(reminded(language), Event(body), CTX)

    assert effects == [Send(text("stop_confirmation", language), "opt_out_confirmation")]
    assert new.opted_out and new.session is None
    assert step(new, Event("1", intent="ask_counselling"), CTX) == (new, [])


def test_a_crisis_during_a_reminder_is_a_crisis() -> None:
    new, effects = step(reminded(), Event("I want to end it all", intent="crisis"), CTX)

    assert effects == [RaiseAlert("crisis", "crisis message"),
                       Send(crisis_text("en", JM.emergency), "crisis_reply")]  # fmt: skip
    assert new.session is None and new.paused_until == NOW + POLICY.handoff


@pytest.mark.parametrize("language", ["es", "fr", "ht"])
def test_a_language_change_sends_the_reminder_again_in_the_new_language(language: str) -> None:
    state = reminded("en")
    event = Event("...", intent="change_language", language=language)
    new, effects = step(state, event, CTX)

    assert effects == [
        Send(render("language_changed", language), "language_changed"),
        Send(reminder_text(REMINDER, language), "reminder"),
    ]
    assert WHEN[language] in reminder_text(REMINDER, language)
    assert new == replace(state, language=language)

    _, answered = step(new, Event("1", intent="ask_counselling"), CTX)
    assert answered == [RecordMilestoneAnswer(31, "coming"),
                        Send(render("reminder_coming", language), "reminder_coming")]  # fmt: skip


@pytest.mark.parametrize(
    ("after", "answered"),
    [(POLICY.reminder - timedelta(minutes=1), True), (POLICY.reminder, False),
     (POLICY.reminder + timedelta(days=3), False)],
    ids=["a minute before it expires 1 still answers", "when it expires 1 is the menu again",
         "days later 1 is the menu again"],
)  # fmt: skip
def test_an_expired_reminder_no_longer_takes_1_as_its_answer(
    after: timedelta, answered: bool
) -> None:
    later = Context(CATALOGUE, NOW + after)
    new, effects = step(reminded(), Event("1", intent="ask_counselling"), later)

    if answered:
        assert answers(effects) == [RecordMilestoneAnswer(31, "coming")]
    else:
        assert answers(effects) == []
        assert sends(effects) == ["orientation_counselling"]
    assert new.session is None


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_nudge_asks_again_and_reopens_the_check_in(language: str) -> None:
    asked, _ = open_checkin(consented(language), CTX)
    nudge_at = Context(CATALOGUE, NOW + timedelta(hours=72))  # the first session just ended

    nudged, effects = nudge_checkin(asked, nudge_at)

    assert effects == [Send(render("checkin_nudge", language), "checkin_nudge")]
    assert nudged.session == FlowStep("checkin", "answer", nudge_at.now + POLICY.checkin)

    answer_at = Context(CATALOGUE, nudge_at.now + timedelta(hours=1))
    new, answered = step(nudged, Event("3", intent="ask_business_training"), answer_at)
    need = render("checkin_need", language, when=contact_when(JM, answer_at.now, language))
    alert = RaiseAlert("struggling", "check-in: struggling")
    assert answered == [RecordCheckin("struggling"), alert, Send(need, "checkin_need")]
    assert new.session is not None and new.session.flow == "need"


def test_3_after_the_check_in_expired_is_the_menu() -> None:
    asked, _ = open_checkin(consented(), CTX)
    later = Context(CATALOGUE, NOW + POLICY.checkin + timedelta(hours=1))

    _, effects = step(asked, Event("3", intent="ask_business_training"), later)

    assert answers(effects) == [] and sends(effects) == ["orientation_business_training"]


def test_asking_when_the_appointment_is_during_a_reminder_is_not_a_request_to_change_it() -> None:
    upcoming = replace(REMINDER, milestone_id=32, kind="health")
    event = Event("when is my appointment", intent="ask_appointment", next_milestone=upcoming)
    new, effects = step(reminded(), event, CTX)
    assert sends(effects) == ["appointment_answer"]
    assert not [e for e in effects if isinstance(e, RaiseAlert | RecordMilestoneAnswer)]
    assert new.session is not None and new.session.answer("milestone") == "32"


def test_a_shortened_place_ends_in_three_dots_without_a_dangling_comma() -> None:
    place = ("Ministry of Labour and Social Security, Reintegration Unit, " * 6)[:300]
    body = reminder_text(replace(REMINDER, place=place), "en")
    shown = where_of(body, "en")
    assert shown.endswith("...") and not shown.endswith(",...") and not shown.endswith("....")

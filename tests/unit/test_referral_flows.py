"""Referrals, pure: the status moves, the stale flag, the SMS that names the partner, the
share question and the follow-up in the dialogue, and orientation answers from the directory."""

import copy
from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest
import yaml

from bot.content import DEFAULT_CONTENT_DIR
from flows.content import ContentError, parse_country
from flows.conversation import (
    Conversation,
    DirectoryPartner,
    Effect,
    Event,
    RaiseAlert,
    RecordReferralFollowUp,
    RecordReferralShare,
    Send,
)
from flows.dialogue import step
from flows.orientation import nearest_first, service_answer
from flows.referrals import (
    ReferralFacts,
    TransitionError,
    allowed_next,
    check_transition,
    is_stale,
    open_follow_up,
    open_share,
    referral_text,
)
from flows.segments import count_segments
from flows.texts import LANGUAGES
from flows.vocabulary import AlertKind, Flow, Question
from tests.flow_world import CTX, JM, NOW

FACTS = ReferralFacts(7, "counselling", "NODM", "+1 876-555-0142", "5 Example Lane, Kingston")
LONG_NAME = "National Organization of Deported Migrants " * 4
LONG_PLACE = "Reintegration Unit, 1F North Street, Kingston, " * 6
LONG = ReferralFacts(8, "vocational_training", LONG_NAME, "+1 876-555-0142", LONG_PLACE)


def consented(language: str = "en") -> Conversation:
    return Conversation(language, consent="given", country="JM")


def sent(effects: list[Effect]) -> list[str]:
    return [e.purpose for e in effects if isinstance(e, Send)]


# --- Status moves (table-driven) ---------------------------------------------------------

MOVES = [
    ("made", "contacted", True), ("made", "in_progress", True), ("made", "completed", True),
    ("made", "declined", True), ("made", "no_show", True), ("contacted", "in_progress", True),
    ("in_progress", "completed", True), ("in_progress", "no_show", True),
    ("made", "made", False), ("contacted", "made", False), ("in_progress", "contacted", False),
    ("completed", "in_progress", False), ("completed", "declined", False),
    ("declined", "contacted", False), ("no_show", "completed", False),
]  # fmt: skip


@pytest.mark.parametrize(("current", "new", "allowed"), MOVES)
def test_a_referral_moves_forward_or_closes_and_a_closed_one_stays_closed(
    current: str, new: str, allowed: bool
) -> None:
    if allowed:
        assert check_transition(current, new) == new
    else:
        with pytest.raises(TransitionError, match=f"that is {current} cannot become {new}"):
            check_transition(current, new)


def test_an_unknown_status_is_refused_naming_the_statuses() -> None:
    with pytest.raises(TransitionError, match="status must be one of made, contacted"):
        check_transition("made", "done" * 50)


def test_a_closed_referral_can_become_nothing() -> None:
    assert allowed_next("completed") == ()
    with pytest.raises(TransitionError, match="nothing: it is closed"):
        check_transition("declined", "completed")


@pytest.mark.parametrize(("status", "days", "stale"), [
    ("made", 21, True), ("made", 20, False), ("in_progress", 40, True),
    ("completed", 90, False), ("no_show", 90, False),
])  # fmt: skip
def test_an_open_referral_without_an_update_for_the_stale_days_is_stale(
    status: str, days: int, stale: bool
) -> None:
    assert is_stale(status, NOW - timedelta(days=days), NOW, timedelta(days=21)) is stale


# --- The SMS naming the partner --------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("facts", [FACTS, LONG], ids=["short", "long"])
def test_the_referral_sms_names_the_partner_within_two_gsm7_segments(
    language: str, facts: ReferralFacts
) -> None:
    body = referral_text(facts, language)
    count = count_segments(body)
    assert count.encoding == "GSM-7" and count.segments <= 2
    assert facts.partner[:10] in body and facts.phone in body


def test_the_short_referral_sms_reads_in_full() -> None:
    assert referral_text(FACTS, "en") == (
        "Counselling: we referred you to NODM. Call +1 876-555-0142 or go to 5 Example Lane, "
        "Kingston. Reply MENU for more."
    )


# --- The share question in the dialogue ------------------------------------------------------


def shared(language: str = "en") -> Conversation:
    asked, effects = open_share(consented(language), FACTS, CTX)
    assert sent(effects) == ["referral_made", "referral_share_question"]
    return asked


@pytest.mark.parametrize(("body", "intent", "given"), [
    ("1", None, True), ("2", None, False), ("yes", "affirm", True), ("no", "deny", False),
])  # fmt: skip
def test_the_share_answer_is_recorded_and_acknowledged(
    body: str, intent: str | None, given: bool
) -> None:
    conversation = shared()
    assert conversation.asked == Question.REFERRAL_SHARE
    new, effects = step(conversation, Event(body, intent=intent), CTX)
    assert effects[0] == RecordReferralShare(7, given)
    assert sent(effects) == ["referral_share_yes" if given else "referral_share_no"]
    assert new.session is None


def test_a_question_instead_of_a_share_answer_is_answered_and_the_question_stays() -> None:
    conversation = shared()
    new, effects = step(conversation, Event("where is the office?", intent="ask_office"), CTX)
    assert not any(isinstance(e, RecordReferralShare) for e in effects)
    assert new.session is not None and new.session.flow == Flow.REFERRAL_SHARE


def test_stop_during_the_share_question_opts_out_and_records_nothing() -> None:
    new, effects = step(shared(), Event("STOP"), CTX)
    assert new.opted_out and sent(effects) == ["opt_out_confirmation"]


# --- The follow-up in the dialogue -----------------------------------------------------------


def followed(language: str = "en") -> Conversation:
    asked, effects = open_follow_up(consented(language), FACTS, CTX)
    [send] = [e for e in effects if isinstance(e, Send)]
    assert "NODM" in send.body and count_segments(send.body).segments <= 2
    return asked


@pytest.mark.parametrize(("body", "answer", "purpose"), [
    ("1", "yes", "referral_yes"), ("2", "not_yet", "referral_not_yet"), ("3", "no", "referral_no"),
])  # fmt: skip
def test_the_follow_up_answer_is_recorded(body: str, answer: str, purpose: str) -> None:
    new, effects = step(followed(), Event(body), CTX)
    assert effects[0] == RecordReferralFollowUp(7, answer)
    assert sent(effects) == [purpose]
    assert new.session is None


def test_no_help_from_the_partner_alerts_the_caseworker() -> None:
    _, effects = step(followed("es"), Event("3"), CTX)
    [alert] = [e for e in effects if isinstance(e, RaiseAlert)]
    assert alert.kind == AlertKind.REFERRAL_FAILED and "NODM" in alert.reason


def test_an_out_of_range_digit_changes_nothing() -> None:
    _, effects = step(followed(), Event("7"), CTX)
    assert not any(isinstance(e, RecordReferralFollowUp) for e in effects)


# --- Orientation answers from the directory --------------------------------------------------

KINGSTON = DirectoryPartner("Kingston Care", "+1 876-555-0142", "4 Duke St", None, ("Kingston",))
MOBAY = DirectoryPartner("Bay Help", "+1 876-555-0199", "2 Bay Rd", None, ("St. James",))
SPANISH_TOWN = DirectoryPartner("Town Aid", None, None, None, ("St Catherine",))


def test_the_partner_serving_the_returnees_area_comes_first() -> None:
    assert nearest_first((KINGSTON, MOBAY, SPANISH_TOWN), "st. james")[0] == MOBAY
    assert nearest_first((KINGSTON, MOBAY), None) == [KINGSTON, MOBAY]


def test_a_service_answer_names_the_nearest_partners_within_two_segments() -> None:
    body = service_answer(JM, "counselling", "en", (KINGSTON, MOBAY, SPANISH_TOWN), "St. James")
    assert body.startswith("Counselling: Bay Help +1 876-555-0199")
    assert "2 Bay Rd" in body and count_segments(body).segments <= 2


@pytest.mark.parametrize("language", LANGUAGES)
def test_many_long_partners_still_fit_two_segments(language: str) -> None:
    many = tuple(replace(KINGSTON, name=f"Partner number {i} of the network") for i in range(6))
    body = service_answer(JM, "drug_rehab", language, many, "Kingston")
    assert count_segments(body).segments <= 2


def test_without_directory_partners_the_answer_is_the_contents() -> None:
    event = Event("counselling?", intent="ask_counselling")
    _, effects = step(consented(), event, CTX)
    nodm = DirectoryPartner("NODM", address=JM.services["counselling"].where)
    with_seeded = Event("counselling?", intent="ask_counselling", partners=(nodm,))
    _, seeded = step(consented(), with_seeded, CTX)
    assert [e for e in effects if isinstance(e, Send)] == [e for e in seeded if isinstance(e, Send)]


# --- follow_up_days in the content ------------------------------------------------------------

JM_DATA = yaml.safe_load((DEFAULT_CONTENT_DIR / "countries" / "jm.yml").read_text("utf-8"))


def with_days(value: Any) -> dict[str, Any]:
    data = copy.deepcopy(JM_DATA)
    data["services"]["grants"]["follow_up_days"] = value
    return data


def test_follow_up_days_default_to_fourteen_and_may_be_set_per_service() -> None:
    assert JM.services["grants"].follow_up_days == 14
    assert JM.services["counselling"].follow_up_days == 10


@pytest.mark.parametrize("value", [0, 181, "7", True, 3.5])
def test_a_bad_follow_up_days_is_refused_naming_the_key(value: Any) -> None:
    with pytest.raises(ContentError, match=r"services\.grants\.follow_up_days"):
        parse_country(with_days(value), "jm.yml")


def test_a_change_of_language_asks_the_open_referral_question_again() -> None:
    event = Event("espanol", intent="change_language", language="es")
    new, effects = step(followed(), event, CTX)
    assert sent(effects) == ["language_changed", "referral_follow_up"]
    assert new.session is not None and new.session.flow == Flow.REFERRAL_FOLLOW_UP

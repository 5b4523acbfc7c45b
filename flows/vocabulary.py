"""Typed vocabularies of the conversation: one definition each, values stored as text."""

from enum import StrEnum


class Flow(StrEnum):
    """The flow a returnee is in: a question the bot asked and waits for."""

    ONBOARDING = "onboarding"
    CHECKIN = "checkin"
    NEED = "need"  # "what do you need most?" after a hard check-in
    REMINDER = "reminder"


class Question(StrEnum):
    """The last question the bot asked: it decides what a bare digit means."""

    MENU = "menu"
    ONBOARDING = "onboarding"
    CHECKIN = "checkin"
    NEED = "need"
    REMINDER = "reminder"


class Consent(StrEnum):
    """What a returnee said about keeping their data."""

    UNKNOWN = "unknown"
    GIVEN = "given"
    DECLINED = "declined"


class Handoff(StrEnum):
    """Why a person has the conversation."""

    CRISIS = "crisis"
    REQUEST_HUMAN = "request_human"
    CASEWORKER = "caseworker"  # a caseworker took it over


class AlertKind(StrEnum):
    """What an alert is about (the most urgent first)."""

    CRISIS = "crisis"
    REQUEST_HUMAN = "request_human"
    HANDOFF_MESSAGE = "handoff_message"
    STRUGGLING = "struggling"
    RESCHEDULE = "reschedule"
    MISSED_CHECKINS = "missed_checkins"
    UNDELIVERABLE = "undeliverable"
    NEW_NUMBER = "new_number"

"""Typed vocabularies of the conversation: one definition each, values stored as text."""

from enum import StrEnum


class Flow(StrEnum):
    """The flow a returnee is in: a question the bot asked and waits for."""

    ONBOARDING = "onboarding"
    CHECKIN = "checkin"
    NEED = "need"  # "what do you need most?" after a hard check-in
    REMINDER = "reminder"
    REFERRAL_SHARE = "referral_share"  # "may we give <partner> your name and number?"
    REFERRAL_FOLLOW_UP = "referral_follow_up"  # "did you get help from <partner>?"
    SURVEY = "survey"  # the sustainability survey, one keypad question at a time
    ERASURE = "erasure"  # "reply 1 to delete everything we hold about you, 2 to keep it"


class Question(StrEnum):
    """The last question the bot asked: it decides what a bare digit means."""

    MENU = "menu"
    ONBOARDING = "onboarding"
    CHECKIN = "checkin"
    NEED = "need"
    REMINDER = "reminder"
    REFERRAL_SHARE = "referral_share"
    REFERRAL_FOLLOW_UP = "referral_follow_up"
    SURVEY = "survey"
    ERASURE = "erasure"


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
    REFERRAL_FAILED = "referral_failed"  # "no, I did not get help from <partner>"
    LOW_SUSTAINABILITY = "low_sustainability"  # a survey score low or falling


class PartnerKind(StrEnum):
    """What kind of organisation a partner is."""

    GOVERNMENT = "government"
    NGO = "ngo"
    CHURCH = "church"
    PRIVATE = "private"
    IOM = "iom"
    COMMUNITY = "community"


class ReferralStatus(StrEnum):
    """A referral from made to closed: made -> contacted -> in_progress -> completed, or
    declined / no_show."""

    MADE = "made"
    CONTACTED = "contacted"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    DECLINED = "declined"
    NO_SHOW = "no_show"


class ShareConsent(StrEnum):
    """Whether the returnee agreed that a partner is told who they are."""

    UNKNOWN = "unknown"
    ASKED = "asked"  # asked by SMS, no answer yet
    GIVEN = "given"
    DECLINED = "declined"


class Dimension(StrEnum):
    """The three dimensions of reintegration (IOM): a goal's, and a survey score's."""

    ECONOMIC = "economic"
    SOCIAL = "social"
    PSYCHOSOCIAL = "psychosocial"


class ServiceKind(StrEnum):
    """A service delivered to a returnee, as the plan records it."""

    COUNSELLING_SESSION = "counselling_session"
    TRAINING_ENROLLED = "training_enrolled"
    TRAINING_COMPLETED = "training_completed"
    JOB_PLACED = "job_placed"
    REHAB_STARTED = "rehab_started"
    REHAB_COMPLETED = "rehab_completed"
    DOCUMENTS_OBTAINED = "documents_obtained"
    GRANT_APPROVED = "grant_approved"
    GRANT_DISBURSED = "grant_disbursed"


class SurveyStatus(StrEnum):
    """A sustainability survey from sent to closed."""

    OPEN = "open"
    COMPLETE = "complete"
    PARTIAL = "partial"  # stopped answering; the answers given are kept and scored
    CANCELLED = "cancelled"


class Sex(StrEnum):
    """A returnee's sex as registered (optional): the regional dataset counts by it."""

    FEMALE = "female"
    MALE = "male"
    OTHER = "other"


class ReturnType(StrEnum):
    """How a returnee came back (optional at registration)."""

    FORCED = "forced"
    VOLUNTARY = "voluntary"

"""A returnee's conversation: state, events and effects, and the one step between them.

A step is `(state, event, now) -> (new_state, effects)`. Effects are data (`Send`, `RaiseAlert`,
`LinkCase`, `RecordCheckin`) that `bot/` performs in the same transaction.
"""

from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from flows.content import Catalogue, Country
from flows.vocabulary import AlertKind, Consent, Flow, Handoff, Question


@dataclass(frozen=True)
class FlowStep:
    """The flow a contact is in (onboarding, checkin, need), its step and answers so far."""

    flow: Flow
    step: str
    expires_at: datetime
    answers: tuple[tuple[str, str], ...] = ()
    invalid: int = 0  # wrong answers at this step, so a confused returnee never loops

    def answer(self, key: str) -> str | None:
        """A collected answer, if any."""
        return dict(self.answers).get(key)


@dataclass(frozen=True)
class Conversation:
    """Everything a step needs to know about one returnee."""

    language: str
    opted_out: bool = False
    consent: Consent = Consent.UNKNOWN
    country: str | None = None
    session: FlowStep | None = None
    topic: str | None = None  # the service last asked about, for follow-up questions
    topic_until: datetime | None = None
    paused_until: datetime | None = None  # a caseworker has the conversation (handoff)
    handoff: Handoff | None = None  # why a person has the conversation
    notified_at: datetime | None = None  # last "we have your message" while paused
    misunderstood: int = 0
    asked: Question | None = None  # the last question asked
    onboarding_after: datetime | None = None  # consent unanswered: ask again from then


@dataclass(frozen=True)
class Reminder:
    """A milestone as a reminder names it: its id, kind, time, place and time zone."""

    milestone_id: int
    kind: str
    at: datetime
    place: str
    zone: str


@dataclass(frozen=True)
class DirectoryPartner:
    """A partner of the directory as an answer names it (looked up by bot/, never here)."""

    name: str
    phone: str | None = None
    address: str | None = None
    hours: str | None = None
    areas: tuple[str, ...] = ()


@dataclass(frozen=True)
class Event:
    """A received message, channel-neutral, with what the NLU understood."""

    body: str
    channel: str = "sms"
    num_media: int = 0
    intent: str | None = None  # None: not asked (STOP, HELP, empty)
    confidence: float = 0.0  # how sure the NLU was of `intent` (rules and lexicon: 1.0)
    retracts: bool = False  # denies a danger or takes a message back ("not in danger")
    staff_engaged: bool = False  # a caseworker has written to the returnee in this handoff
    language: str | None = None  # the requested language, with intent change_language
    region: str | None = None  # the number's country (ISO alpha-2)
    code_status: str | None = None  # registration code: linked|needs_check|unknown
    next_milestone: Reminder | None = None  # looked up when the returnee asks about it
    # A service question: the directory's active partners of that service in the returnee's
    # country, and the returnee's area (parish, region) to put the nearest first.
    partners: tuple[DirectoryPartner, ...] = ()
    area: str | None = None


@dataclass(frozen=True)
class Send:
    """Effect: send `body` to the returnee, for `purpose`."""

    body: str
    purpose: str


@dataclass(frozen=True)
class RaiseAlert:
    """Effect: alert a caseworker (one open alert per kind and returnee; reasons add up)."""

    kind: AlertKind
    reason: str


@dataclass(frozen=True)
class LinkCase:
    """Effect: link this number to the case a caseworker registered with `code`."""

    code: str


@dataclass(frozen=True)
class RecordCheckin:
    """Effect: record a check-in answer (good|okay|struggling) and, later, the need."""

    answer: str
    need: str | None = None


@dataclass(frozen=True)
class RecordMilestoneAnswer:
    """Effect: the returnee answered a reminder: coming, or needs to change the date."""

    milestone_id: int
    answer: str  # coming|change


@dataclass(frozen=True)
class NoteAlert:
    """Effect: add a note to the returnee's open alert of this kind (no new alert)."""

    kind: str
    note: str


@dataclass(frozen=True)
class HandoffMessage:
    """Effect: the returnee wrote while a person has the conversation: tell that person
    (within the crisis SLA when the handoff began with a crisis)."""

    began_with_crisis: bool = False


@dataclass(frozen=True)
class RecordReferralShare:
    """Effect: the returnee said whether the partner may be told their name and number."""

    referral_id: int
    given: bool


@dataclass(frozen=True)
class RecordReferralFollowUp:
    """Effect: the returnee said whether they got help from the partner (yes|not_yet|no)."""

    referral_id: int
    answer: str


@dataclass(frozen=True)
class RecordSurveyAnswer:
    """Effect: a sustainability survey answer (one digit); `next` is asked next, or None."""

    question: str
    digit: str
    next: str | None


@dataclass(frozen=True)
class CloseSurvey:
    """Effect: the returnee's open survey ends now with this status (partial: stopped)."""

    status: str


@dataclass(frozen=True)
class EraseData:
    """Effect: the returnee confirmed erasure: remove everything that names them."""


Effect = (
    EraseData
    | Send
    | RaiseAlert
    | LinkCase
    | RecordCheckin
    | RecordMilestoneAnswer
    | NoteAlert
    | HandoffMessage
    | RecordReferralShare
    | RecordReferralFollowUp
    | RecordSurveyAnswer
    | CloseSurvey
)


@dataclass(frozen=True)
class Policy:
    """How long sessions, topics and handoffs last."""

    onboarding: timedelta = timedelta(hours=24)
    checkin: timedelta = timedelta(days=7)  # open until counted missed
    need: timedelta = timedelta(hours=24)
    reminder: timedelta = timedelta(hours=48)
    referral_share: timedelta = timedelta(days=3)  # "may we tell <partner>?" waits this long
    referral_follow_up: timedelta = timedelta(days=7)  # "did you get help?" likewise
    topic: timedelta = timedelta(hours=2)
    handoff: timedelta = timedelta(hours=72)
    waiting_notice: timedelta = timedelta(hours=1)
    follow_up_confidence: float = 0.5  # a model this sure of another intent beats a follow-up
    # In a crisis handoff, a message only the model calls crisis, less sure than this, goes to
    # the person who has the conversation (with the emergency numbers) as another message.
    sure_crisis: float = 0.6
    max_invalid: int = 2


@dataclass(frozen=True)
class Context:
    """What a step reads besides the state and the event."""

    catalogue: Catalogue
    now: datetime
    policy: Policy = field(default_factory=Policy)

    def country(self, conversation: Conversation, event: Event) -> Country:
        """The returnee's country: chosen, else the number's, else the deployment default."""
        for code in (conversation.country, event.region, self.catalogue.default):
            found = self.catalogue.get(code)
            if found is not None:
                return found
        return next(iter(self.catalogue.countries.values()))


def expire(conversation: Conversation, now: datetime) -> Conversation:
    """Drop a session, topic or handoff whose time is over."""
    session = conversation.session
    if session is not None and session.expires_at <= now:
        session = None
    topic, until = conversation.topic, conversation.topic_until
    if until is not None and until <= now:
        topic, until = None, None
    paused, handoff = conversation.paused_until, conversation.handoff
    if paused is not None and paused <= now:
        paused, handoff = None, None
    return replace(conversation, session=session, topic=topic, topic_until=until,
                   paused_until=paused, handoff=handoff if paused else None)  # fmt: skip

"""Referrals, pure: the moves a referral's status may make, the SMS that names the partner,
the consent question ("may we tell <partner> who you are?") and the follow-up ("did you get
help from <partner>?"), and when a referral counts as stale."""

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from flows.conversation import (
    Context,
    Conversation,
    Effect,
    Event,
    FlowStep,
    RaiseAlert,
    RecordReferralFollowUp,
    RecordReferralShare,
    Send,
)
from flows.orientation import contact_when
from flows.segments import count_segments
from flows.texts import label, render
from flows.vocabulary import AlertKind, Flow, Question, ReferralStatus

Outcome = tuple[Conversation, list[Effect]]
MAX_SEGMENTS = 2
# made -> contacted -> in_progress -> completed: forward only (a step may be skipped, say a
# partner that helped at once); declined and no_show close an open referral; closed is final.
FORWARD = (ReferralStatus.MADE, ReferralStatus.CONTACTED, ReferralStatus.IN_PROGRESS,
           ReferralStatus.COMPLETED)  # fmt: skip
OPEN = frozenset(FORWARD[:3])
CLOSING = frozenset({ReferralStatus.DECLINED, ReferralStatus.NO_SHOW})
SHARE_ANSWERS = {"1": True, "2": False}
SHARE_INTENTS = {"affirm": True, "deny": False}
YES, NOT_YET, NO = "yes", "not_yet", "no"
FOLLOW_UP_ANSWERS = {"1": YES, "2": NOT_YET, "3": NO}
FOLLOW_UP_INTENTS = {"affirm": YES, "deny": NO}


class TransitionError(ValueError):
    """A status change the referral cannot make; the message says why and what it can do."""

    def __init__(self, message: str, current: str = "", new: str = "",
                 allowed: tuple[str, ...] = ()) -> None:  # fmt: skip
        super().__init__(message)
        self.current, self.new, self.allowed = current, new, allowed


def allowed_next(current: str) -> tuple[str, ...]:
    """The statuses a referral in `current` may move to (none once it is closed)."""
    if current not in OPEN:
        return ()
    later = FORWARD[FORWARD.index(ReferralStatus(current)) + 1 :]
    return tuple(str(status) for status in (*later, *sorted(CLOSING)))


def check_transition(current: str, new: str) -> ReferralStatus:
    """The new status, if a referral in `current` may move to it; TransitionError if not."""
    if new not in ReferralStatus.__members__.values():
        names = ", ".join(ReferralStatus)
        raise TransitionError(f"status must be one of {names}, not {new[:40]!r}")
    allowed = allowed_next(current)
    if new not in allowed:
        choices = ", ".join(allowed) or "nothing: it is closed"
        raise TransitionError(f"a referral that is {current} cannot become {new}; "
                              f"it can become {choices}", current, new, allowed)  # fmt: skip
    return ReferralStatus(new)


def is_stale(status: str, updated_at: datetime, now: datetime, stale_after: timedelta) -> bool:
    """An open referral nobody updated for `stale_after`."""
    return status in OPEN and now - updated_at >= stale_after


@dataclass(frozen=True)
class ReferralFacts:
    """What the returnee's messages say about a referral: the partner and how to reach it."""

    referral_id: int
    service: str  # a content service key
    partner: str
    phone: str  # the partner's, else the office's
    where: str  # the partner's address, else the office's


def referral_text(facts: ReferralFacts, language: str) -> str:
    """ "Counselling: we referred you to NODM. Call ... or go to ...", within two segments
    (the address shortened first, then the partner's name)."""
    service = label(facts.service, language)
    for where, partner in _shorter(facts.where, facts.partner):
        body = render("referral_made", language, service=service, partner=partner,
                      phone=facts.phone, where=where)  # fmt: skip
        if count_segments(body).segments <= MAX_SEGMENTS:
            return body
    return render("referral_made", language, service=service, partner=facts.partner[:30],
                  phone=facts.phone, where="-")  # fmt: skip


def _shorter(where: str, partner: str) -> list[tuple[str, str]]:
    wheres = [where[:size].rstrip(" ,.;:-") + ("..." if size < len(where) else "")
              for size in range(len(where), 0, -10)] or ["-"]  # fmt: skip
    names = [partner[:size] for size in range(len(partner), 9, -10)] or [partner]
    return [(w, names[0]) for w in wheres] + [("-", name) for name in names]


def _session(flow: Flow, facts: ReferralFacts, expires: datetime) -> FlowStep:
    answers = (("referral", str(facts.referral_id)), ("partner", facts.partner))
    return FlowStep(flow, "ask", expires, answers)


def open_share(conversation: Conversation, facts: ReferralFacts, ctx: Context) -> Outcome:
    """Tell the returnee about the referral, then ask whether the partner may be told who
    they are (1 yes, 2 no)."""
    session = _session(Flow.REFERRAL_SHARE, facts, ctx.now + ctx.policy.referral_share)
    language = conversation.language
    question = render("referral_share_question", language, partner=facts.partner[:40])
    asked = replace(conversation, session=session, asked=Question.REFERRAL_SHARE)
    return asked, [Send(referral_text(facts, language), "referral_made"),
                   Send(question, "referral_share_question")]  # fmt: skip


def tell_referral(conversation: Conversation, facts: ReferralFacts) -> Outcome:
    """Tell the returnee about the referral, asking nothing (the partner has no email)."""
    return conversation, [Send(referral_text(facts, conversation.language), "referral_made")]


def open_follow_up(conversation: Conversation, facts: ReferralFacts, ctx: Context) -> Outcome:
    """Ask "did you get help from <partner>? 1 yes 2 not yet 3 no"."""
    session = _session(Flow.REFERRAL_FOLLOW_UP, facts, ctx.now + ctx.policy.referral_follow_up)
    body = render("referral_follow_up_question", conversation.language,
                  partner=facts.partner[:40])  # fmt: skip
    asked = replace(conversation, session=session, asked=Question.REFERRAL_FOLLOW_UP)
    return asked, [Send(body, "referral_follow_up")]


FLOWS = (Flow.REFERRAL_SHARE, Flow.REFERRAL_FOLLOW_UP)


def ask_again(session: FlowStep, language: str) -> Send:
    """The open referral question again (after a change of language)."""
    partner = (session.answer("partner") or "")[:40]
    if session.flow == Flow.REFERRAL_SHARE:
        body = render("referral_share_question", language, partner=partner)
        return Send(body, "referral_share_question")
    body = render("referral_follow_up_question", language, partner=partner)
    return Send(body, "referral_follow_up")


def _pending(conversation: Conversation) -> tuple[int, str]:
    session = conversation.session
    assert session is not None
    return int(session.answer("referral") or 0), session.answer("partner") or ""


def answer_share(conversation: Conversation, event: Event, ctx: Context) -> Outcome | None:
    """1: the partner may be told (and is emailed). 2: it is not. None: something else."""
    digit = event.body.strip().rstrip(".")
    given = SHARE_ANSWERS.get(digit, SHARE_INTENTS.get(event.intent or ""))
    if given is None:
        return None
    referral_id, partner = _pending(conversation)
    done = replace(conversation, session=None, asked=None, misunderstood=0)
    key = "referral_share_yes" if given else "referral_share_no"
    reply = Send(render(key, done.language, partner=partner[:40]), key)
    return done, [RecordReferralShare(referral_id, given), reply]


def answer_follow_up(conversation: Conversation, event: Event, ctx: Context) -> Outcome | None:
    """1 yes, 2 not yet, 3 no (the caseworker is alerted). None: something else."""
    digit = event.body.strip().rstrip(".")
    answer = FOLLOW_UP_ANSWERS.get(digit) or FOLLOW_UP_INTENTS.get(event.intent or "")
    if answer is None:
        return None
    referral_id, partner = _pending(conversation)
    done = replace(conversation, session=None, asked=None, misunderstood=0)
    language, record = done.language, RecordReferralFollowUp(referral_id, answer)
    if answer == YES:
        return done, [record, Send(render("referral_follow_up_yes", language), "referral_yes")]
    if answer == NOT_YET:
        body = render("referral_follow_up_not_yet", language, partner=partner[:40])
        return done, [record, Send(body, "referral_not_yet")]
    when = contact_when(ctx.country(done, event), ctx.now, language)
    reason = f"did not get help from {partner} (referral {referral_id})"
    return done, [
        record,
        RaiseAlert(AlertKind.REFERRAL_FAILED, reason),
        Send(render("referral_follow_up_no", language, when=when), "referral_no"),
    ]

"""Sustainability surveys: planned quarterly from the return date by the clock, or asked now by
a caseworker; answered one digit at a time (flows/survey.py); nudged once; closed complete
or partial; scored; a low or falling score alerts the caseworker.

Exactly once: a survey's key (`survey:42:2027Q1`, `survey:42:demand:20261202T150000`) is
unique in the surveys table, in the schedule and in the outbox.
"""

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.casework import alerts
from bot.desk import Desk
from bot.logs import get_logger
from bot.messaging.delivery import latest_number, reachable_number
from bot.schedule.firing import send_scheduled
from bot.schedule.planning import contact_zone, zone_of
from flows.conversation import Context, Conversation, Effect
from flows.schedule import outside_quiet_hours
from flows.survey import open_survey, plan_of, question_text
from flows.survey_book import SurveyBook, alert_reason, score, survey_occasions
from flows.vocabulary import AlertKind, SurveyStatus
from storage import schedule_repo as plan
from storage.models import Contact
from storage.reintegration import Survey
from storage.schedule import ScheduleEntry

log = get_logger("surveys")
PAGE = 2000
STALE = timedelta(days=14)  # a quarterly survey the clock missed by more is not sent late
AHEAD = timedelta(days=40)  # planned this far ahead (the clock plans every hour)


class SurveyRefused(ValueError):
    """A survey that cannot be sent now; str() says why, for the caseworker."""


def open_survey_of(session: Session, contact_id: int) -> Survey | None:
    """The returnee's survey being answered, if any (the newest)."""
    query = select(Survey).where(Survey.contact_id == contact_id,
                                 Survey.status == SurveyStatus.OPEN)  # fmt: skip
    return session.scalar(query.order_by(Survey.id.desc()).limit(1))


def surveys_of(session: Session, contact_id: int) -> list[Survey]:
    """A returnee's surveys, oldest first."""
    query = select(Survey).where(Survey.contact_id == contact_id)
    return list(session.scalars(query.order_by(Survey.sent_at, Survey.id)))


def _book(desk: Desk) -> SurveyBook:
    if desk.survey is None:
        raise SurveyRefused("no survey is configured (content/survey.yml)")
    return desk.survey


# Planning: the quarterly surveys


def plan_surveys(desk: Desk, now: datetime) -> int:
    """Plan each consenting returnee's quarterly survey that falls due soon; return how many."""
    if desk.survey is None:
        return 0
    after: int | None = 0
    added = 0
    while after is not None:
        with desk.sessions.begin() as session:
            rows = plan.checkin_candidates(session, after, PAGE)
            after = rows[-1][0] if rows else None
            have = plan.planned_keys(session, [row[0] for row in rows], "survey")
            found = [entry for row in rows for entry in _due(desk, row, now) if
                     entry["key"] not in have]  # fmt: skip
            plan.add_entries(session, found)
            added += len(found)
    if added:
        log.info("survey.planned", count=added)
    return added


Candidate = tuple[int, str | None, str | None, datetime | None, datetime | None]


def _due(desk: Desk, row: Candidate, now: datetime) -> list[dict[str, object]]:
    """The schedule rows of one returnee's surveys due between STALE ago and AHEAD from now."""
    contact_id, time_zone, country, returned_at, consent_at = row
    since = returned_at or consent_at
    if since is None or desk.survey is None:
        return []
    zone = zone_of(time_zone, country, desk.catalogue)
    return [{"key": f"survey:{contact_id}:{occurrence}", "contact_id": contact_id,
             "purpose": "survey", "occurrence": occurrence, "created_at": now,
             "fire_at": outside_quiet_hours(max(due, now), zone, desk.schedule.quiet),
             "due_at": due, "state": "planned", "attempts": 0}
            for occurrence, due in survey_occasions(since, zone, desk.survey)
            if now - STALE <= due <= now + AHEAD]  # fmt: skip


# Sending


def start_survey(
    session: Session, desk: Desk, contact: Contact, key: str, now: datetime,
    requested_by: int | None = None,
) -> Survey:  # fmt: skip
    """Send the first question now under `key`; SurveyRefused says why it cannot go out."""
    book = _book(desk)
    if reachable_number(contact) is None:
        raise SurveyRefused("the returnee opted out or has not given consent")
    if contact.paused_until is not None and contact.paused_until > now:
        raise SurveyRefused("a caseworker has the conversation; hand it back to the bot first")
    if open_survey_of(session, contact.id) is not None:
        raise SurveyRefused("a survey is already being answered")
    if session.scalar(select(Survey.id).where(Survey.key == key)) is not None:
        raise SurveyRefused("this survey was sent already")
    lasts = timedelta(days=book.close_after_days)

    def opener(conversation: Conversation, ctx: Context) -> tuple[Conversation, list[Effect]]:
        return open_survey(conversation, ctx, plan_of(book), lasts)

    # A WhatsApp template (outside the 24-hour window) gets the first question as {{1}}.
    variables = {"1": question_text(book.questions[0].id, contact.language)}
    skipped = send_scheduled(session, desk, key, "survey", contact, opener, variables, now)
    if skipped:
        raise SurveyRefused(f"not sent: {skipped}")
    occasion = "on_demand" if ":demand:" in key else "quarterly"
    survey = Survey(key=key, contact_id=contact.id, occasion=occasion, answers={},
                    status=SurveyStatus.OPEN, asked=book.questions[0].id,
                    requested_by_id=requested_by, sent_at=now, created_at=now)  # fmt: skip
    session.add(survey)
    session.flush()
    _plan_follow_ups(session, book, survey, now)
    return survey


def _plan_follow_ups(session: Session, book: SurveyBook, survey: Survey, now: datetime) -> None:
    """One nudge, then the close (complete or partial)."""
    for purpose, after in (("survey_nudge", timedelta(hours=book.nudge_after_hours)),
                           ("survey_close", timedelta(days=book.close_after_days))):  # fmt: skip
        plan.add_entry(session, key=f"{purpose}:{survey.id}", contact_id=survey.contact_id,
                       purpose=purpose, occurrence=str(survey.id), fire_at=now + after,
                       created_at=now)  # fmt: skip


def request_survey(
    session: Session, desk: Desk, contact: Contact, requested_by: int | None, now: datetime
) -> tuple[Survey | None, datetime]:
    """A caseworker's survey: sent now, or planned for the morning in quiet hours.

    Returns the survey sent (None if planned) and when it goes out."""
    book = _book(desk)
    if reachable_number(contact) is None:
        raise SurveyRefused("the returnee opted out or has not given consent")
    if open_survey_of(session, contact.id) is not None:
        raise SurveyRefused("a survey is already being answered")
    key = f"survey:{contact.id}:demand:{now:%Y%m%dT%H%M%S}"
    zone = contact_zone(contact, desk.catalogue)
    at = outside_quiet_hours(now, zone, desk.schedule.quiet)
    if at > now:
        plan.add_entry(session, key=key, contact_id=contact.id, purpose="survey",
                       occurrence="demand", fire_at=at, created_at=now)  # fmt: skip
        return None, at
    assert book is desk.survey
    return start_survey(session, desk, contact, key, now, requested_by), now


# What the clock does when a survey entry fires


def fire_survey(
    session: Session, desk: Desk, entry: ScheduleEntry, contact: Contact, now: datetime
) -> str | None:
    """Send the survey of the entry; the reason it was skipped, or None."""
    try:
        start_survey(session, desk, contact, entry.key, now)
    except SurveyRefused as refused:
        return str(refused)[:120]
    return None


def fire_nudge(
    session: Session, desk: Desk, entry: ScheduleEntry, contact: Contact, now: datetime
) -> str | None:
    """Ask the pending question once more; nothing if the survey is answered or closed."""
    survey = session.get(Survey, int(entry.occurrence))
    if survey is None or survey.status != SurveyStatus.OPEN or survey.asked is None:
        return "answered"
    book = _book(desk)
    if book.question(survey.asked) is None:
        return "the question is no longer in the survey"
    start, lasts = survey.asked, timedelta(days=book.close_after_days)

    def opener(conversation: Conversation, ctx: Context) -> tuple[Conversation, list[Effect]]:
        return open_survey(conversation, ctx, plan_of(book), lasts, start, "survey_nudge")

    variables = {"1": question_text(start, contact.language)}
    skipped = send_scheduled(
        session, desk, entry.key, "survey_nudge", contact, opener, variables, now
    )
    if skipped is None:
        survey.nudged_at = now
    return skipped


def fire_close(
    session: Session, desk: Desk, entry: ScheduleEntry, contact: Contact, now: datetime
) -> str | None:
    """Close a survey still open: partial, with the answers given (scored)."""
    survey = session.get(Survey, int(entry.occurrence))
    if survey is None or survey.status != SurveyStatus.OPEN:
        return "answered"
    number = latest_number(contact)
    trigger = alerts.Trigger(number.e164 if number else "", contact, None, "")
    finish(session, desk, survey, SurveyStatus.PARTIAL, trigger, now)
    return None


# Answers and scores


def record_answer(
    session: Session, desk: Desk, contact: Contact, question: str, digit: str,
    following: str | None, trigger: alerts.Trigger, now: datetime,
) -> None:  # fmt: skip
    """Keep one answer; after the last question the survey is complete and scored."""
    survey = open_survey_of(session, contact.id)
    if survey is None:
        return
    survey.answers = {**survey.answers, question: digit}  # a new dict: the JSON is saved
    survey.asked = following
    if following is None:
        finish(session, desk, survey, SurveyStatus.COMPLETE, trigger, now)


def close_open(
    session: Session, desk: Desk, contact: Contact, status: str, trigger: alerts.Trigger,
    now: datetime,
) -> None:  # fmt: skip
    """End the returnee's open survey with `status` (partial: they stopped answering)."""
    survey = open_survey_of(session, contact.id)
    if survey is not None:
        finish(session, desk, survey, status, trigger, now)


def finish(
    session: Session, desk: Desk, survey: Survey, status: str, trigger: alerts.Trigger,
    now: datetime,
) -> None:  # fmt: skip
    """Close and score the survey; a low or falling overall score alerts the caseworker."""
    book = _book(desk)
    scores = score(book, {str(k): str(v) for k, v in survey.answers.items()})
    survey.status, survey.completed_at, survey.asked = status, now, None
    survey.economic, survey.social = scores.economic, scores.social
    survey.psychosocial, survey.overall = scores.psychosocial, scores.overall
    previous = session.scalar(
        select(Survey.overall).where(Survey.contact_id == survey.contact_id,
                                     Survey.id != survey.id, Survey.overall.is_not(None))
        .order_by(Survey.completed_at.desc(), Survey.id.desc()).limit(1)
    )  # fmt: skip
    reason = alert_reason(book, scores.overall, previous)
    log.info("survey.closed", survey_id=survey.id, status=status, overall=scores.overall)
    if reason is not None and trigger.contact is not None:
        alerts.raise_alert(session, desk.alerts, AlertKind.LOW_SUSTAINABILITY, reason,
                           trigger, now)  # fmt: skip


def fire(
    session: Session, desk: Desk, entry: ScheduleEntry, contact: Contact, now: datetime
) -> str | None:
    """Run a survey entry of the schedule (survey, survey_nudge, survey_close)."""
    handlers = {"survey": fire_survey, "survey_nudge": fire_nudge, "survey_close": fire_close}
    return handlers[entry.purpose](session, desk, entry, contact, now)

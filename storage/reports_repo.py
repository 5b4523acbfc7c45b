"""Aggregate queries of the monthly programme report, counted by the database (GROUP BY).

Every figure is scoped to offices (None: every office) and to a `Span` of months. A returnee's
office is their country, else the office of their number; erased returnees count like anyone
(their rows keep kinds, statuses and dates), and no query returns anything that names a person.
"""

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    and_,
    case,
    distinct,
    func,
    literal,
    select,
    true,
    union_all,
)
from sqlalchemy.orm import Session

from storage.casework import Alert, CheckIn
from storage.models import Contact, ContactNumber, InboundMessage, OutboundMessage
from storage.reintegration import Partner, PlanGoal, Referral, ServiceDelivered, Survey
from storage.report_sql import Query, Span, counts_by_bucket, medians, seconds_between

Offices = tuple[str, ...] | None  # None: every office
NOT_REACHED = ("failed", "undelivered")  # Twilio's statuses of a text that never arrived
DIMENSIONS = ("economic", "social", "psychosocial", "overall")
GRANTS = ("grant_approved", "grant_disbursed")
SCORED = ("complete", "partial")
Counted = list[tuple[Any, ...]]


def in_offices(offices: Offices) -> ColumnElement[bool]:
    """The condition on Contact that keeps a query to these offices (any, for None)."""
    if offices is None:
        return true()
    # coalesce(country, office) IN (...), written so the planner can estimate it from the
    # columns' statistics (it has none for the expression, and then guesses far too few rows)
    return Contact.country.in_(offices) | (Contact.country.is_(None) & Contact.office.in_(offices))


def _returnees(offices: Offices) -> ColumnElement[bool]:
    """Registered returnees: a country (a caseworker's registration or onboarding), not merged."""
    return and_(Contact.country.is_not(None), Contact.merged_into_id.is_(None), in_offices(offices))


def _scoped(query: Query, contact_id: Any, offices: Offices) -> Query:
    """Rows about returnees of these offices: joined to the returnee only when offices are
    asked (for every office, any row that names a returnee counts)."""
    if offices is None:
        return query.where(contact_id.is_not(None))
    return query.join(Contact, Contact.id == contact_id).where(in_offices(offices))


def _rows(session: Session, query: Query) -> Counted:
    return [tuple(row) for row in session.execute(query)]


def registered(session: Session, offices: Offices, span: Span) -> Counted:
    """(return type, deporting country, returnees) registered in the span."""
    query = (select(Contact.return_type, Contact.deporting_country, func.count())
             .where(_returnees(offices), span.within(Contact.created_at))
             .group_by(Contact.return_type, Contact.deporting_country))  # fmt: skip
    return _rows(session, query)


def consented(session: Session, offices: Offices, span: Span) -> int:
    """Returnees who gave their consent in the span."""
    query = select(func.count()).where(
        Contact.consent == "given", span.within(Contact.consent_at), in_offices(offices),
        Contact.merged_into_id.is_(None))  # fmt: skip
    return int(session.execute(query).scalar_one())


def _sent(offices: Offices, span: Span) -> Query:
    """Outbound texts handed to the carrier in the span and not reported as lost."""
    lost = func.coalesce(OutboundMessage.status, "sent").in_(NOT_REACHED)
    query = select(OutboundMessage.contact_id, OutboundMessage.sent_at).where(
        OutboundMessage.dispatch_state == "sent", span.within(OutboundMessage.sent_at), ~lost
    )
    return _scoped(query, OutboundMessage.contact_id, offices)


def messages(session: Session, offices: Offices, span: Span) -> tuple[int, int, int, int]:
    """(texts sent, returnees reached, texts received, returnees who wrote) in the span."""
    sent = _sent(offices, span).subquery()
    out = session.execute(select(func.count(), func.count(distinct(sent.c.contact_id)))).one()
    inbound = select(func.count(), func.count(distinct(InboundMessage.contact_id))).where(
        span.within(InboundMessage.received_at)
    )
    came = session.execute(_scoped(inbound, InboundMessage.contact_id, offices)).one()
    return int(out[0]), int(out[1]), int(came[0]), int(came[1])


def _opted_out(offices: Offices) -> Query:
    """Numbers that opted out: an erasure's own opt-out is counted as an erasure instead."""
    by_erasure = ContactNumber.opted_out_at >= Contact.erased_at
    return (select(ContactNumber.contact_id, ContactNumber.opted_out_at)
            .join(Contact, Contact.id == ContactNumber.contact_id)
            .where(ContactNumber.opted_out_at.is_not(None), in_offices(offices),
                   Contact.erased_at.is_(None) | ~by_erasure))  # fmt: skip


def opt_outs(session: Session, offices: Offices, span: Span) -> tuple[int, int]:
    """(returnees who opted out, returnees erased on request) in the span."""
    numbers = _opted_out(offices).where(span.within(ContactNumber.opted_out_at)).subquery()
    stopped = session.execute(select(func.count(distinct(numbers.c.contact_id)))).scalar_one()
    erased = select(func.count()).where(span.within(Contact.erased_at), in_offices(offices))
    return int(stopped), int(session.execute(erased).scalar_one())


def checkins(session: Session, offices: Offices, span: Span) -> Counted:
    """(answer or None, check-ins) asked in the span."""
    query = select(CheckIn.answer, func.count()).where(span.within(CheckIn.asked_at))
    return _rows(session, _scoped(query, CheckIn.contact_id, offices).group_by(CheckIn.answer))


def _alert_offices(offices: Offices) -> ColumnElement[bool]:
    return true() if offices is None else Alert.office.in_(offices)


def alerts(session: Session, offices: Offices, span: Span) -> Counted:
    """(kind, raised, acknowledged) of the alerts raised in the span."""
    query = (select(Alert.kind, func.count(), func.count(Alert.acknowledged_at))
             .where(span.within(Alert.created_at), _alert_offices(offices))
             .group_by(Alert.kind))  # fmt: skip
    return _rows(session, query)


def seconds_to_acknowledge(session: Session, offices: Offices, span: Span) -> dict[Any, float]:
    """The median seconds from raised to acknowledged, per kind, of the span's alerts."""
    waited = seconds_between(Alert.acknowledged_at, Alert.created_at)
    query = select(Alert.kind, waited).where(
        span.within(Alert.created_at), _alert_offices(offices), Alert.acknowledged_at.is_not(None)
    )
    return medians(session, query)


def _referrals(offices: Offices) -> Query:
    query = select(Referral.service, Partner.kind, func.count()).join(
        Partner, Partner.id == Referral.partner_id
    )
    return _scoped(query, Referral.contact_id, offices).group_by(Referral.service, Partner.kind)


def referrals(session: Session, offices: Offices, span: Span) -> tuple[Counted, Counted]:
    """(service, partner kind, referrals) made in the span, and completed in it."""
    made = _referrals(offices).where(span.within(Referral.created_at))
    done = _referrals(offices).where(Referral.status == "completed",
                                     span.within(Referral.updated_at))  # fmt: skip
    return _rows(session, made), _rows(session, done)


def _services(offices: Offices, span: Span) -> Query:
    query = select(ServiceDelivered.kind, func.count()).where(
        span.within(ServiceDelivered.delivered_on)
    )
    return _scoped(query, ServiceDelivered.contact_id, offices)


def services(session: Session, offices: Offices, span: Span) -> Counted:
    """(kind, services) delivered in the span (by local day)."""
    return _rows(session, _services(offices, span).group_by(ServiceDelivered.kind))


def grants(session: Session, offices: Offices, span: Span) -> Counted:
    """(business type or None, kind, grants) approved or disbursed in the span."""
    query = (_services(offices, span).add_columns(ServiceDelivered.business_type)
             .where(ServiceDelivered.kind.in_(GRANTS))
             .group_by(ServiceDelivered.business_type, ServiceDelivered.kind))  # fmt: skip
    return [(business, kind, count) for kind, count, business in _rows(session, query)]


def sustainability(session: Session, offices: Offices, span: Span) -> tuple[int, dict[Any, float]]:
    """(surveys scored in the span, the median score per dimension and overall)."""
    taken = func.coalesce(Survey.completed_at, Survey.sent_at)
    query = select(Survey).where(Survey.status.in_(SCORED), span.within(taken))
    scored = _scoped(query, Survey.contact_id, offices).subquery()
    count = session.execute(select(func.count()).select_from(scored)).scalar_one()
    per_dimension = [select(literal(name).label("dimension"),
                            scored.c[name].label("score")) for name in DIMENSIONS]  # fmt: skip
    values = select(union_all(*per_dimension).subquery())
    return int(count), medians(session, values)


def _plan_completed(end: datetime) -> Query:
    """Returnees whose plan was complete at `end`: every goal set by then closed by then, and
    at least one of them achieved."""
    closed = PlanGoal.updated_at < end
    achieved = func.sum(case((and_(PlanGoal.status == "achieved", closed), 1), else_=0))
    still_open = func.sum(case((PlanGoal.status == "open", 1), (~closed, 1), else_=0))
    return (select(PlanGoal.contact_id).where(PlanGoal.created_at < end)
            .group_by(PlanGoal.contact_id).having(achieved > 0, still_open == 0))  # fmt: skip


def funnel(session: Session, offices: Offices, end: datetime, end_day: date) -> tuple[int, ...]:
    """(registered, with a first service, with the plan completed) by the end of a month."""
    served = (select(ServiceDelivered.contact_id).where(ServiceDelivered.delivered_on < end_day)
              .distinct().subquery())  # fmt: skip
    completed = _plan_completed(end).subquery()
    query = (select(func.count(), func.count(served.c.contact_id),
                    func.count(completed.c.contact_id))
             .select_from(Contact).outerjoin(served, served.c.contact_id == Contact.id)
             .outerjoin(completed, completed.c.contact_id == Contact.id)
             .where(_returnees(offices), Contact.created_at < end))  # fmt: skip
    return tuple(int(value or 0) for value in session.execute(query).one())


def trend(session: Session, offices: Offices, span: Span, measure: str) -> dict[int, int]:
    """One measure per month of the span: {month index: count}."""
    return counts_by_bucket(session, TRENDS[measure](offices, span))


def _trend_of(model: Any, column: Any, *where: Any) -> Any:
    """A trend counting rows of `model` (about a returnee) by the month of `column`."""

    def query(offices: Offices, span: Span) -> Query:
        query = select(span.bucket(column)).where(span.within(column), *where)
        return _scoped(query, model.contact_id, offices)

    return query


def _reached_trend(offices: Offices, span: Span) -> Query:
    sent = _sent(offices, span).subquery()
    return select(span.bucket(sent.c.sent_at), sent.c.contact_id).distinct()


def _registered_trend(offices: Offices, span: Span) -> Query:
    return select(span.bucket(Contact.created_at)).where(
        _returnees(offices), span.within(Contact.created_at)
    )


def _alerts_trend(offices: Offices, span: Span) -> Query:
    return select(span.bucket(Alert.created_at)).where(
        span.within(Alert.created_at), _alert_offices(offices)
    )


def _opt_outs_trend(offices: Offices, span: Span) -> Query:
    numbers = _opted_out(offices).where(span.within(ContactNumber.opted_out_at)).subquery()
    return select(span.bucket(numbers.c.opted_out_at), numbers.c.contact_id).distinct()


TRENDS: dict[str, Any] = {
    "registered": _registered_trend,
    "reached": _reached_trend,
    "checkins_sent": _trend_of(CheckIn, CheckIn.asked_at),
    "checkins_answered": _trend_of(CheckIn, CheckIn.asked_at, CheckIn.answer.is_not(None)),
    "alerts": _alerts_trend,
    "referrals_made": _trend_of(Referral, Referral.created_at),
    "referrals_completed": _trend_of(Referral, Referral.updated_at, Referral.status == "completed"),
    "services_delivered": _trend_of(ServiceDelivered, ServiceDelivered.delivered_on),
    "opt_outs": _opt_outs_trend,
}
TREND_MEASURES: Sequence[str] = tuple(TRENDS)

"""The regional dataset's queries: a quarter's returnees (never erased, merged or declined ones)
and, per returnee, the services, referrals and sustainability scores of the quarter."""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import ColumnElement, Select, and_, case, func, or_, select
from sqlalchemy.orm import Session

from storage.models import Contact
from storage.reintegration import Referral, ServiceDelivered, Survey

CLOSED_SURVEYS = ("complete", "partial")


@dataclass(frozen=True)
class Person:
    """The fields of a returnee the dataset may use: nothing that names or reaches them."""

    id: int
    country: str
    return_type: str | None
    deporting_country: str | None
    birth_date: date | None
    age_band: str | None
    sex: str | None
    returned_at: datetime | None


@dataclass(frozen=True)
class Scores:
    """One closed survey's scores and when it was taken."""

    contact_id: int
    taken_at: datetime
    economic: float | None
    social: float | None
    psychosocial: float | None
    overall: float | None


def _in_dataset(end: datetime) -> ColumnElement[bool]:
    """Returnees of a country, returned (or, with no return date, registered) before `end`."""
    back_by = or_(and_(Contact.returned_at.is_not(None), Contact.returned_at < end),
                  and_(Contact.returned_at.is_(None), Contact.created_at < end))  # fmt: skip
    return and_(Contact.erased_at.is_(None), Contact.merged_into_id.is_(None),
                Contact.country.is_not(None), Contact.consent != "declined", back_by)  # fmt: skip


def _ids(end: datetime) -> Select[int]:
    return select(Contact.id).where(_in_dataset(end))


def people(session: Session, end: datetime) -> list[Person]:
    """The returnees in the dataset of the quarter ending at `end` (exclusive), by id."""
    query = select(Contact.id, Contact.country, Contact.return_type, Contact.deporting_country,
                   Contact.birth_date, Contact.age_band, Contact.sex,
                   Contact.returned_at).where(_in_dataset(end)).order_by(Contact.id)  # fmt: skip
    return [Person(**row._asdict()) for row in session.execute(query)]


def service_counts(session: Session, first: date, last: date, end: datetime
                   ) -> dict[int, dict[str, int]]:  # fmt: skip
    """Services delivered from `first` to `last` (dates, inclusive): per returnee, per kind."""
    query = select(ServiceDelivered.contact_id, ServiceDelivered.kind, func.count()).where(
        ServiceDelivered.delivered_on >= first, ServiceDelivered.delivered_on <= last,
        ServiceDelivered.contact_id.in_(_ids(end)),
    ).group_by(ServiceDelivered.contact_id, ServiceDelivered.kind)  # fmt: skip
    found: dict[int, dict[str, int]] = {}
    for contact_id, kind, count in session.execute(query):
        found.setdefault(contact_id, {})[kind] = count
    return found


def referral_counts(session: Session, start: datetime, end: datetime
                    ) -> dict[int, tuple[int, int]]:  # fmt: skip
    """Per returnee: referrals made in [start, end), and completed in it (completed is final,
    so its last change is the completion)."""
    made = and_(Referral.created_at >= start, Referral.created_at < end)
    completed = and_(Referral.status == "completed", Referral.updated_at >= start,
                     Referral.updated_at < end)  # fmt: skip
    query = select(Referral.contact_id, func.sum(case((made, 1), else_=0)),
                   func.sum(case((completed, 1), else_=0))).where(
        Referral.contact_id.in_(_ids(end)), or_(made, completed),
    ).group_by(Referral.contact_id)  # fmt: skip
    return {contact_id: (int(m), int(c)) for contact_id, m, c in session.execute(query)}


def closed_surveys(session: Session, start: datetime, end: datetime) -> Iterator[Scores]:
    """Complete and partial surveys taken in [start, end) (completed, else sent), oldest first."""
    taken = or_(and_(Survey.completed_at.is_not(None), Survey.completed_at >= start,
                     Survey.completed_at < end),
                and_(Survey.completed_at.is_(None), Survey.sent_at >= start,
                     Survey.sent_at < end))  # fmt: skip
    query = select(Survey.contact_id, Survey.completed_at, Survey.sent_at, Survey.economic,
                   Survey.social, Survey.psychosocial, Survey.overall).where(
        Survey.status.in_(CLOSED_SURVEYS), taken, Survey.contact_id.in_(_ids(end)),
    )  # fmt: skip
    rows = [Scores(row[0], row[1] or row[2], *row[3:]) for row in session.execute(query)]
    return iter(sorted(rows, key=lambda scores: (scores.contact_id, scores.taken_at)))

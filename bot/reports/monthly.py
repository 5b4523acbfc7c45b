"""The monthly programme report of an office (or of every office, for admins): who was
registered, reached, checked in with, alerted about, referred and helped in a month, the
funnel from registration to a completed plan, and twelve months of trends.

A month is counted in the office's own time zone (every office together: in UTC). The figures
come from storage/reports_repo.py, which counts in SQL; nothing here names a returnee."""

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from bot.casework.staff import StaffMember
from flows.content import Catalogue
from flows.vocabulary import AlertKind, ServiceKind
from storage import reports_repo as repo
from storage.report_sql import Span

Json = dict[str, Any]
ALL = "all"
ADMIN = "admin"
TREND_MONTHS = 12
CHECKIN_ANSWERS = ("good", "okay", "struggling")
UNKNOWN = "unknown"
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_OFFICE = re.compile(r"^[A-Za-z]{2}$")


class ReportRefused(ValueError):
    """A report that cannot be made: answered 400, naming the field and saying why."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class OfficeNotAllowed(PermissionError):
    """The office is real but not the asker's: answered 403."""


@dataclass(frozen=True, order=True)
class Month:
    """A calendar month."""

    year: int
    month: int

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    def first_day(self) -> date:
        """Its first day."""
        return date(self.year, self.month, 1)

    def plus(self, months: int) -> "Month":
        """The month `months` later (earlier when negative)."""
        index = self.year * 12 + self.month - 1 + months
        return Month(index // 12, index % 12 + 1)


def month_of(moment: datetime, zone: ZoneInfo) -> Month:
    """The month a moment falls in, in `zone`."""
    local = moment.astimezone(zone)
    return Month(local.year, local.month)


def parse_month(raw: str) -> Month:
    """YYYY-MM between 2000 and 2100; ReportRefused says what is wrong."""
    found = _MONTH.match(raw.strip())
    if found is None or not 1 <= int(found.group(2)) <= 12:
        raise ReportRefused("month", f"month {raw!r} is not a month: write YYYY-MM, like 2026-11")
    if not 2000 <= int(found.group(1)) <= 2100:
        raise ReportRefused("month", "month must fall between the years 2000 and 2100")
    return Month(int(found.group(1)), int(found.group(2)))


@dataclass(frozen=True)
class Asked:
    """A report someone may see: the office (None: every office) and the month."""

    office: str | None
    month: Month
    zone: ZoneInfo

    @property
    def office_name(self) -> str:
        """The office's code, or `all`."""
        return self.office or ALL

    @property
    def offices(self) -> tuple[str, ...] | None:
        """The offices the queries keep to (None: every office)."""
        return None if self.office is None else (self.office,)


def allowed_offices(who: StaffMember) -> tuple[str, ...] | None:
    """The offices whose reports someone may see (None: every office, and `all`: admins)."""
    return None if who.role == ADMIN else who.offices


def ask(
    catalogue: Catalogue, allowed: tuple[str, ...] | None, office: str | None,
    month: str | None, now: datetime,
) -> Asked:  # fmt: skip
    """Check a request for a report. `allowed`: the asker's offices (None: every office and
    `all`, for admins and operators). No office: the asker's first one, or `all`; no month:
    this month. ReportRefused (400) or OfficeNotAllowed (403) say why not."""
    code = _office(catalogue, office, allowed)
    if allowed is not None and code is None:
        raise OfficeNotAllowed(f"only admins see every office; yours: {', '.join(allowed)}")
    if allowed is not None and code not in allowed:
        raise OfficeNotAllowed(f"office {code} is not one of your offices ({', '.join(allowed)})")
    zone = _zone(catalogue, code)
    this_month = month_of(now, zone)
    asked = this_month if month is None or not month.strip() else parse_month(month)
    if asked > this_month:
        raise ReportRefused("month", f"month {asked} is in the future (it is {this_month} now)")
    return Asked(code, asked, zone)


def _office(catalogue: Catalogue, raw: str | None, allowed: tuple[str, ...] | None) -> str | None:
    """The office asked for: a programme country's code, or None for `all`."""
    if raw is None or not raw.strip():
        return None if allowed is None else allowed[0]
    code = raw.strip()
    if code.lower() == ALL:
        return None
    if not _OFFICE.match(code) or catalogue.get(code.upper()) is None:
        offices = ", ".join(catalogue.order)
        raise ReportRefused("office", f"office {code!r} is not a programme office; one of "
                                      f"{offices}, or all")  # fmt: skip
    return code.upper()


def _zone(catalogue: Catalogue, office: str | None) -> ZoneInfo:
    country = catalogue.get(office)
    return ZoneInfo(country.time_zone) if country is not None else ZoneInfo("UTC")


def span(first: Month, months: int, zone: ZoneInfo) -> Span:
    """`months` months from `first`, their boundaries at local midnight, as UTC instants."""
    days = tuple(first.plus(i).first_day() for i in range(months + 1))
    instants = tuple(datetime.combine(d, time(0), tzinfo=zone).astimezone(UTC) for d in days)
    return Span(instants, days)


def monthly_report(session: Session, asked: Asked) -> Json:
    """Every figure of the month, as the API, the page and the files give them."""
    offices, month = asked.offices, span(asked.month, 1, asked.zone)
    sent, reached, received, wrote = repo.messages(session, offices, month)
    stopped, erased = repo.opt_outs(session, offices, month)
    return {
        "office": asked.office_name, "month": str(asked.month), "time_zone": asked.zone.key,
        "period": {"start": _time(month.start), "end": _time(month.end)},
        "registered": _registered(repo.registered(session, offices, month)),
        "consented": repo.consented(session, offices, month),
        "reached": reached, "wrote_in": wrote,
        "messages": {"sent": sent, "received": received},
        "opt_outs": stopped, "erasures": erased,
        "checkins": _checkins(repo.checkins(session, offices, month)),
        "alerts": _alerts(session, offices, month),
        "referrals": _referrals(*repo.referrals(session, offices, month)),
        "services": _services(repo.services(session, offices, month)),
        "grants": _grants(repo.grants(session, offices, month)),
        "sustainability": _sustainability(*repo.sustainability(session, offices, month)),
        "funnel": _funnel(repo.funnel(session, offices, month.end, month.days[-1])),
        "trends": trends(session, asked),
    }  # fmt: skip


def _time(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _registered(rows: repo.Counted) -> Json:
    by_type: dict[str, int] = {}
    by_country: dict[str, int] = {}
    for return_type, country, count in rows:
        by_type[return_type or UNKNOWN] = by_type.get(return_type or UNKNOWN, 0) + count
        by_country[country or UNKNOWN] = by_country.get(country or UNKNOWN, 0) + count
    return {"total": sum(by_type.values()), "by_return_type": dict(sorted(by_type.items())),
            "by_deporting_country": dict(sorted(by_country.items()))}  # fmt: skip


def _checkins(rows: repo.Counted) -> Json:
    answers = {answer: count for answer, count in rows if answer is not None}
    by_answer = {name: answers.get(name, 0) for name in CHECKIN_ANSWERS}
    return {"sent": sum(count for _, count in rows), "answered": sum(answers.values()),
            "by_answer": by_answer}  # fmt: skip


def _alerts(session: Session, offices: tuple[str, ...] | None, month: Span) -> list[Json]:
    waited = repo.seconds_to_acknowledge(session, offices, month)
    rows = sorted(repo.alerts(session, offices, month), key=lambda row: _rank(row[0], AlertKind))
    return [{"kind": kind, "raised": raised, "acknowledged": acknowledged,
             "median_minutes_to_acknowledge": _minutes(waited.get(kind))}
            for kind, raised, acknowledged in rows]  # fmt: skip


def _rank(value: str, vocabulary: type[StrEnum]) -> tuple[int, str]:
    """Where a stored value comes in its vocabulary's order (unknown ones last)."""
    order = [str(item) for item in vocabulary]
    return (order.index(value) if value in order else len(order), value)


def _minutes(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds / 60, 1)


def _referrals(made: repo.Counted, completed: repo.Counted) -> list[Json]:
    made_by = {(service, kind): count for service, kind, count in made}
    done_by = {(service, kind): count for service, kind, count in completed}
    return [{"service": service, "partner_kind": kind, "made": made_by.get((service, kind), 0),
             "completed": done_by.get((service, kind), 0)}
            for service, kind in sorted(made_by.keys() | done_by.keys())]  # fmt: skip


def _services(rows: repo.Counted) -> list[Json]:
    ranked = sorted(rows, key=lambda row: _rank(row[0], ServiceKind))
    return [{"kind": kind, "delivered": count} for kind, count in ranked]


def _grants(rows: repo.Counted) -> list[Json]:
    counts = {(business or UNKNOWN, kind): count for business, kind, count in rows}
    return [{"business_type": business, "approved": counts.get((business, "grant_approved"), 0),
             "disbursed": counts.get((business, "grant_disbursed"), 0)}
            for business in sorted({business for business, _ in counts})]  # fmt: skip


def _sustainability(surveys: int, medians: dict[Any, float]) -> Json:
    median = {name: _score(medians.get(name)) for name in repo.DIMENSIONS}
    return {"surveys": surveys, "median": median}


def _score(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def _funnel(counts: tuple[int, ...]) -> Json:
    registered, served, completed = counts
    return {"registered": registered, "first_service": served, "plan_completed": completed}


def trends(session: Session, asked: Asked) -> Json:
    """The twelve months up to the asked one: each measure's count per month, oldest first."""
    first = asked.month.plus(1 - TREND_MONTHS)
    months = span(first, TREND_MONTHS, asked.zone)
    found: Json = {"months": [str(first.plus(i)) for i in range(TREND_MONTHS)]}
    for measure in repo.TREND_MEASURES:
        counts = repo.trend(session, asked.offices, months, measure)
        found[measure] = [counts.get(i, 0) for i in range(TREND_MONTHS)]
    return found

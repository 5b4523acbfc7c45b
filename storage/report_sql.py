"""Portable SQL pieces of the programme report: a span of months, seconds between two times,
a month bucket and a median, each written so SQLite and PostgreSQL compute them alike."""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, Float, Select, case, func, or_, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

Query = Select[*tuple[Any, ...]]  # a query of any columns


@dataclass(frozen=True)
class Span:
    """Consecutive months: their boundaries as instants (UTC) and as local first days.

    Both tuples hold one more boundary than there are months: month i runs from
    `instants[i]` (included) to `instants[i + 1]` (excluded), and likewise for days."""

    instants: tuple[datetime, ...]
    days: tuple[date, ...]

    @property
    def start(self) -> datetime:
        """The first instant of the first month."""
        return self.instants[0]

    @property
    def end(self) -> datetime:
        """The first instant after the last month."""
        return self.instants[-1]

    def within(self, column: Any) -> ColumnElement[bool]:
        """The time (or, for a date column, the day) falls inside the span."""
        low, high = (self.days[0], self.days[-1]) if _is_date(column) else (self.start, self.end)
        return (column >= low) & (column < high)  # type: ignore[no-any-return]

    def bucket(self, column: Any) -> ColumnElement[int]:
        """The index of the month a time (or day) falls in: 0 for the first month."""
        bounds = self.days if _is_date(column) else self.instants
        return case(*[(column < bound, index) for index, bound in enumerate(bounds[1:])],
                    else_=-1)  # fmt: skip


def _is_date(column: Any) -> bool:
    """A Date column (a local day), rather than a UTC instant."""
    return getattr(getattr(column, "type", None), "python_type", None) is date


class seconds_between(FunctionElement[float]):  # named like the SQL function it is
    """`seconds_between(later, earlier)`: the seconds from one stored time to another."""

    type = Float()
    inherit_cache = True
    name = "seconds_between"


@compiles(seconds_between, "postgresql")
def _seconds_pg(element: seconds_between, compiler: SQLCompiler, **kw: Any) -> str:
    later, earlier = list(element.clauses)
    return (f"EXTRACT(EPOCH FROM ({compiler.process(later, **kw)} - "
            f"{compiler.process(earlier, **kw)}))::float")  # fmt: skip


@compiles(seconds_between, "sqlite")
def _seconds_sqlite(element: seconds_between, compiler: SQLCompiler, **kw: Any) -> str:
    later, earlier = list(element.clauses)
    return (f"((julianday({compiler.process(later, **kw)}) - "
            f"julianday({compiler.process(earlier, **kw)})) * 86400.0)")  # fmt: skip


def medians(session: Session, values: Query) -> dict[Any, float]:
    """The median of the second column per value of the first, for a query of (key, value).

    Window functions rank the values in SQL (SQLite has no median, PostgreSQL's
    percentile_cont is not portable); the middle one, or the mean of the middle two, is kept."""
    inner = values.subquery()
    key, value = list(inner.c)[:2]
    ranked = select(
        key.label("key"), value.label("value"),
        func.row_number().over(partition_by=key, order_by=value).label("rank"),
        func.count().over(partition_by=key).label("count"),
    ).where(value.is_not(None)).subquery()  # fmt: skip
    middle = or_(ranked.c.rank == (ranked.c.count + 1) // 2,
                 ranked.c.rank == (ranked.c.count + 2) // 2)  # fmt: skip
    query = select(ranked.c.key, func.avg(ranked.c.value)).where(middle).group_by(ranked.c.key)
    return {found: float(median) for found, median in session.execute(query)}


def counts_by_bucket(session: Session, buckets: Query) -> dict[int, int]:
    """Rows per month, for a query whose first column is the bucket (grouped outside it, so
    PostgreSQL never compares two copies of the bucket's parameters)."""
    inner = buckets.subquery()
    bucket = next(iter(inner.c))
    query = select(bucket, func.count()).where(bucket >= 0).group_by(bucket)
    return {int(index): int(count) for index, count in session.execute(query)}

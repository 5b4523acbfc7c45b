"""Calendar quarters (`2026Q4`) of the regional dataset: read strictly, with their bounds in UTC."""

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

PATTERN = re.compile(r"(\d{4})Q(\d)")
FIRST_YEAR = 2000


class QuarterError(ValueError):
    """A quarter that cannot be exported; str() says why."""


@dataclass(frozen=True, order=True)
class Quarter:
    """A calendar quarter: its year and number (1 to 4)."""

    year: int
    number: int

    def __str__(self) -> str:
        return f"{self.year}Q{self.number}"

    @property
    def first_day(self) -> date:
        """The quarter's first day."""
        return date(self.year, 3 * self.number - 2, 1)

    @property
    def last_day(self) -> date:
        """The quarter's last day."""
        return self.following().first_day - timedelta(days=1)

    @property
    def start(self) -> datetime:
        """The quarter's first moment (UTC)."""
        return datetime.combine(self.first_day, datetime.min.time(), tzinfo=UTC)

    @property
    def end(self) -> datetime:
        """The next quarter's first moment (UTC): the end, exclusive."""
        return self.following().start

    def following(self) -> "Quarter":
        """The next quarter."""
        return (
            Quarter(self.year + 1, 1) if self.number == 4 else Quarter(self.year, self.number + 1)
        )


def quarter_of(day: date) -> Quarter:
    """The quarter a day falls in."""
    return Quarter(day.year, (day.month - 1) // 3 + 1)


def parse_quarter(text: str, now: datetime) -> Quarter:
    """`2026Q4` (the current quarter or an earlier one); QuarterError says what is wrong."""
    found = PATTERN.fullmatch(text.strip().upper())
    if found is None:
        raise QuarterError(f"quarter: {text!r} is not a quarter; write the year, Q and 1 to 4, "
                           "like 2026Q4")  # fmt: skip
    quarter = Quarter(int(found[1]), int(found[2]))
    if not 1 <= quarter.number <= 4:
        raise QuarterError(f"quarter: {text} has no quarter {quarter.number}; a year has Q1 to Q4")
    if quarter.year < FIRST_YEAR:
        raise QuarterError(f"quarter: {text} is before {FIRST_YEAR}")
    current = quarter_of(now.astimezone(UTC).date())
    if quarter > current:
        raise QuarterError(f"quarter: {text} is in the future (the current quarter is {current})")
    return quarter

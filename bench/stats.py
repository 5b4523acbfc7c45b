"""Latency summaries."""

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar


def percentile(sorted_values: Sequence[float], fraction: float) -> float:
    """Nearest-rank percentile of already sorted values (0.0 when empty)."""
    if not sorted_values:
        return 0.0
    rank = max(1, math.ceil(fraction * len(sorted_values)))
    return sorted_values[min(rank, len(sorted_values)) - 1]


def latency_summary(latencies_s: Sequence[float]) -> dict[str, float]:
    """p50, p90, p99, max and mean of latencies in seconds, as milliseconds."""
    ordered = sorted(latencies_s)
    mean = sum(ordered) / len(ordered) if ordered else 0.0
    return {
        "p50_ms": round(percentile(ordered, 0.50) * 1000, 2),
        "p90_ms": round(percentile(ordered, 0.90) * 1000, 2),
        "p99_ms": round(percentile(ordered, 0.99) * 1000, 2),
        "max_ms": round((ordered[-1] if ordered else 0.0) * 1000, 2),
        "mean_ms": round(mean * 1000, 2),
    }


@dataclass
class LoadRun:
    """One timed run: per-call latencies and outcomes, and the wall time it took."""

    planned: int = 0
    latencies: list[float] = field(default_factory=list)
    outcomes: Counter[str] = field(default_factory=Counter)
    wall_seconds: float = 0.0
    first_error: str | None = None
    OK: ClassVar[str] = "ok"  # the outcome that counts as a success
    NOUN: ClassVar[str] = "calls"  # names the JSON keys: calls, calls_per_s
    OUTCOMES: ClassVar[str] = "outcomes"

    @property
    def count(self) -> int:
        """How many calls were made."""
        return sum(self.outcomes.values())

    @property
    def errors(self) -> int:
        """Calls that did not succeed: failures, or never made in time."""
        return self.planned - self.outcomes.get(self.OK, 0)

    def summary(self) -> dict[str, Any]:
        """The figures to report."""
        rate = self.count / self.wall_seconds if self.wall_seconds else 0.0
        return {
            self.NOUN: self.planned,
            "completed": self.count,
            "errors": self.errors,
            self.OUTCOMES: dict(sorted(self.outcomes.items())),
            "wall_s": round(self.wall_seconds, 3),
            f"{self.NOUN}_per_s": round(rate, 1),
            **latency_summary(self.latencies),
            "first_error": self.first_error,
        }


def cell(report: dict[str, Any], section: str, key: str) -> str:
    """One table cell, or '-' when the figure is missing."""
    value = report.get(section, {}).get(key)
    return "-" if value is None else str(value)

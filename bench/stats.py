"""Latency summaries."""

import math
from collections.abc import Sequence


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

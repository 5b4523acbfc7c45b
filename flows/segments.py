"""SMS segment counting: GSM-7 (160/153 septets) or UCS-2 (70/67 code units)."""

from dataclasses import dataclass

import gsm0338  # noqa: F401  (registers the "gsm03.38" codec)

GSM7 = "GSM-7"
UCS2 = "UCS-2"
_LIMITS = {GSM7: (160, 153), UCS2: (70, 67)}


@dataclass(frozen=True)
class SegmentCount:
    """How an SMS body will be encoded and how many parts it costs."""

    encoding: str
    units: int  # septets for GSM-7, UTF-16 code units for UCS-2
    segments: int


def _unit_sizes(text: str) -> tuple[str, list[int]]:
    """Per-character cost: septets (1, or 2 for escapes) or UTF-16 code units."""
    try:
        return GSM7, [len(ch.encode("gsm03.38")) for ch in text]
    except UnicodeEncodeError:
        return UCS2, [len(ch.encode("utf-16-le")) // 2 for ch in text]


def count_segments(text: str) -> SegmentCount:
    """Count segments as a handset does: an escape pair or surrogate pair never splits."""
    encoding, sizes = _unit_sizes(text)
    single, multi = _LIMITS[encoding]
    total = sum(sizes)
    if total <= single:
        return SegmentCount(encoding, total, 1 if text else 0)
    segments, used = 1, 0
    for size in sizes:
        if used + size > multi:
            segments, used = segments + 1, 0
        used += size
    return SegmentCount(encoding, total, segments)

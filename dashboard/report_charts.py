"""The monthly report's charts as inline SVG drawn on the server (no script): the funnel from
registration to a completed plan, and twelve months of trend lines."""

from collections.abc import Sequence

from markupsafe import escape

FUNNEL_WIDTH, BAR_HEIGHT, BAR_GAP, LABEL_WIDTH = 420, 26, 8, 150
TREND_WIDTH, TREND_HEIGHT, LEFT, RIGHT, TOP, BOTTOM = 560, 210, 34, 22, 10, 36


def funnel_chart(title: str, stages: Sequence[tuple[str, int]]) -> str:
    """Horizontal bars, each as long as its share of the first stage, with its count."""
    largest = max((count for _, count in stages), default=0) or 1
    room = FUNNEL_WIDTH - LABEL_WIDTH - 40
    height = len(stages) * (BAR_HEIGHT + BAR_GAP)
    parts = []
    for index, (name, count) in enumerate(stages):
        y = index * (BAR_HEIGHT + BAR_GAP)
        width = max(1.0, room * count / largest)
        parts.append(
            f'<text class="stage" x="0" y="{y + BAR_HEIGHT * 0.65:.0f}">{escape(name)}</text>'
            f'<rect class="bar stage-{index}" x="{LABEL_WIDTH}" y="{y}" width="{width:.0f}" '
            f'height="{BAR_HEIGHT}"><title>{escape(name)}: {count}</title></rect>'
            f'<text class="count" x="{LABEL_WIDTH + width + 4:.0f}" '
            f'y="{y + BAR_HEIGHT * 0.65:.0f}">{count}</text>'
        )
    return (f'<svg class="report-chart funnel" viewBox="0 0 {FUNNEL_WIDTH} {height}" '
                  f'role="img" aria-label="{escape(title)}">{"".join(parts)}</svg>')  # fmt: skip


def _scale(values: Sequence[Sequence[int]]) -> int:
    """A round top for the y axis: 1, 2 or 5 times a power of ten, at least the largest value."""
    largest = max((v for line in values for v in line), default=0)
    top = 1
    while top < largest:
        top = top * 5 // 2 if str(top).startswith("2") else top * 2
    return top


def trend_chart(
    title: str, months: Sequence[str], lines: Sequence[tuple[str, str, Sequence[int]]]
) -> str:
    """One line per measure (css class, label, a value per month) over the months."""
    top = _scale([values for _, _, values in lines])
    span_x = (TREND_WIDTH - LEFT - RIGHT) / max(1, len(months) - 1)
    span_y = TREND_HEIGHT - TOP - BOTTOM

    def point(index: int, value: int) -> tuple[float, float]:
        return LEFT + index * span_x, TOP + span_y * (1 - value / top)

    parts = [f'<line class="axis" x1="{LEFT}" y1="{TOP + span_y}" x2="{TREND_WIDTH - RIGHT}" '
             f'y2="{TOP + span_y}"/>',
             f'<text class="tick" x="0" y="{TOP + 4}">{top}</text>',
             f'<text class="tick" x="0" y="{TOP + span_y + 4}">0</text>']  # fmt: skip
    parts += [f'<text class="tick month" x="{point(i, 0)[0]:.0f}" y="{TREND_HEIGHT - 20}" '
              f'text-anchor="middle">{escape(month[2:])}</text>'
              for i, month in enumerate(months)]  # fmt: skip
    for name, label, values in lines:
        xy = [point(i, v) for i, v in enumerate(values)]
        parts.append(
            f'<polyline class="{name}" fill="none" points="'
            + " ".join(f"{x:.0f},{y:.0f}" for x, y in xy)
            + '"/>'
        )
        parts += [f'<circle class="{name}" cx="{x:.0f}" cy="{y:.0f}" r="3"><title>'
                  f"{escape(label)} {escape(month)}: {value}</title></circle>"
                  for (x, y), month, value in zip(xy, months, values, strict=True)]  # fmt: skip
    return (f'<svg class="report-chart trends" viewBox="0 0 {TREND_WIDTH} {TREND_HEIGHT}" '
                  f'role="img" aria-label="{escape(title)}">{"".join(parts)}</svg>')  # fmt: skip

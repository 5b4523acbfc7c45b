"""What the pages show, computed from the database: rows for templates, and the chart."""

import hashlib
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from bot.casework.caseload import ThreadMessage
from storage import schedule_repo as plan
from storage.casework import Alert, CheckIn
from storage.models import Contact
from storage.schedule import Milestone, ScheduleEntry

SCORES = {"good": 3, "okay": 2, "struggling": 1}


@dataclass(frozen=True)
class MilestoneView:
    """A milestone with its local time and the reminders it will send (or sent)."""

    row: Milestone
    local: str
    reminders: list[tuple[str, str, str | None]]  # (local time, state, reason)


def milestones(session: Session, contact: Contact, zone: ZoneInfo) -> list[MilestoneView]:
    """The returnee's milestones by date, each with its reminders."""
    found = []
    for row in plan.milestones_of(session, contact.id):
        reminders = [(_local(e, zone), e.state, e.reason) for e in plan.entries_of(session, row.id)]
        found.append(MilestoneView(row, f"{row.at.astimezone(zone):%Y-%m-%d %H:%M}", reminders))
    return found


def _local(entry: ScheduleEntry, zone: ZoneInfo) -> str:
    return f"{entry.fire_at.astimezone(zone):%a %d %b %H:%M}"


def wellbeing_chart(checkins: list[CheckIn], width: int = 320, height: int = 90) -> str:
    """An inline SVG line of check-in answers over time (3 good, 2 okay, 1 struggling, 0 missed)."""
    points = [(c.asked_at or c.answered_at, SCORES.get(c.answer or "", 0)) for c in checkins]
    points = [(at, score) for at, score in points if at is not None]
    if not points:
        return ""
    step = (width - 40) / max(1, len(points) - 1)
    xy = [(30 + i * step, height - 10 - score * (height - 25) / 3) for i, (_, score) in
          enumerate(points)]  # fmt: skip
    line = " ".join(f"{x:.0f},{y:.0f}" for x, y in xy)
    dots = "".join(f'<circle cx="{x:.0f}" cy="{y:.0f}" r="3"><title>{at:%Y-%m-%d}: '
                   f'{["missed", "struggling", "okay", "good"][s]}</title></circle>'
                   for (x, y), (at, s) in zip(xy, points, strict=True))  # fmt: skip
    levels = ((3, "good"), (2, "okay"), (1, "hard"), (0, "none"))
    labels = "".join(f'<text x="0" y="{height - 7 - s * (height - 25) / 3:.0f}">{name}</text>'
                     for s, name in levels)  # fmt: skip
    return (f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
            f'aria-label="wellbeing over time"><g class="labels">{labels}</g>'
            f'<polyline points="{line}" fill="none"/>{dots}</svg>')  # fmt: skip


@dataclass(frozen=True)
class AlertCard:
    """One alert in the queue, with what the card shows about it."""

    alert: Alert
    left: int  # seconds of SLA left
    contact: Contact | None
    said: str  # the message that raised it
    unread: int  # messages no caseworker has seen
    zone: str  # the office's time zone
    acknowledged_by: str | None


def queue_version(queue: list[Alert]) -> str:
    """Changes when an alert comes, changes state, or gets a newer message."""
    marks = ",".join(
        f"{a.id}:{a.status}:{a.inbound_id or 0}" for a in sorted(queue, key=lambda a: a.id)
    )
    return hashlib.sha256(marks.encode()).hexdigest()[:16]


def thread_version(thread: list[ThreadMessage]) -> str:
    """Changes when a message comes or goes, or a delivery status changes."""
    marks = ",".join(f"{m.at.isoformat()}:{m.direction}:{m.status}" for m in thread[-20:])
    return hashlib.sha256(marks.encode()).hexdigest()[:16]


def sla_left(alert: Alert, now: datetime) -> int:
    """Seconds until the alert's SLA runs out (negative: overdue)."""
    return int((alert.sla_due_at - now).total_seconds())

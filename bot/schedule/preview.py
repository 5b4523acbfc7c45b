"""What the clock will send in the next days, to whom and when, without sending anything."""

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from bot.desk import Desk
from bot.phones import mask
from bot.schedule.planning import contact_zone, pending_checkins
from storage import schedule_repo as plan
from storage.models import Contact
from storage.schedule import Milestone

# What each entry sends; a nudge goes out only if the check-in is still unanswered.
WHAT = {"checkin": "monthly check-in", "checkin_nudge": "check-in nudge (if unanswered)",
        "reminder": "reminder"}  # fmt: skip


@dataclass(frozen=True)
class Planned:
    """One message the clock will send: when (UTC and local), to whom, and what."""

    fire_at: datetime
    local: str
    contact_id: int
    who: str
    country: str
    purpose: str
    what: str
    planned: bool  # False: the hourly planner will add it (not in the table yet)


@dataclass(frozen=True)
class Preview:
    """The plan of the next days: every message, and counts by kind, day and country."""

    start: datetime
    end: datetime
    items: list[Planned]

    def counts(self, field: str) -> Counter[str]:
        """How many messages per value of one field (purpose, country, day)."""
        if field == "day":
            return Counter(item.local[:10] for item in self.items)
        return Counter(str(getattr(item, field)) for item in self.items)

    @property
    def returnees(self) -> int:
        """How many different returnees get something."""
        return len({item.contact_id for item in self.items})


def preview(desk: Desk, now: datetime, days: int) -> Preview:
    """Planned entries that send a message, plus the check-ins the planner has still to add."""
    end = now + timedelta(days=days)
    with desk.sessions.begin() as session:
        items = [_item(session, desk, e.contact_id, max(e.fire_at, now), e.purpose, True,
                       e.milestone_id)
                 for e in plan.entries_before(session, end) if e.purpose in WHAT]  # fmt: skip
        items += _unplanned_checkins(session, desk, now, end)
    return Preview(now, end, sorted(items, key=lambda item: (item.fire_at, item.contact_id)))


def _unplanned_checkins(
    session: Session, desk: Desk, now: datetime, end: datetime
) -> list[Planned]:
    found: list[Planned] = []
    for offset in range((end - now).days // 28 + 2):  # every month the window touches
        after: int | None = 0
        while after is not None:
            page, after = pending_checkins(session, desk, now, after, offset)
            found += [_item(session, desk, contact_id, p.fire_at, "checkin", False, None)
                      for contact_id, p in page if p.fire_at < end]  # fmt: skip
    return found


def _item(
    session: Session, desk: Desk, contact_id: int, fire_at: datetime, purpose: str,
    planned: bool, milestone_id: int | None,
) -> Planned:  # fmt: skip
    contact = session.get(Contact, contact_id)
    assert contact is not None
    zone = contact_zone(contact, desk.catalogue)
    numbers = [n.e164 for n in contact.numbers if n.opted_out_at is None]
    who = f"{contact.name or 'returnee'} {mask(numbers[-1]) if numbers else '(no number)'}"
    what = WHAT[purpose]
    milestone = session.get(Milestone, milestone_id) if milestone_id else None
    if milestone is not None:
        when = milestone.at.astimezone(zone)
        what = f"reminder: {milestone.kind.replace('_', ' ')} on {when:%a %d %b %H:%M}"
    local = fire_at.astimezone(zone)
    return Planned(fire_at, f"{local:%Y-%m-%d %H:%M} {zone.key}", contact_id, who,
                   contact.country or "-", purpose, what, planned)  # fmt: skip

"""Typed models of the schedule: milestones of a case, and the clock's planned entries."""

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from storage.models import Base
from storage.types import UTCDateTime

MILESTONE_STATUSES = ("planned", "done", "missed", "cancelled")


class Milestone(Base):
    """A dated step of a returnee's case: counselling session, training, grant due, ..."""

    __tablename__ = "milestones"

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id"), index=True)
    kind: Mapped[str] = mapped_column(String(40))  # one of content/reminders.yml's types
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    place: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(String(12), default="planned")  # MILESTONE_STATUSES
    note: Mapped[str | None] = mapped_column(Text)
    answer: Mapped[str | None] = mapped_column(String(12))  # coming|change, from a reminder
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class ScheduleEntry(Base):
    """One thing the clock will do at `fire_at`, under a key that makes doing it twice impossible.

    purpose: checkin | checkin_nudge | checkin_missed | reminder. A message's outbox row
    takes the same key, in the same transaction that marks the entry sent.
    state: planned -> sent | skipped | dropped | cancelled | failed.
    """

    __tablename__ = "schedule_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(160), unique=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id"), index=True)
    purpose: Mapped[str] = mapped_column(String(20))
    occurrence: Mapped[str] = mapped_column(String(60))  # 2026-12, or the reminder's rule
    milestone_id: Mapped[int | None] = mapped_column(ForeignKey("milestones.id"), index=True)
    fire_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # When it was first due, if it was put off (night, a handoff): its grace counts from here.
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    state: Mapped[str] = mapped_column(String(12), default="planned")
    reason: Mapped[str | None] = mapped_column(String(120))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    __table_args__ = (
        Index("ix_schedule_due", "state", "fire_at"),
        Index("ix_schedule_contact_purpose", "contact_id", "purpose", "occurrence"),
    )

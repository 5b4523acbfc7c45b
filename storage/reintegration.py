"""Typed models of reintegration casework: the partner directory, referrals that close the
loop, the plan (goals and services delivered) and the sustainability surveys."""

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, Date, Float, ForeignKey, Index, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from storage.models import Base
from storage.types import UTCDateTime


class Partner(Base):
    """An organisation returnees are referred to: government, NGO, church, private, IOM or
    community. Seeded from the country content for the demo, then kept on the dashboard."""

    __tablename__ = "partners"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(16))  # flows.vocabulary.PartnerKind
    country: Mapped[str] = mapped_column(String(2), index=True)  # ISO alpha-2 (the office)
    areas: Mapped[list[str]] = mapped_column(JSON, default=list)  # parishes, regions, ...
    services: Mapped[list[str]] = mapped_column(JSON, default=list)  # content service keys
    languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    phone: Mapped[str | None] = mapped_column(String(40))
    email: Mapped[str | None] = mapped_column(String(254))
    address: Mapped[str | None] = mapped_column(String(300))
    hours: Mapped[str | None] = mapped_column(String(200))
    verified: Mapped[bool] = mapped_column(default=False)
    verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    active: Mapped[bool] = mapped_column(default=True)
    # Set on rows seeded from content ("JM/counselling/NODM"), so seeding again updates them.
    source_key: Mapped[str | None] = mapped_column(String(120), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Referral(Base):
    """A returnee sent to a partner for a service; its status closes the loop.

    status: made -> contacted -> in_progress -> completed, or declined / no_show.
    share: whether the returnee agreed that the partner is told who they are
    (unknown | asked | given | declined); the partner is emailed only when given."""

    __tablename__ = "referrals"

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id"), index=True)
    partner_id: Mapped[int] = mapped_column(ForeignKey("partners.id"), index=True)
    service: Mapped[str] = mapped_column(String(40))
    note: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="made")
    outcome: Mapped[str | None] = mapped_column(Text)
    share: Mapped[str] = mapped_column(String(12), default="unknown")
    share_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    partner_emailed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("caseworkers.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())  # the last status change
    # "Did you get help from <partner>?": when it was asked and what the returnee said.
    follow_up_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    follow_up_answer: Mapped[str | None] = mapped_column(String(12))  # yes|not_yet|no
    follow_up_answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    __table_args__ = (Index("ix_referrals_status_updated", "status", "updated_at"),)


class ReferralEvent(Base):
    """One step of a referral's history: who moved it, from where, to what, and why."""

    __tablename__ = "referral_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    referral_id: Mapped[int] = mapped_column(ForeignKey("referrals.id"), index=True)
    status: Mapped[str] = mapped_column(String(16))
    source: Mapped[str] = mapped_column(String(12))  # dashboard|api|sms|clock
    by_id: Mapped[int | None] = mapped_column(ForeignKey("caseworkers.id"))
    note: Mapped[str | None] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(UTCDateTime())


class PlanGoal(Base):
    """A goal of a returnee's reintegration plan, in one dimension."""

    __tablename__ = "plan_goals"

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id"), index=True)
    dimension: Mapped[str] = mapped_column(String(16))  # economic|social|psychosocial
    goal: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(12), default="open")  # |achieved|dropped
    due_on: Mapped[date | None] = mapped_column(Date)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("caseworkers.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class ServiceDelivered(Base):
    """A service a returnee received, with its date: a counselling session attended, a
    training enrolled or completed, a job, rehabilitation, documents, a grant."""

    __tablename__ = "services_delivered"

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))  # flows.vocabulary.ServiceKind
    delivered_on: Mapped[date] = mapped_column(Date)
    partner_id: Mapped[int | None] = mapped_column(ForeignKey("partners.id"))
    referral_id: Mapped[int | None] = mapped_column(ForeignKey("referrals.id"))
    # A milestone completed on the dashboard becomes one service (never two).
    milestone_id: Mapped[int | None] = mapped_column(ForeignKey("milestones.id"), unique=True)
    business_type: Mapped[str | None] = mapped_column(String(40))  # grants
    goods_value: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    currency: Mapped[str | None] = mapped_column(String(3))  # ISO 4217
    note: Mapped[str | None] = mapped_column(Text)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("caseworkers.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())

    __table_args__ = (Index("ix_services_kind_date", "kind", "delivered_on"),)


class Survey(Base):
    """One sustainability survey sent to a returnee: its answers so far and its scores.

    status: open (being answered) -> complete | partial (stopped answering) | cancelled.
    key: unique per occasion (`survey:42:2026Q4`, `survey:42:demand:<time>`), so the clock
    never sends the same quarter twice."""

    __tablename__ = "surveys"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(80), unique=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id"), index=True)
    occasion: Mapped[str] = mapped_column(String(12))  # quarterly|on_demand
    status: Mapped[str] = mapped_column(String(12), default="open")
    answers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # question id -> digit
    asked: Mapped[str | None] = mapped_column(String(40))  # the question waiting for an answer
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("caseworkers.id"))
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime())
    nudged_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    economic: Mapped[float | None] = mapped_column(Float)
    social: Mapped[float | None] = mapped_column(Float)
    psychosocial: Mapped[float | None] = mapped_column(Float)
    overall: Mapped[float | None] = mapped_column(Float)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())

    __table_args__ = (Index("ix_surveys_contact_status", "contact_id", "status"),)

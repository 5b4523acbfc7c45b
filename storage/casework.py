"""Typed models of casework: caseworkers, alerts, conversation sessions, check-ins, emails."""

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, validates

from storage.models import Base
from storage.states import DispatchState
from storage.types import UTCDateTime


class Caseworker(Base):
    """A member of an office's staff who receives alerts; never treated as a returnee."""

    __tablename__ = "caseworkers"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    phone: Mapped[str] = mapped_column(String(20), unique=True)  # E.164
    email: Mapped[str] = mapped_column(String(254))
    office: Mapped[str] = mapped_column(String(2), index=True)  # ISO alpha-2 of the country
    role: Mapped[str] = mapped_column(String(16), default="caseworker")  # |supervisor|admin
    on_call: Mapped[bool] = mapped_column(default=False)
    language: Mapped[str] = mapped_column(String(5), default="en")
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # Dashboard login: an argon2 hash, and the lockout after repeated failures.
    password_hash: Mapped[str | None] = mapped_column(String(200))
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Every dashboard session carries this number; a new one (sign-out, a new password)
    # ends all the sessions signed in before it.
    session_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    @validates("password_hash")
    def _new_password_ends_sessions(self, _key: str, value: str | None) -> str | None:
        """A new password, however it is set, signs out every session of the old one."""
        if value != self.password_hash:
            self.session_version = (self.session_version or 0) + 1
        return value


class Alert(Base):
    """Someone needs a person: why, from which message, who was told, and what they did."""

    __tablename__ = "alerts"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(8), unique=True)
    kind: Mapped[str] = mapped_column(String(20))  # crisis|request_human|struggling|...
    status: Mapped[str] = mapped_column(String(12), default="open")  # |acknowledged|resolved
    reason: Mapped[str] = mapped_column(Text)
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id"), index=True)
    inbound_id: Mapped[int | None] = mapped_column(ForeignKey("inbound_messages.id"))
    e164: Mapped[str] = mapped_column(String(140))  # the returnee's address it concerns
    office: Mapped[str | None] = mapped_column(String(2))
    caseworker_id: Mapped[int | None] = mapped_column(ForeignKey("caseworkers.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    sla_due_at: Mapped[datetime] = mapped_column(UTCDateTime())
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    acknowledged_by_id: Mapped[int | None] = mapped_column(ForeignKey("caseworkers.id"))
    escalated_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("caseworkers.id"))
    resolution_note: Mapped[str | None] = mapped_column(Text)
    notified_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # last told its owner

    __table_args__ = (
        Index("ix_alerts_open_sla", "status", "escalated_at", "sla_due_at"),
        Index("ix_alerts_contact_kind", "contact_id", "kind", "status"),
    )


class FlowSession(Base):
    """The conversation session of one contact: flow, step, answers, expiry, topic."""

    __tablename__ = "flow_sessions"

    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id"), primary_key=True)
    flow: Mapped[str | None] = mapped_column(String(20))
    step: Mapped[str | None] = mapped_column(String(20))
    answers: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of [key, value]
    invalid: Mapped[int] = mapped_column(Integer, default=0)
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    topic: Mapped[str | None] = mapped_column(String(30))
    topic_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    notified_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    misunderstood: Mapped[int] = mapped_column(Integer, default=0)
    handoff: Mapped[str | None] = mapped_column(String(20))  # crisis|request_human|caseworker
    asked: Mapped[str | None] = mapped_column(String(20))  # the last question asked
    onboarding_after: Mapped[datetime | None] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class CheckIn(Base):
    """One check-in: when it was asked, and the answer (good|okay|struggling) and need."""

    __tablename__ = "checkins"

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id"), index=True)
    asked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    answer: Mapped[str | None] = mapped_column(String(12))
    need: Mapped[str | None] = mapped_column(String(40))
    inbound_id: Mapped[int | None] = mapped_column(ForeignKey("inbound_messages.id"))
    # The scheduler's monthly check-in: its month (2026-12), the nudge, and when it was missed.
    occurrence: Mapped[str | None] = mapped_column(String(7))
    nudged_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    missed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    # The monthly report counts check-ins by the time they were asked (migration 0013).
    __table_args__ = (
        Index("ix_checkins_asked_at", "asked_at", postgresql_include=["contact_id", "answer"]),
    )


class OutboundEmail(Base):
    """An email to send (alerts to caseworkers): an outbox row like the SMS one."""

    __tablename__ = "outbound_emails"

    id: Mapped[int] = mapped_column(primary_key=True)
    idempotency_key: Mapped[str] = mapped_column(String(160), unique=True)
    alert_id: Mapped[int | None] = mapped_column(ForeignKey("alerts.id"), index=True)
    to_address: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # pending -> sending -> sent | failed
    dispatch_state: Mapped[str] = mapped_column(String(12), default=DispatchState.PENDING)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime())
    lease_owner: Mapped[str | None] = mapped_column(String(80))
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    error_message: Mapped[str | None] = mapped_column(String(300))

    __table_args__ = (Index("ix_email_due", "dispatch_state", "next_attempt_at"),)

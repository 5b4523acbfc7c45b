"""Typed models of staff access: offices per caseworker, API tokens, and the audit log."""

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from storage.models import Base
from storage.types import UTCDateTime


class StaffOffice(Base):
    """A country office a caseworker works for (besides their own `Caseworker.office`)."""

    __tablename__ = "staff_offices"

    caseworker_id: Mapped[int] = mapped_column(ForeignKey("caseworkers.id"), primary_key=True)
    office: Mapped[str] = mapped_column(String(2), primary_key=True)


class ApiToken(Base):
    """A bearer token for the JSON API; only its SHA-256 is stored."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    caseworker_id: Mapped[int] = mapped_column(ForeignKey("caseworkers.id"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class AuditEntry(Base):
    """Who saw or changed which returnee's personal data, when, and how (page or API)."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    caseworker_id: Mapped[int | None] = mapped_column(ForeignKey("caseworkers.id"))
    action: Mapped[str] = mapped_column(String(40))  # view_returnee|reply|export|login|...
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id"))
    office: Mapped[str | None] = mapped_column(String(2))
    detail: Mapped[str] = mapped_column(Text, default="")
    channel: Mapped[str] = mapped_column(String(8), default="page")  # page|api|cli
    ip: Mapped[str | None] = mapped_column(String(64))

    __table_args__ = (Index("ix_audit_office_at", "office", "at"),)

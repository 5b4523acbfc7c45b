"""Typed SQLAlchemy 2 models: contacts, their numbers, messages in and out, locks."""

from datetime import date, datetime

from sqlalchemy import Date, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from storage.states import DispatchState
from storage.types import UTCDateTime


class Base(DeclarativeBase):
    """Declarative base for every table."""


class Contact(Base):
    """A returnee (or, before onboarding, just someone who texted us)."""

    __tablename__ = "contacts"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str | None] = mapped_column(String(200))
    country: Mapped[str | None] = mapped_column(String(2))  # ISO 3166-1 alpha-2
    # The office that serves someone with no country yet: their number's, else the default.
    office: Mapped[str | None] = mapped_column(String(2))
    language: Mapped[str] = mapped_column(String(5), default="en")
    time_zone: Mapped[str | None] = mapped_column(String(64))  # IANA name
    # Where they live (parish, region, department): the nearest partners are named first.
    area: Mapped[str | None] = mapped_column(String(80))
    consent: Mapped[str] = mapped_column(String(16), default="unknown")  # unknown|given|declined
    consent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    whatsapp_profile_name: Mapped[str | None] = mapped_column(String(200))
    # Casework: the caseworker assigned, the code that links a new number to this case,
    # and the handoff (the bot stays quiet until then, unless it is a crisis).
    caseworker_id: Mapped[int | None] = mapped_column(ForeignKey("caseworkers.id"), index=True)
    registration_code: Mapped[str | None] = mapped_column(String(16), unique=True)
    paused_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # The caseworker who has the conversation during a handoff (took over, replied or
    # acknowledged), and how far the caseworkers have read the returnee's messages.
    handoff_owner_id: Mapped[int | None] = mapped_column(ForeignKey("caseworkers.id"))
    read_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id"))
    # When the returnee came back; monthly check-ins run for the follow-up period after it.
    returned_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Registration demographics for the programme report and the regional dataset (all
    # optional): birth date or age band, sex, forced|voluntary return, deporting country.
    birth_date: Mapped[date | None] = mapped_column(Date)
    age_band: Mapped[str | None] = mapped_column(String(8))  # 18-24, 25-34, ..., 65+
    sex: Mapped[str | None] = mapped_column(String(8))  # female|male|other
    return_type: Mapped[str | None] = mapped_column(String(10))  # forced|voluntary
    deporting_country: Mapped[str | None] = mapped_column(String(2))  # ISO alpha-2
    # Erasure on request: when the personal data was removed (the row stays for statistics).
    erased_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())

    numbers: Mapped[list["ContactNumber"]] = relationship(
        back_populates="contact",
        order_by=lambda: (ContactNumber.first_seen_at, ContactNumber.id),  # ties: first stored
    )


class ContactNumber(Base):
    """A phone number a contact has used; returnees change SIMs, so there may be several."""

    __tablename__ = "contact_numbers"

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id"), index=True)
    e164: Mapped[str] = mapped_column(String(140), unique=True)  # or a WhatsApp user ID
    wa_id: Mapped[str | None] = mapped_column(String(140))
    first_seen_at: Mapped[datetime] = mapped_column(UTCDateTime())
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime())
    last_channel: Mapped[str] = mapped_column(String(10), default="sms")
    opted_out_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    opted_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    unreachable_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    unreachable_code: Mapped[int | None] = mapped_column(Integer)

    contact: Mapped[Contact] = relationship(back_populates="numbers")


class InboundMessage(Base):
    """A message a returnee sent us, stored before anything else happens to it."""

    __tablename__ = "inbound_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    message_sid: Mapped[str] = mapped_column(String(64), unique=True)
    channel: Mapped[str] = mapped_column(String(10))  # sms|whatsapp
    from_e164: Mapped[str] = mapped_column(String(140), index=True)
    to_address: Mapped[str] = mapped_column(String(64))
    body: Mapped[str] = mapped_column(Text)
    num_media: Mapped[int] = mapped_column(Integer, default=0)
    profile_name: Mapped[str | None] = mapped_column(String(200))
    wa_id: Mapped[str | None] = mapped_column(String(140))
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id"), index=True)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime())
    handled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    handling_attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(String(200))
    # What the message meant, and who decided it (rule, lexicon, rasa, safety_net, unavailable).
    nlu_intent: Mapped[str | None] = mapped_column(String(40))
    nlu_confidence: Mapped[float | None] = mapped_column(Float)
    nlu_source: Mapped[str | None] = mapped_column(String(16))

    __table_args__ = (
        Index("ix_inbound_unhandled", "handled_at", "received_at"),
        # The monthly report counts texts by time (migration 0013).
        Index("ix_inbound_received_at", "received_at", postgresql_include=["contact_id"]),
    )


# What the monthly report reads of an outbound text, kept in its index on PostgreSQL.
REPORT_COLUMNS = ["contact_id", "dispatch_state", "status"]


class OutboundMessage(Base):
    """A message to send: the outbox row and, once sent, its delivery record."""

    __tablename__ = "outbound_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    idempotency_key: Mapped[str] = mapped_column(String(160), unique=True)
    purpose: Mapped[str] = mapped_column(String(40))
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id"), index=True)
    in_reply_to_id: Mapped[int | None] = mapped_column(ForeignKey("inbound_messages.id"))
    channel: Mapped[str] = mapped_column(String(10))
    to_e164: Mapped[str] = mapped_column(String(140), index=True)
    body: Mapped[str] = mapped_column(Text)
    encoding: Mapped[str] = mapped_column(String(8))  # GSM-7|UCS-2
    segments: Mapped[int] = mapped_column(Integer)
    # A WhatsApp template (outside the 24-hour window): Twilio's ContentSid and its variables.
    content_sid: Mapped[str | None] = mapped_column(String(40))
    content_variables: Mapped[str | None] = mapped_column(Text)  # JSON object
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # Dispatch (the outbox): pending -> sending -> sent | failed | cancelled.
    dispatch_state: Mapped[str] = mapped_column(String(12), default=DispatchState.PENDING)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime())
    lease_owner: Mapped[str | None] = mapped_column(String(80))
    lease_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    first_claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    needs_reconcile: Mapped[bool] = mapped_column(default=False)
    # Delivery, as Twilio reports it.
    twilio_sid: Mapped[str | None] = mapped_column(String(64), unique=True)
    sender: Mapped[str | None] = mapped_column(String(64))
    status: Mapped[str | None] = mapped_column(String(16))
    error_code: Mapped[int | None] = mapped_column(Integer)
    error_message: Mapped[str | None] = mapped_column(String(300))
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    status_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    __table_args__ = (
        Index("ix_outbound_due", "dispatch_state", "next_attempt_at"),
        # The monthly report counts texts by time (migration 0013).
        Index("ix_outbound_sent_at", "sent_at", postgresql_include=REPORT_COLUMNS),
    )


class MessageStatusEvent(Base):
    """One status callback from Twilio: the delivery lifecycle, kept whole."""

    __tablename__ = "message_status_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    outbound_id: Mapped[int | None] = mapped_column(ForeignKey("outbound_messages.id"), index=True)
    message_sid: Mapped[str] = mapped_column(String(64), index=True)
    status: Mapped[str] = mapped_column(String(16))
    error_code: Mapped[int | None] = mapped_column(Integer)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime())


class SenderSlot(Base):
    """The next free send time of one sender, shared by every worker (the rate limit)."""

    __tablename__ = "sender_slots"

    sender: Mapped[str] = mapped_column(String(64), primary_key=True)
    next_slot_at: Mapped[datetime] = mapped_column(UTCDateTime())


class ProcessLease(Base):
    """A named lease held by one process at a time (the single clock)."""

    __tablename__ = "process_leases"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    holder: Mapped[str] = mapped_column(String(80))
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())


# The casework tables share this metadata (imported last: they build on Base).
from storage import casework, reintegration, schedule, staff  # noqa: E402, F401

"""The roster: adding, changing and removing caseworkers (what the operator CLI does)."""

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.casework.staff import StaffMember, hash_password, member
from storage import casework_repo as cases
from storage.casework import Caseworker
from storage.staff import StaffOffice

ROLES = ("caseworker", "supervisor", "admin")
MIN_PASSWORD = 10


class RosterError(ValueError):
    """The change cannot be made; the text says why, naming the field."""


def save_caseworker(
    session: Session, *, name: str, e164: str, email: str, office: str, role: str,
    on_call: bool, language: str, now: datetime,
) -> Caseworker:  # fmt: skip
    """Add a caseworker, or update (and reactivate) the one with this phone."""
    if "@" not in email:
        raise RosterError("email must be an email address")
    if role not in ROLES:
        raise RosterError(f"role must be one of {', '.join(ROLES)}")
    person = session.scalar(select(Caseworker).where(Caseworker.phone == e164))
    if person is None:
        person = Caseworker(phone=e164, created_at=now)
        session.add(person)
    person.name, person.email = name, email.strip().lower()
    person.office, person.role = office.upper(), role
    person.on_call, person.language, person.active = on_call, language, True
    return person


def by_email(session: Session, email: str) -> Caseworker:
    """The caseworker with this email (any case, spaces ignored)."""
    person = session.scalar(select(Caseworker).where(Caseworker.email == email.strip().lower()))
    if person is None:
        raise RosterError(f"no caseworker with email {email}")
    return person


def set_password(session: Session, email: str, password: str) -> None:
    """Set a dashboard password (argon2) and unlock the account."""
    if len(password) < MIN_PASSWORD:
        raise RosterError(f"password: use at least {MIN_PASSWORD} characters")
    person = by_email(session, email)
    person.password_hash = hash_password(password)
    person.failed_logins, person.locked_until = 0, None


def change_offices(
    session: Session, email: str, add: Iterable[str], remove: Iterable[str]
) -> StaffMember:
    """Let a caseworker see more offices than their own (or fewer); the offices now seen."""
    person = by_email(session, email)
    for office in (o.upper() for o in add):
        session.merge(StaffOffice(caseworker_id=person.id, office=office))
    for office in (o.upper() for o in remove):
        found = session.get(StaffOffice, (person.id, office))
        if found is not None:
            session.delete(found)
    session.flush()
    return member(session, person)


def deactivate(session: Session, e164: str) -> None:
    """Take a caseworker off the roster (their alerts stay on record)."""
    person = cases.caseworker_by_phone(session, e164)
    if person is None:
        raise RosterError(f"no active caseworker with phone {e164}")
    person.active, person.on_call = False, False

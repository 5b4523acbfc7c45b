"""Staff access: passwords (argon2), lockout, offices, API tokens and the audit log."""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.logs import get_logger
from flows.texts import LANGUAGES
from storage.casework import Caseworker
from storage.casework_repo import SUPERVISOR_ROLES
from storage.staff import ApiToken, AuditEntry, StaffOffice

log = get_logger("staff")
HASHER = PasswordHasher()
MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=15)
# A hash to verify against when the email is unknown, so a wrong email takes as long.
_DUMMY = HASHER.hash("not-a-password")


@dataclass(frozen=True)
class StaffMember:
    """Who is signed in: their id, name, role and the offices whose returnees they see."""

    id: int
    name: str
    email: str
    role: str
    offices: tuple[str, ...]
    language: str = "en"
    session_version: int = 0  # a dashboard session signed in under another number is over

    @property
    def supervises(self) -> bool:
        """Supervisors and admins read the audit log."""
        return self.role in SUPERVISOR_ROLES


def hash_password(password: str) -> str:
    """An argon2id hash of the password."""
    return HASHER.hash(password)


def member(session: Session, person: Caseworker) -> StaffMember:
    """The signed-in view of a caseworker, with every office they work for."""
    extra = session.scalars(
        select(StaffOffice.office).where(StaffOffice.caseworker_id == person.id)
    )
    offices = tuple(sorted({person.office, *extra}))
    return StaffMember(person.id, person.name, person.email, person.role, offices, person.language,
                       person.session_version)  # fmt: skip


def authenticate(session: Session, email: str, password: str, now: datetime) -> StaffMember | None:
    """The member whose password this is, or None; five failures in a row lock for 15 minutes."""
    person = session.scalar(select(Caseworker).where(
        Caseworker.email == email.strip().lower(), Caseworker.active.is_(True)
    ).with_for_update())  # fmt: skip
    locked = person is not None and person.locked_until is not None and person.locked_until > now
    if person is None or person.password_hash is None or locked:
        _verify(_DUMMY, password)  # a password is checked anyway: every refusal takes as long
        return None
    if not _verify(person.password_hash, password):
        _failed(person, now)
        return None
    person.failed_logins, person.locked_until, person.last_login_at = 0, None, now
    if HASHER.check_needs_rehash(person.password_hash):
        version = person.session_version  # the same password, hashed anew: sessions stay
        person.password_hash, person.session_version = hash_password(password), version
    return member(session, person)


def _failed(person: Caseworker, now: datetime) -> None:
    """One more wrong password; the fifth in a row locks the account."""
    person.failed_logins += 1
    if person.failed_logins >= MAX_FAILURES:
        person.locked_until, person.failed_logins = now + LOCKOUT, 0
        log.warning("staff.locked_out", caseworker_id=person.id)


def end_sessions(session: Session, caseworker_id: int) -> None:
    """Sign the caseworker out everywhere: every session signed in so far stops working."""
    person = session.get(Caseworker, caseworker_id, with_for_update=True)
    if person is not None:
        person.session_version += 1


def set_language(session: Session, caseworker_id: int, language: str) -> str | None:
    """Save the caseworker's language (their dashboard's and their alerts'); the one it was, or
    None if there is no such caseworker. ValueError for a language the assistant does not speak.
    """
    if language not in LANGUAGES:
        raise ValueError(f"language: {language!r} is not one of {', '.join(LANGUAGES)}")
    person = session.get(Caseworker, caseworker_id, with_for_update=True)
    if person is None:
        return None
    old, person.language = person.language, language
    return old


def _verify(stored: str, password: str) -> bool:
    try:
        return HASHER.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def issue_token(session: Session, caseworker_id: int, name: str, now: datetime) -> str:
    """A new API token; only its hash is kept, so this is the one time it is seen."""
    token = "rat_" + secrets.token_urlsafe(32)
    session.add(ApiToken(caseworker_id=caseworker_id, token_hash=_digest(token), name=name,
                         created_at=now))  # fmt: skip
    return token


def revoke_tokens_of(session: Session, caseworker_id: int, now: datetime) -> int:
    """Revoke every live token of a caseworker; how many."""
    tokens = session.scalars(select(ApiToken).where(
        ApiToken.caseworker_id == caseworker_id, ApiToken.revoked_at.is_(None)
    )).all()  # fmt: skip
    for token in tokens:
        token.revoked_at = now
    return len(tokens)


def member_for_token(session: Session, token: str, now: datetime) -> StaffMember | None:
    """The staff member a live bearer token belongs to, or None."""
    row = session.scalar(select(ApiToken).where(
        ApiToken.token_hash == _digest(token), ApiToken.revoked_at.is_(None)
    ))  # fmt: skip
    person = session.get(Caseworker, row.caseworker_id) if row is not None else None
    if row is None or person is None or not person.active:
        return None
    row.last_used_at = now
    return member(session, person)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def audit(
    session: Session, who: StaffMember | None, action: str, now: datetime, *,
    contact_id: int | None = None, office: str | None = None, detail: str = "",
    channel: str = "page", ip: str | None = None,
) -> None:  # fmt: skip
    """Write one audit entry in the caller's transaction."""
    session.add(AuditEntry(at=now, caseworker_id=who.id if who else None, action=action,
                           contact_id=contact_id, office=office, detail=detail[:500],
                           channel=channel, ip=_address(ip)))  # fmt: skip


def _address(ip: str | None) -> str | None:
    """The client's address as the proxy forwarded it, cut to fit the audit log."""
    if not ip:
        return None
    return ip.replace("\x00", "")[:64] or None


def audit_entries(session: Session, offices: tuple[str, ...], limit: int) -> list[AuditEntry]:
    """The latest entries of these offices, and their own staff's sign-ins, newest first."""
    granted = select(StaffOffice.caseworker_id).where(StaffOffice.office.in_(offices))
    staff = select(Caseworker.id).where(Caseworker.office.in_(offices) | Caseworker.id.in_(granted))
    query = select(AuditEntry).where(AuditEntry.office.in_(offices) | (
        AuditEntry.office.is_(None) & AuditEntry.caseworker_id.in_(staff)
    )).order_by(AuditEntry.id.desc()).limit(limit)  # fmt: skip
    return list(session.scalars(query))

"""Returnees registered by a caseworker, one at a time or from a CSV registration list."""

from dataclasses import dataclass, field
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from bot.casework import caseload
from bot.casework.demographics import (
    FIELDS,
    Demographics,
    DemographicsError,
    apply,
    parse_demographics,
)
from bot.casework.staff import StaffMember
from bot.codes import unique_code
from bot.desk import Desk
from bot.phones import InvalidNumber, parse_address
from flows.texts import LANGUAGES
from storage import casework_repo as cases
from storage import repositories as repo
from storage.models import Contact, ContactNumber

CSV_COLUMNS = ("name", "country", "phone", "language", "returned_on", *FIELDS)


class RegistrationError(ValueError):
    """A registration that cannot be taken; str() says which field and why."""


@dataclass(frozen=True)
class Registration:
    """A returnee as a caseworker registers them (the phone is optional: a code links later)."""

    name: str
    country: str
    phone: str | None
    language: str
    returned_on: date | None
    demographics: Demographics = field(default_factory=Demographics)


def parse(raw: dict[str, str], desk: Desk, who: StaffMember, today: date) -> Registration:
    """Validate one registration (a form or a CSV row); RegistrationError names the field.
    `today` is the day a birth date may not be after."""
    for key in CSV_COLUMNS:
        if "\x00" in (raw.get(key) or ""):
            raise RegistrationError(f"{key}: contains a NUL character, which is not allowed")
    name = " ".join((raw.get("name") or "").split())
    if not 2 <= len(name) <= 200:
        raise RegistrationError("name: 2 to 200 characters")
    country = (raw.get("country") or "").strip().upper()
    if desk.catalogue.get(country) is None:
        raise RegistrationError(f"country: {country or 'empty'} is not a programme country")
    if country not in who.offices:
        raise RegistrationError(f"country: {country} is not one of your offices")
    language = (raw.get("language") or "en").strip().lower() or "en"
    if language not in LANGUAGES:
        raise RegistrationError(f"language: {language} is not one of {', '.join(LANGUAGES)}")
    try:
        found = parse_demographics(raw, today)
    except DemographicsError as error:
        raise RegistrationError(str(error)) from None
    return Registration(name, country, _phone(raw.get("phone")), language,
                        _date(raw.get("returned_on")), found)  # fmt: skip


def _phone(raw: str | None) -> str | None:
    if not (raw or "").strip():
        return None
    try:
        return parse_address(str(raw)).e164
    except InvalidNumber:
        raise RegistrationError(f"phone: {raw!r} is not a phone number") from None


def _date(raw: str | None) -> date | None:
    if not (raw or "").strip():
        return None
    try:
        return date.fromisoformat(str(raw).strip())
    except ValueError:
        raise RegistrationError(f"returned_on: {raw!r} is not a date (YYYY-MM-DD)") from None


def register(
    session: Session, desk: Desk, who: StaffMember, entry: Registration, now: datetime
) -> Contact:
    """Add the returnee with a registration code, assigned to this caseworker."""
    if entry.phone:
        _check_available(session, who, entry.phone)
    country = desk.catalogue.get(entry.country)
    assert country is not None
    returned = None
    if entry.returned_on is not None:
        returned = datetime.combine(entry.returned_on, time(12), tzinfo=ZoneInfo(country.time_zone))
    contact = Contact(
        name=entry.name, country=entry.country, language=entry.language, consent="unknown",
        time_zone=country.time_zone, caseworker_id=who.id, returned_at=returned,
        registration_code=_new_code(session, entry.country), created_at=now, updated_at=now,
    )  # fmt: skip
    apply(contact, entry.demographics)
    session.add(contact)
    if entry.phone:
        session.add(ContactNumber(contact=contact, e164=entry.phone, first_seen_at=now,
                                  last_seen_at=now, last_channel="sms"))  # fmt: skip
    session.flush()
    return contact


def _check_available(session: Session, who: StaffMember, phone: str) -> None:
    """Refuse a number in use, saying whose only when it is one of the caseworker's returnees."""
    # Another office's returnee or a member of staff: the same answer, whoever has it.
    taken = repo.find_number(session, phone)
    if taken is not None and _sees(session, who, taken.contact_id):
        raise RegistrationError(f"phone: {phone} already belongs to a returnee")
    if taken is not None or cases.caseworker_by_phone(session, phone) is not None:
        raise RegistrationError(f"phone: {phone} is not available")


def _sees(session: Session, who: StaffMember, contact_id: int) -> bool:
    try:
        caseload.returnee(session, who, contact_id)
    except caseload.OutOfScope:
        return False
    return True


def _new_code(session: Session, country: str) -> str:
    return unique_code(country, 4, lambda code: cases.contact_by_code(session, code) is not None)


@dataclass(frozen=True)
class RowOutcome:
    """One CSV row: its line number, and the new code or the error."""

    line: int
    ok: bool
    message: str


def import_rows(
    session: Session, desk: Desk, who: StaffMember, rows: list[dict[str, str]], first_line: int,
    now: datetime,
) -> list[RowOutcome]:  # fmt: skip
    """Register every valid row; each bad row is reported and nothing of it is kept."""
    outcomes = []
    for offset, raw in enumerate(rows):
        line = first_line + offset
        try:
            with session.begin_nested():
                entry = parse(raw, desk, who, now.date())
                contact = register(session, desk, who, entry, now)
            outcomes.append(RowOutcome(line, True, f"registered, code {contact.registration_code}"))
        except RegistrationError as error:
            outcomes.append(RowOutcome(line, False, str(error)))
    return outcomes

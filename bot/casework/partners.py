"""The partner directory: add, change, verify and retire partners (supervisors and admins),
read it by office, seed it from the country content, and hand orientation the partners of
a service."""

import re
from collections.abc import Mapping
from datetime import datetime
from typing import Any

import phonenumbers
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.casework.caseload import OutOfScope
from bot.casework.staff import StaffMember
from flows.content import Catalogue
from flows.conversation import DirectoryPartner
from flows.vocabulary import PartnerKind
from storage.reintegration import Partner

# Column lengths (storage/reintegration.py), so PostgreSQL never refuses a value.
LIMITS = {"name": 200, "phone": 40, "email": 254, "address": 300, "hours": 200}
MIN_NAME = 2
MAX_ITEMS, MAX_ITEM = 40, 80  # areas and languages: how many, how long each
FIELDS = ("name", "kind", "country", "areas", "services", "languages", "phone", "email",
          "address", "hours", "active")  # fmt: skip
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")


class PartnerError(ValueError):
    """A partner the directory refuses, naming the field at fault."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field


class NotAllowed(PermissionError):
    """Only supervisors and admins change the directory."""


def _text(data: Mapping[str, Any], field: str, required: bool = False) -> str | None:
    value = data.get(field)
    if value is None or (isinstance(value, str) and not value.strip() and not required):
        if required:
            raise PartnerError(field, "is required")
        return None
    if not isinstance(value, str):
        raise PartnerError(field, "must be text")
    if "\x00" in value:
        raise PartnerError(field, "contains a NUL character, which is not allowed")
    value = " ".join(value.split())
    limit = LIMITS[field]
    if len(value) > limit:
        raise PartnerError(field, f"is {len(value)} characters; at most {limit}")
    return value


def _name(data: Mapping[str, Any]) -> str:
    name = _text(data, "name", required=True) or ""
    if len(name) < MIN_NAME:
        raise PartnerError("name", f"needs at least {MIN_NAME} characters")
    return name


def _items(data: Mapping[str, Any], field: str, allowed: tuple[str, ...] | None) -> list[str]:
    value = data.get(field) or []
    if isinstance(value, str):
        value = [part for part in value.split(",") if part.strip()]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise PartnerError(field, "must be a list of text")
    if any("\x00" in v for v in value):
        raise PartnerError(field, "contains a NUL character, which is not allowed")
    items = list(dict.fromkeys(" ".join(v.split()) for v in value if v.strip()))
    if len(items) > MAX_ITEMS or any(len(v) > MAX_ITEM for v in items):
        raise PartnerError(field, f"at most {MAX_ITEMS} items of {MAX_ITEM} characters")
    unknown = [v for v in items if allowed is not None and v not in allowed]
    if unknown:
        raise PartnerError(field, f"unknown {unknown[0][:40]!r}; one of {', '.join(allowed or ())}")
    return items


def _phone(data: Mapping[str, Any], country: str) -> str | None:
    raw = _text(data, "phone")
    if raw is None:
        return None
    try:
        number = phonenumbers.parse(raw, country)
    except phonenumbers.NumberParseException:
        raise PartnerError("phone", "is not a phone number") from None
    if not phonenumbers.is_possible_number(number):
        raise PartnerError("phone", "is not a possible phone number")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def _email(data: Mapping[str, Any]) -> str | None:
    email = _text(data, "email")
    if email is not None and not _EMAIL.match(email):
        raise PartnerError("email", "is not an email address (name@example.org)")
    return email


def clean(
    data: Mapping[str, Any], catalogue: Catalogue, offices: tuple[str, ...]
) -> dict[str, Any]:
    """The partner's fields, checked and tidied; PartnerError names the first one at fault."""
    country = data.get("country")
    if not isinstance(country, str) or catalogue.get(country.upper()) is None:
        raise PartnerError("country", f"must be one of {', '.join(catalogue.order)}")
    country = country.upper()
    if country not in offices:
        raise PartnerError("country", "is not one of your offices")
    kind = data.get("kind")
    if kind not in PartnerKind.__members__.values():
        raise PartnerError("kind", f"must be one of {', '.join(PartnerKind)}")
    services = tuple(catalogue.countries[country].services)
    return {
        "name": _name(data), "kind": str(kind), "country": country,
        "areas": _items(data, "areas", None), "services": _items(data, "services", services),
        "languages": _items(data, "languages", None), "phone": _phone(data, country),
        "email": _email(data), "address": _text(data, "address"), "hours": _text(data, "hours"),
        "active": data.get("active", True) is not False,
    }  # fmt: skip


def _known(data: Mapping[str, Any]) -> None:
    unknown = [key for key in data if key not in FIELDS]
    if unknown:
        raise PartnerError(str(unknown[0])[:40], f"is not a field; fields: {', '.join(FIELDS)}")


def _may_edit(who: StaffMember) -> None:
    if not who.supervises:
        raise NotAllowed("only supervisors and admins change the partner directory")


def create(
    session: Session, who: StaffMember, data: Mapping[str, Any], catalogue: Catalogue,
    now: datetime,
) -> Partner:  # fmt: skip
    """Add a partner to the directory (unverified until someone verifies it)."""
    _may_edit(who)
    _known(data)
    partner = Partner(**clean(data, catalogue, who.offices), created_at=now, updated_at=now)
    session.add(partner)
    session.flush()
    return partner


def update(
    session: Session, who: StaffMember, partner_id: int, data: Mapping[str, Any],
    catalogue: Catalogue, now: datetime,
) -> Partner:  # fmt: skip
    """Change some fields of a partner (the others keep their values)."""
    _may_edit(who)
    partner = get(session, who, partner_id)
    _known(data)
    merged = {field: getattr(partner, field) for field in FIELDS} | dict(data)
    for field, value in clean(merged, catalogue, who.offices).items():
        setattr(partner, field, value)
    partner.updated_at = now
    return partner


def verify(session: Session, who: StaffMember, partner_id: int, now: datetime) -> Partner:
    """Mark a partner's details checked, today."""
    _may_edit(who)
    partner = get(session, who, partner_id)
    partner.verified, partner.verified_at, partner.updated_at = True, now, now
    return partner


def deactivate(session: Session, who: StaffMember, partner_id: int, now: datetime) -> Partner:
    """Take a partner out of answers and new referrals (its referrals keep it)."""
    _may_edit(who)
    partner = get(session, who, partner_id)
    partner.active, partner.updated_at = False, now
    return partner


def get(session: Session, who: StaffMember, partner_id: int) -> Partner:
    """A partner of one of the caseworker's offices; OutOfScope (404) otherwise."""
    partner = session.get(Partner, partner_id) if 0 < partner_id < 2**31 else None
    if partner is None or partner.country not in who.offices:
        raise OutOfScope(f"no partner {partner_id}")
    return partner


def directory(
    session: Session, who: StaffMember, country: str | None = None, service: str | None = None,
    include_inactive: bool = False,
) -> list[Partner]:  # fmt: skip
    """The partners of the caseworker's offices, by name; filtered by country and service."""
    offices = [o for o in who.offices if country is None or o == country.upper()]
    query = select(Partner).where(Partner.country.in_(offices))
    if not include_inactive:
        query = query.where(Partner.active.is_(True))
    rows = session.scalars(query.order_by(Partner.name, Partner.id))
    return [p for p in rows if service is None or service in (p.services or [])]


def for_service(
    session: Session, country: str | None, service: str
) -> tuple[DirectoryPartner, ...]:
    """The active partners of a service in a country, as an orientation answer names them
    (verified first, then by name)."""
    if not country:
        return ()
    rows = session.scalars(select(Partner).where(Partner.country == country,
                                                 Partner.active.is_(True)))  # fmt: skip
    found = sorted((p for p in rows if service in (p.services or [])),
                   key=lambda p: (not p.verified, p.name))  # fmt: skip
    return tuple(DirectoryPartner(p.name, p.phone, p.address, p.hours, tuple(p.areas or ()))
                 for p in found)  # fmt: skip


def _kind(content_kind: str) -> str:
    """The directory's kind of a content partner (content's `health` is a public clinic)."""
    return content_kind if content_kind in PartnerKind.__members__.values() else "government"


def seed_from_content(session: Session, catalogue: Catalogue, now: datetime) -> int:
    """One partner per organisation each country's services name, with those services.
    Idempotent: a row already seeded (its `source_key`) is left as the office edited it.
    Returns how many were added."""
    added = 0
    for code, country in catalogue.countries.items():
        named: dict[str, list[str]] = {}
        for key, service in country.services.items():
            if service.partner:
                named.setdefault(service.partner, []).append(key)
        for name, keys in named.items():
            first = country.services[keys[0]]
            source_key = f"{code}/{name}"[:120]
            if session.scalar(select(Partner.id).where(Partner.source_key == source_key)):
                continue
            session.add(Partner(
                source_key=source_key, name=name, kind=_kind(first.kind), country=code,
                services=keys,
                areas=[], languages=list(country.languages), address=first.where,
                created_at=now, updated_at=now,
            ))  # fmt: skip
            added += 1
    session.flush()
    return added


def as_json(partner: Partner) -> dict[str, Any]:
    """A partner as the API shows it."""
    at = partner.verified_at
    return {
        "id": partner.id, "name": partner.name, "kind": partner.kind, "country": partner.country,
        "areas": list(partner.areas or []), "services": list(partner.services or []),
        "languages": list(partner.languages or []), "phone": partner.phone,
        "email": partner.email, "address": partner.address, "hours": partner.hours,
        "verified": partner.verified, "active": partner.active,
        "verified_at": None if at is None else at.isoformat().replace("+00:00", "Z"),
    }  # fmt: skip

"""Country content (office, services, emergency numbers) as typed data, validated strictly.

The files are read by `bot.content`; this module only turns parsed YAML into dataclasses
and names the file and key of anything wrong, so a bad edit never reaches a returnee.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import time
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from flows.catalog import find_languages

LANGUAGES = find_languages()  # the one list: the folders of flows/locale
SERVICES = (
    "counselling", "vocational_training", "business_training", "job_placement", "grants",
    "drug_rehab", "documents", "health", "housing",
)  # fmt: skip
PARTNER_KINDS = ("government", "ngo", "church", "iom", "health", "private")
BRING_ITEMS = (
    "id_card", "passport", "birth_certificate", "deportation_letter", "police_record",
    "passport_photos", "proof_of_address", "business_plan", "referral_letter", "medical_card",
    "prescriptions", "recommender_letter", "lost_report", "application_form",
    "marriage_certificate", "tax_number",
)  # fmt: skip
# Documents a returnee may ask how to get, and the `bring` key each one is.
DOCUMENTS: dict[str, str] = {
    "birth_certificate": "birth_certificate", "national_id": "id_card", "passport": "passport",
    "police_record": "police_record", "drivers_licence": "drivers_licence",
    "tax_number": "tax_number",
}  # fmt: skip
# What the documents service exists to produce: it cannot ask for any of them.
ISSUED_DOCUMENTS = ("id_card", "passport", "birth_certificate", "police_record")
FREE = "free"
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
LIMITS = {
    "name": 30,
    "address": 50,
    "phone": 20,
    "partner": 30,
    "where": 45,
    "country": 20,
    "cost": 40,
}
_TIME = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


class ContentError(ValueError):
    """A content file is wrong: names the file and the key."""

    def __init__(self, source: str, key: str, problem: str) -> None:
        super().__init__(f"{source}: {key}: {problem}")
        self.source, self.key, self.problem = source, key, problem


@dataclass(frozen=True)
class Hours:
    """Opening days (0 = Monday) and times, in the country's time zone."""

    days: frozenset[int]
    open: time
    close: time


@dataclass(frozen=True)
class Number:
    """One emergency or help number, with the source's confidence in it."""

    number: str
    verified: bool
    name: str | None = None


@dataclass(frozen=True)
class Emergency:
    """Who to call now in one country."""

    police: Number
    ambulance: Number
    fire: Number | None
    helpline: Number | None
    gbv: Number | None


@dataclass(frozen=True)
class Office:
    """The country office a returnee can visit or call."""

    name: str
    address: str
    phone: str
    hours: Hours
    example: tuple[str, ...]


@dataclass(frozen=True)
class Service:
    """Where one service is offered; partner None means the office arranges it."""

    key: str
    partner: str | None
    kind: str
    where: str | None
    hours: Hours | None  # None: by appointment
    bring: tuple[str, ...]
    example: tuple[str, ...]
    cost: str | None = None  # "free", an amount, or None: unknown (ask the office)
    # Days after a referral for this service before the returnee is asked "did you get help?"
    follow_up_days: int = 14


@dataclass(frozen=True)
class Document:
    """How to get one document: where to apply, what it costs, what to bring."""

    key: str
    where: str
    cost: str | None
    bring: tuple[str, ...]
    verified: bool


@dataclass(frozen=True)
class Country:
    """Everything the bot says about one country."""

    code: str
    names: Mapping[str, str]
    time_zone: str
    calling_codes: tuple[str, ...]
    languages: tuple[str, ...]
    receiving_bodies: tuple[str, ...]
    emergency: Emergency
    office: Office
    services: Mapping[str, Service]
    # Per document: how to get it; None: not issued here; missing: the service answers.
    documents: Mapping[str, Document | None] = field(default_factory=dict)

    def name(self, language: str) -> str:
        """The country's name in `language`."""
        return self.names.get(language) or self.names["en"]


@dataclass(frozen=True)
class Catalogue:
    """Every country of the deployment, in menu order."""

    countries: Mapping[str, Country]
    default: str | None = None  # the deployment's default office

    @property
    def order(self) -> tuple[str, ...]:
        """Country codes in the order the onboarding menu lists them."""
        return tuple(self.countries)

    def get(self, code: str | None) -> Country | None:
        """The country `code`, if the deployment has it."""
        return self.countries.get(code or "")


class _Reader:
    """Typed access to one parsed file that names the key of any problem."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, key: str, problem: str) -> ContentError:
        return ContentError(self.source, key, problem)

    def mapping(self, data: Any, key: str) -> Mapping[str, Any]:
        if not isinstance(data, Mapping):
            raise self.fail(key, "must be a mapping")
        return data

    def text(self, data: Mapping[str, Any], key: str, path: str, limit: int = 200) -> str:
        value = data.get(key)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(f"{path}{key}", "is missing or empty")
        if len(value) > limit:
            raise self.fail(f"{path}{key}", f"has {len(value)} characters, at most {limit}")
        return value.strip()

    def strings(self, data: Mapping[str, Any], key: str, path: str) -> tuple[str, ...]:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(f"{path}{key}", "must be a list of strings")
        return tuple(value)

    def choices(
        self, data: Mapping[str, Any], key: str, path: str, allowed: tuple[str, ...]
    ) -> tuple[str, ...]:
        values = self.strings(data, key, path)
        unknown = [v for v in values if v not in allowed]
        if unknown:
            raise self.fail(f"{path}{key}", f"unknown {unknown[0]!r}; allowed: {allowed}")
        return values


def parse_hours(reader: _Reader, value: Any, path: str) -> Hours:
    """`{days: mon-fri, open: "08:30", close: "16:30"}` as Hours."""
    data = reader.mapping(value, path)
    days = _days(reader, data.get("days"), f"{path}.days")
    opens, closes = (_time(reader, data.get(k), f"{path}.{k}") for k in ("open", "close"))
    if closes <= opens:
        raise reader.fail(f"{path}.close", "must be later than open")
    return Hours(days, opens, closes)


def _days(reader: _Reader, value: Any, path: str) -> frozenset[int]:
    if not isinstance(value, str) or not value.strip():
        raise reader.fail(path, "must be days like mon-fri or mon,wed,fri")
    days: set[int] = set()
    for part in value.lower().replace(" ", "").split(","):
        first, _, last = part.partition("-")
        if first not in DAYS or (last and last not in DAYS):
            raise reader.fail(path, f"{part!r} is not a day or day range (mon..sun)")
        start, end = DAYS.index(first), DAYS.index(last or first)
        if end < start:
            raise reader.fail(path, f"{part!r} runs backwards")
        days.update(range(start, end + 1))
    return frozenset(days)


def _time(reader: _Reader, value: Any, path: str) -> time:
    match = _TIME.match(str(value)) if isinstance(value, str) else None
    if match is None:
        raise reader.fail(path, f"{value!r} is not HH:MM (24-hour)")
    return time(int(match[1]), int(match[2]))


def _number(reader: _Reader, value: Any, path: str, required: bool) -> Number | None:
    if value is None and not required:
        return None
    data = reader.mapping(value, path)
    verified = data.get("verified")
    if not isinstance(verified, bool):
        raise reader.fail(f"{path}.verified", "must be true or false")
    name = data.get("name")
    number = reader.text(data, "number", f"{path}.", 20)
    return Number(number, verified, str(name) if name else None)


def _emergency(reader: _Reader, value: Any) -> Emergency:
    data = reader.mapping(value, "emergency")
    get = {k: _number(reader, data.get(k), f"emergency.{k}", k in ("police", "ambulance"))
           for k in ("police", "ambulance", "fire", "helpline", "gbv")}  # fmt: skip
    police, ambulance = get["police"], get["ambulance"]
    assert police is not None and ambulance is not None
    return Emergency(police, ambulance, get["fire"], get["helpline"], get["gbv"])


def _office(reader: _Reader, value: Any) -> Office:
    data = reader.mapping(value, "office")
    return Office(
        name=reader.text(data, "name", "office.", LIMITS["name"]),
        address=reader.text(data, "address", "office.", LIMITS["address"]),
        phone=reader.text(data, "phone", "office.", LIMITS["phone"]),
        hours=parse_hours(reader, data.get("hours"), "office.hours"),
        example=reader.choices(data, "example", "office.", ("name", "address", "phone", "hours")),
    )


def _service(reader: _Reader, key: str, value: Any) -> Service:
    path = f"services.{key}."
    data = reader.mapping(value, path.rstrip("."))
    partner = None
    if data.get("partner") is not None:
        partner = reader.text(data, "partner", path, LIMITS["partner"])
    where = reader.text(data, "where", path, LIMITS["where"]) if data.get("where") else None
    kind = data.get("kind")
    if kind not in PARTNER_KINDS:
        raise reader.fail(f"{path}kind", f"{kind!r} is not one of {PARTNER_KINDS}")
    raw_hours = data.get("hours")
    hours = (
        None if raw_hours == "by_appointment" else parse_hours(reader, raw_hours, path + "hours")
    )
    bring = reader.choices(data, "bring", path, BRING_ITEMS)
    if key == "documents" and set(bring) & set(ISSUED_DOCUMENTS):
        circular = sorted(set(bring) & set(ISSUED_DOCUMENTS))[0]
        raise reader.fail(f"{path}bring", f"asks for {circular}, which this service helps to get")
    return Service(
        key=key, partner=partner, kind=str(kind), where=where, hours=hours, bring=bring,
        example=reader.choices(data, "example", path, ("partner", "where", "hours", "bring")),
        cost=_cost(reader, data, path), follow_up_days=_follow_up_days(reader, data, path),
    )  # fmt: skip


FOLLOW_UP_DAYS = (1, 180)  # the range a service's `follow_up_days` may take


def _follow_up_days(reader: _Reader, data: Mapping[str, Any], path: str) -> int:
    """Days from a referral to "did you get help?": 14 unless the content says otherwise."""
    value = data.get("follow_up_days", 14)
    low, high = FOLLOW_UP_DAYS
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise reader.fail(f"{path}follow_up_days", f"must be a whole number from {low} to {high}")
    return value


def _cost(reader: _Reader, data: Mapping[str, Any], path: str) -> str | None:
    """`free`, a short amount, or None when the content does not know it."""
    if data.get("cost") is None:
        return None
    return reader.text(data, "cost", path, LIMITS["cost"])


def _documents(reader: _Reader, value: Any) -> dict[str, Document | None]:
    """The per-document guidance; a document never asks for itself."""
    if value is None:
        return {}
    data = reader.mapping(value, "documents")
    unknown = [key for key in data if key not in DOCUMENTS]
    if unknown:
        raise reader.fail(f"documents.{unknown[0]}", f"unknown document; known: {tuple(DOCUMENTS)}")
    return {key: _document(reader, key, data[key]) for key in data}


def _document(reader: _Reader, key: str, value: Any) -> Document | None:
    if value is None:
        return None  # not issued in this country
    path = f"documents.{key}."
    data = reader.mapping(value, path.rstrip("."))
    bring = reader.choices(data, "bring", path, BRING_ITEMS)
    if DOCUMENTS[key] in bring:
        raise reader.fail(f"{path}bring", f"asks for {DOCUMENTS[key]}, the document itself")
    return Document(key, reader.text(data, "where", path, LIMITS["where"]),
                    _cost(reader, data, path), bring, data.get("verified") is True)  # fmt: skip


def parse_country(data: Any, source: str) -> Country:
    """Validate one parsed country file; ContentError names the file and key."""
    reader = _Reader(source)
    top = reader.mapping(data, "(top level)")
    code = reader.text(top, "country", "", 2)
    if not re.fullmatch(r"[A-Z]{2}", code):
        raise reader.fail("country", f"{code!r} is not an ISO alpha-2 code like JM")
    names = reader.mapping(top.get("names"), "names")
    for language in LANGUAGES:
        reader.text(names, language, "names.", LIMITS["country"])
    zone = reader.text(top, "time_zone", "")
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        raise reader.fail("time_zone", f"{zone!r} is not an IANA time zone") from None
    services = reader.mapping(top.get("services"), "services")
    missing = [key for key in SERVICES if key not in services]
    if missing:
        raise reader.fail("services", f"missing {', '.join(missing)}")
    extra = [key for key in services if key not in SERVICES]
    if extra:
        raise reader.fail(f"services.{extra[0]}", f"unknown service; known: {SERVICES}")
    return Country(
        code=code, names={k: str(names[k]).strip() for k in LANGUAGES}, time_zone=zone,
        calling_codes=reader.strings(top, "calling_codes", ""),
        languages=reader.choices(top, "languages", "", LANGUAGES) or ("en",),
        receiving_bodies=reader.strings(top, "receiving_bodies", ""),
        emergency=_emergency(reader, top.get("emergency")),
        office=_office(reader, top.get("office")),
        services={key: _service(reader, key, services[key]) for key in SERVICES},
        documents=_documents(reader, top.get("documents")),
    )  # fmt: skip

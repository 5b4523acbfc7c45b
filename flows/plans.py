"""The reintegration plan as pure rules: what a goal and a service delivered may hold, the
lists in content/plan.yml, and checks that turn typed-in text into values the database keeps
(bounded lengths and numbers, no NUL or control characters), naming the field at fault."""

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from flows.content import ContentError
from flows.vocabulary import Dimension, ServiceKind

GOAL_STATUSES = ("open", "achieved", "dropped")
GRANTS = (ServiceKind.GRANT_APPROVED, ServiceKind.GRANT_DISBURSED)
GOAL_MAX, NOTE_MAX = 500, 1000
LARGEST_VALUE = Decimal("9999999999.99")  # Numeric(12, 2)
BUSINESS_TYPES = ("food_and_drink_sales", "phone_cards", "internet_cafe", "hen_rearing",
                  "transport", "agricultural_processing", "other")  # fmt: skip
CURRENCIES = ("JMD", "HTG", "DOP", "GYD", "BSD", "TTD", "BBD", "XCD", "USD", "EUR", "CAD", "GBP")
MILESTONE_SERVICES = {
    "counselling": ServiceKind.COUNSELLING_SESSION,
    "vocational_training": ServiceKind.TRAINING_ENROLLED,
    "business_training": ServiceKind.TRAINING_ENROLLED,
    "drug_rehab": ServiceKind.REHAB_STARTED,
    "grant_disbursement": ServiceKind.GRANT_DISBURSED,
}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")  # and lone surrogates
_CODE = re.compile(r"^[A-Z]{3}$")
_KEY = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


class PlanError(ValueError):
    """A goal or service that cannot be kept: names the field and says why."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field


@dataclass(frozen=True)
class PlanBook:
    """content/plan.yml: business types, currencies, and the services milestones become."""

    business_types: tuple[str, ...] = BUSINESS_TYPES
    currencies: tuple[str, ...] = CURRENCIES
    milestone_services: dict[str, ServiceKind] = field(
        default_factory=lambda: dict(MILESTONE_SERVICES)
    )


def text(value: object, name: str, limit: int, required: bool = True) -> str | None:
    """Printable text of at most `limit` characters (None if empty and not required)."""
    if value is None or value == "":
        if required:
            raise PlanError(name, "is required")
        return None
    if not isinstance(value, str):
        raise PlanError(name, "must be text")
    cleaned = value.strip()
    if _CONTROL.search(cleaned):
        raise PlanError(name, "must not contain control characters")
    if len(cleaned) > limit:
        raise PlanError(name, f"at most {limit} characters")
    if required and not cleaned:
        raise PlanError(name, "is required")
    return cleaned or None


def choice(value: object, name: str, allowed: tuple[str, ...]) -> str:
    """One of `allowed`."""
    if not isinstance(value, str) or value not in allowed:
        raise PlanError(name, f"must be one of {', '.join(allowed)}")
    return value


def day(value: object, name: str, required: bool = True, latest: date | None = None) -> date | None:
    """A date (YYYY-MM-DD) between 2000 and 2100, and not after `latest`."""
    if value is None or value == "":
        if required:
            raise PlanError(name, "is required (YYYY-MM-DD)")
        return None
    try:
        if not isinstance(value, str) or len(value) != 10:
            raise ValueError(value)
        found = date.fromisoformat(value)
    except ValueError:
        raise PlanError(name, "must be a date, YYYY-MM-DD") from None
    if not 2000 <= found.year <= 2100:
        raise PlanError(name, "the year must be between 2000 and 2100")
    if latest is not None and found > latest:
        raise PlanError(name, "cannot be in the future")
    return found


def money(value: object, name: str = "goods_value") -> Decimal | None:
    """An amount of 0 to 9,999,999,999.99 with at most two decimals (None if empty)."""
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise PlanError(name, "must be a number")
    try:
        amount = Decimal(str(value).strip().replace(",", ""))
    except InvalidOperation:
        raise PlanError(name, "must be a number, like 85000 or 85000.50") from None
    if not amount.is_finite() or not Decimal(0) <= amount <= LARGEST_VALUE:
        raise PlanError(name, "must be between 0 and 9999999999.99")
    if amount != amount.quantize(Decimal("0.01")):
        raise PlanError(name, "at most two decimals")
    return amount.quantize(Decimal("0.01"))


@dataclass(frozen=True)
class Grant:
    """What a grant service adds: the business, the value of goods and its currency."""

    business_type: str | None
    goods_value: Decimal | None
    currency: str | None


def grant(book: PlanBook, kind: str, raw: dict[str, Any]) -> Grant:
    """The grant fields of a service: only for grants, a value always with its currency."""
    business, value = raw.get("business_type") or None, money(raw.get("goods_value"))
    currency = raw.get("currency") or None
    if kind not in GRANTS:
        if business or value is not None or currency:
            raise PlanError("business_type", "only a grant has a business type and a value")
        return Grant(None, None, None)
    if business is not None:
        business = choice(business, "business_type", book.business_types)
    if currency is not None:
        currency = choice(currency, "currency", book.currencies)
    if (value is None) != (currency is None):
        raise PlanError("currency", "give the value of goods and its currency together")
    return Grant(business, value, currency)


# content/plan.yml


def parse_plan_book(data: Any, source: str) -> PlanBook:
    """Validate the parsed plan file; ContentError names the file, the line and the key."""
    if not isinstance(data, dict):
        raise ContentError(source, "(top level)", "must be a mapping")
    where = f"line {data['__line__']}: " if isinstance(data.get("__line__"), int) else ""
    types = data.get("business_types")
    if (
        not isinstance(types, list)
        or not types
        or not all(isinstance(t, str) and _KEY.match(t) for t in types)
    ):
        raise ContentError(source, f"{where}business_types", "must be a list of short names")
    currencies = data.get("currencies")
    if not isinstance(currencies, list) or not all(
        isinstance(c, str) and _CODE.match(c) for c in currencies
    ):
        raise ContentError(source, f"{where}currencies", "must be ISO 4217 codes (JMD, USD)")
    mapping = data.get("milestone_services", {})
    if not isinstance(mapping, dict):
        raise ContentError(source, f"{where}milestone_services", "must be a mapping")
    services = {str(k): v for k, v in mapping.items() if k != "__line__"}
    wrong = [f"{k}: {v}" for k, v in services.items() if v not in set(ServiceKind)]
    if wrong:
        raise ContentError(source, f"{where}milestone_services", f"not a service kind: "
                           f"{', '.join(wrong)}; one of {', '.join(ServiceKind)}")  # fmt: skip
    return PlanBook(tuple(types), tuple(currencies),
                    {k: ServiceKind(v) for k, v in services.items()})  # fmt: skip


def dimension(value: object) -> Dimension:
    """A dimension of reintegration."""
    return Dimension(choice(value, "dimension", tuple(Dimension)))

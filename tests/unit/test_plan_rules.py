"""The plan's rules: what a goal and a service delivered may hold, each refusal naming its
field, so nothing the database would refuse (NUL, long text, huge numbers) ever reaches it."""

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from flows.plans import MILESTONE_SERVICES, PlanBook, PlanError, day, grant, money, text
from flows.vocabulary import ServiceKind

BOOK = PlanBook()
TODAY = date(2026, 12, 2)

REFUSED = [  # (id, call, field, words)
    ("empty goal", lambda: text("  ", "goal", 500), "goal", "required"),
    ("a NUL in a goal", lambda: text("find\x00work", "goal", 500), "goal", "control"),
    ("a goal too long", lambda: text("x" * 501, "goal", 500), "goal", "500"),
    ("a goal that is not text", lambda: text(["x"], "goal", 500), "goal", "text"),
    ("a date in words", lambda: day("next week", "due_on"), "due_on", "YYYY-MM-DD"),
    ("a date with a time", lambda: day("2026-12-02T10:00", "due_on"), "due_on", "YYYY-MM-DD"),
    ("a year out of range", lambda: day("1999-01-01", "due_on"), "due_on", "2000 and 2100"),
    ("a service in the future", lambda: day("2026-12-03", "delivered_on", latest=TODAY),
     "delivered_on", "future"),
    ("a value in words", lambda: money("lots"), "goods_value", "number"),
    ("a negative value", lambda: money("-5"), "goods_value", "between"),
    ("a value too large", lambda: money("1e12"), "goods_value", "between"),
    ("infinity", lambda: money("Infinity"), "goods_value", "between"),
    ("three decimals", lambda: money("10.005"), "goods_value", "two decimals"),
    ("a value as true", lambda: money(True), "goods_value", "number"),
    ("a business type off the list", lambda: grant(BOOK, "grant_approved",
     {"business_type": "casino"}), "business_type", "one of"),
    ("a currency off the list", lambda: grant(BOOK, "grant_approved",
     {"goods_value": "10", "currency": "XYZ"}), "currency", "one of"),
    ("a value without its currency", lambda: grant(BOOK, "grant_disbursed",
     {"goods_value": "10"}), "currency", "together"),
    ("a business for a counselling session", lambda: grant(BOOK, "counselling_session",
     {"business_type": "transport"}), "business_type", "only a grant"),
]  # fmt: skip


@pytest.mark.parametrize(("call", "field", "words"), [r[1:] for r in REFUSED],
                         ids=[r[0] for r in REFUSED])  # fmt: skip
def test_what_is_refused_names_its_field(call: Any, field: str, words: str) -> None:
    with pytest.raises(PlanError) as error:
        call()
    assert error.value.field == field and words in str(error.value)


def test_what_is_kept() -> None:
    assert text("  find work  ", "goal", 500) == "find work"
    assert text("", "note", 10, required=False) is None
    assert day("2026-12-02", "delivered_on", latest=TODAY) == TODAY
    assert money("85,000.5") == Decimal("85000.50") and money(None) is None
    assert money("9999999999.99") == Decimal("9999999999.99")
    found = grant(BOOK, "grant_disbursed", {"business_type": "hen_rearing",
                                             "goods_value": 85000, "currency": "JMD"})  # fmt: skip
    assert (found.business_type, found.goods_value, found.currency) == (
        "hen_rearing", Decimal("85000.00"), "JMD")  # fmt: skip


def test_every_milestone_service_is_a_service_kind() -> None:
    assert set(MILESTONE_SERVICES.values()) <= set(ServiceKind)
    assert MILESTONE_SERVICES["grant_disbursement"] == ServiceKind.GRANT_DISBURSED

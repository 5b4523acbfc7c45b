"""Registering a returnee with the statistics fields in a real browser: a bad value is
refused with a message and nothing is saved; the corrected form registers the returnee
with the age band derived from the date of birth."""

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from storage.models import Contact
from tests.browser.conftest import Shooter

pytestmark = pytest.mark.slow
SignIn = Callable[[Page, str], None]


def registered(engine: Engine, name: str) -> list[Contact]:
    """The returnees of that name in the database."""
    with Session(engine) as session:
        return list(session.scalars(select(Contact).where(Contact.name == name)))


def test_a_caseworker_registers_a_returnee_with_the_statistics_after_fixing_a_bad_birth_date(
    dashboard: str, page: Page, sign_in: SignIn, shot: Shooter, engine: Engine
) -> None:
    sign_in(page, "marcia@demo.invalid")
    page.get_by_role("link", name="Register").click()
    page.get_by_label("Name", exact=True).fill("Kemar Lewis")
    page.get_by_label("Date of return").fill("2026-11-20")
    page.get_by_label("Date of birth", exact=True).fill("2090-01-01")
    page.locator("select[name=sex]").select_option("male")
    page.locator("select[name=return_type]").select_option("forced")
    page.locator("select[name=deporting_country]").select_option("US")
    page.get_by_role("button", name="Register").click()
    expect(page.locator(".flash.error")).to_contain_text("in the future")
    expect(page.locator("select[name=deporting_country]")).to_have_value("US")  # the form is kept
    shot(page, "refused")
    assert registered(engine, "Kemar Lewis") == []

    page.get_by_label("Date of birth", exact=True).fill("1990-05-17")
    page.get_by_role("button", name="Register").click()
    expect(page.locator(".flash.ok")).to_contain_text("Registered. Registration code:")
    expect(page).to_have_url(re.compile(r"/dashboard/returnees/\d+$"))
    shot(page, "registered")
    [kemar] = registered(engine, "Kemar Lewis")
    assert (kemar.sex, kemar.return_type, kemar.deporting_country) == ("male", "forced", "US")
    assert str(kemar.birth_date) == "1990-05-17" and kemar.age_band == "35-44"

"""The monthly report page in a real browser: the pickers, the charts and the CSV download,
against gunicorn in live mode with the demo data (Jamaica: Andre Campbell and the case
waiting for its code, both registered today)."""

import csv
import re
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import Shooter

pytestmark = pytest.mark.slow
JAMAICA = ZoneInfo("America/Jamaica")
SignIn = Callable[[Page, str], None]


def months_now() -> tuple[str, str]:
    """This month and the one before, in Kingston."""
    today = datetime.now(JAMAICA).date()
    before = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
    return f"{today:%Y-%m}", f"{before[0]:04d}-{before[1]:02d}"


def figure(page: Page, name: str) -> str:
    """The value of a row of the report's summary table."""
    return page.locator(f'#report-summary tr:has(th:text-is("{name}")) td').inner_text()


def test_a_caseworker_opens_the_monthly_report_changes_the_month_and_downloads_it(
    dashboard: str, page: Page, sign_in: SignIn, shot: Shooter, tmp_path: Path
) -> None:
    this_month, last_month = months_now()
    sign_in(page, "marcia@demo.invalid")
    page.get_by_role("link", name="Reports").click()
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text(f"Monthly report · JM · {this_month}")
    assert figure(page, "Registered") == "2"
    funnel, trends = page.locator("svg.funnel"), page.locator("svg.trends")
    expect(funnel).to_be_visible()
    expect(funnel.locator("title").first).to_have_text("Registered: 2")
    expect(trends.locator("polyline")).to_have_count(4)
    expect(trends.locator("circle.registered title").last).to_have_text(
        f"Registered {this_month}: 2"
    )
    shot(page, "this-month")

    page.get_by_label("Month", exact=True).fill(last_month)
    page.get_by_role("button", name="Show").click()
    expect(heading).to_have_text(f"Monthly report · JM · {last_month}")
    expect(page).to_have_url(re.compile(rf"office=JM&month={last_month}$"))
    assert figure(page, "Registered") == "0"  # the demo returnees came today
    expect(funnel.locator("title").first).to_have_text("Registered: 0")
    expect(trends.locator("circle.registered title").last).to_have_text(
        f"Registered {last_month}: 0"
    )
    shot(page, "last-month")

    with page.expect_download() as started:
        page.get_by_role("link", name="Download CSV").click()
    download = started.value
    assert download.suggested_filename == f"monthly-report-JM-{last_month}.csv"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    rows = list(csv.reader(saved.open(encoding="utf-8")))
    assert rows[0] == ["section", "item", "measure", "value"]
    assert ["report", "month", "", last_month] in rows
    assert ["registered", "total", "", "0"] in rows
    assert ["trends", "registered", this_month, "0"] not in rows  # only up to the month asked
    assert len([row for row in rows if row[0] == "trends"]) == 9 * 12

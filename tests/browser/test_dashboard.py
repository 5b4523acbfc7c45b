"""The caseworker dashboard in a real browser, against gunicorn and the worker in live mode."""

import re
from collections.abc import Callable
from datetime import datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import requests
from playwright.sync_api import Page, expect

from tests.browser.conftest import PageMaker, Shooter
from tests.fakes.twilio_api import FakeTwilio
from tests.helpers import PUBLIC_BASE_URL, inbound_form, sign, wait_until

pytestmark = pytest.mark.slow
ANDRE = "+18765550101"  # the demo returnee in Jamaica
JAMAICA = ZoneInfo("America/Jamaica")
SignIn = Callable[[Page, str], None]
# The alerts page asks for the queue's version every 5 s and reloads when it changed.
POLL_TIMEOUT_MS = 30_000


def post_inbound(base: str, token: str, form: dict[str, str]) -> requests.Response:
    """A signed webhook as Twilio sends it, computed over the public URL."""
    signature = sign(token, f"{PUBLIC_BASE_URL}/twilio/messages", form)
    return requests.post(
        f"{base}/twilio/messages", data=form, headers={"X-Twilio-Signature": signature}, timeout=15
    )


def test_a_caseworker_sees_a_crisis_arrive_acknowledges_it_replies_and_plans_a_milestone(
    dashboard: str, page: Page, sign_in: SignIn, shot: Shooter, fake_twilio: FakeTwilio
) -> None:
    sign_in(page, "marcia@demo.invalid")
    expect(page.locator("#alerts")).to_contain_text("No open alerts")
    shot(page, "alerts-empty")

    # A crisis message comes in while the alerts page is open: the page reloads by itself.
    crisis = inbound_form("SM" + "c" * 32, "i want to kill myself", sender=ANDRE)
    assert post_inbound(dashboard, fake_twilio.auth_token, crisis).status_code == 200
    card = page.locator("article.alert.crisis")
    expect(card).to_be_visible(timeout=POLL_TIMEOUT_MS)
    expect(card).to_contain_text("Andre Campbell")
    expect(card.locator(".status")).to_have_text("open")
    expect(card.locator(".sla")).to_contain_text(re.compile(r"SLA: .* left"))
    expect(page.get_by_role("heading", name="Alerts")).to_contain_text("(1 open)")
    shot(page, "crisis-arrived")

    code = card.locator(".code").inner_text()
    card.get_by_role("button", name="Acknowledge").click()
    expect(page.locator(".flash.ok")).to_have_text(f"Alert {code} acknowledged.")
    expect(card.locator(".status")).to_have_text(
        re.compile(r"^acknowledged by Marcia Brown at \d{4}-\d\d-\d\d \d\d:\d\d EST$")
    )
    expect(card.get_by_role("button", name="Acknowledge")).to_have_count(0)
    shot(page, "acknowledged")

    card.get_by_role("link", name="Andre Campbell").click()
    expect(page.get_by_role("heading", name="Andre Campbell", exact=True)).to_be_visible()
    expect(page.locator("#thread")).to_contain_text("i want to kill myself")
    expect(page.locator("#alerts-of-returnee")).to_contain_text(
        re.compile(
            rf"crisis {code} · acknowledged by Marcia Brown at \d{{4}}-\d\d-\d\d \d\d:\d\d EST"
        )
    )
    shot(page, "returnee")

    # The segment counter follows the typing.
    reply = page.get_by_label("Reply")
    counter = page.locator("#segments")
    expect(counter).to_have_text("0 characters · 0 SMS parts (GSM-7)")
    reply.press_sequentially("Hello Andre")
    expect(counter).to_have_text("11 characters · 1 SMS part (GSM-7)")
    rest = ", it's Marcia from the returnee office. I will call you in 10 minutes."
    reply.press_sequentially(rest)
    body = "Hello Andre" + rest
    expect(counter).to_have_text(f"{len(body)} characters · 1 SMS part (GSM-7)")
    reply.press_sequentially(" Ç€")  # Ç is GSM-7, € takes two units of its extension table
    expect(counter).to_have_text(f"{len(body) + 3} characters · 1 SMS part (GSM-7)")
    reply.press_sequentially(" 🙂")
    expect(counter).to_have_text(f"{len(body) + 6} characters · 2 SMS parts (UCS-2)")
    shot(page, "reply-typed")
    reply.fill("")
    reply.press_sequentially(body)
    expect(counter).to_have_text(f"{len(body)} characters · 1 SMS part (GSM-7)")

    page.get_by_role("button", name="Send", exact=True).click()
    expect(page.locator(".flash.ok")).to_have_text("Message queued.")
    expect(page.locator("#thread li.out").filter(has_text=body)).to_have_count(1)
    shot(page, "reply-sent")

    # A milestone, in the returnee's local time; its reminders are listed at once.
    day = datetime.now(JAMAICA).date() + timedelta(days=6)
    at = datetime.combine(day, time(14, 0))
    form = page.locator("#new-milestone")
    form.get_by_label("Type").select_option("job_interview")
    form.get_by_label("Local date and time").fill(at.strftime("%Y-%m-%dT%H:%M"))
    form.get_by_label("Place").fill("Kingston Job Centre, 12 King St")
    form.get_by_role("button", name="Add milestone").click()
    expect(page.locator(".flash.ok")).to_have_text("Milestone recorded; its reminders are planned.")
    milestone = page.locator(".milestone").filter(has_text="Kingston Job Centre, 12 King St")
    expect(milestone).to_contain_text(f"job interview · {at:%Y-%m-%d %H:%M}")
    expect(milestone.locator(".reminders li")).to_have_text(
        [
            f"reminder {at - timedelta(days=1):%a %d %b} 09:00: planned",
            f"reminder {at:%a %d %b} 11:00: planned",
        ]
    )
    milestone.scroll_into_view_if_needed()
    shot(page, "milestone-added")

    # The worker sent the reply through the (fake) Twilio API.
    sent = wait_until(
        lambda: [m for m in fake_twilio.messages if m["to"] == ANDRE and m["body"] == body],
        timeout=30,
    )
    assert len(sent) == 1


def test_the_sign_in_page_fits_a_phone_screen(
    dashboard: str, new_page: PageMaker, shot: Shooter
) -> None:
    phone = new_page(
        viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True,
        has_touch=True,
    )  # fmt: skip
    phone.goto(f"{dashboard}/dashboard/login")
    expect(phone.get_by_role("heading", name="Caseworker sign-in")).to_be_visible()
    for field in (phone.get_by_label("Email"), phone.get_by_label("Password"),
                  phone.get_by_role("button", name="Sign in")):  # fmt: skip
        expect(field).to_be_in_viewport()
    scroll_width = phone.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 390, f"the page scrolls sideways ({scroll_width}px wide)"
    shot(phone, "phone-sign-in")


def test_a_wrong_password_is_refused_with_a_message(
    dashboard: str, page: Page, shot: Shooter
) -> None:
    page.goto(f"{dashboard}/dashboard/login")
    page.get_by_label("Email").fill("marcia@demo.invalid")
    page.get_by_label("Password").fill("not-the-password")
    with page.expect_response(f"{dashboard}/dashboard/login") as answer:
        page.get_by_role("button", name="Sign in").click()
    assert answer.value.status == 401
    expect(page.locator(".flash.error")).to_have_text("Wrong email or password.")
    expect(page.get_by_label("Email")).to_have_value("marcia@demo.invalid")
    expect(page.get_by_label("Password")).to_have_value("")
    expect(page.locator("nav")).to_have_count(0)
    shot(page, "wrong-password")


def test_a_caseworker_of_another_office_gets_404_for_a_returnee_outside_it(
    dashboard: str, page: Page, sign_in: SignIn, shot: Shooter, contact_id: Callable[[str], int]
) -> None:
    sign_in(page, "nadege@demo.invalid")
    shot(page, "haiti-alerts")
    answer = page.goto(f"{dashboard}/dashboard/returnees/{contact_id(ANDRE)}")
    assert answer is not None and answer.status == 404
    expect(page.locator("body")).to_contain_text("404")
    expect(page.locator("body")).not_to_contain_text("Andre")
    shot(page, "other-office-404")
    page.goto(f"{dashboard}/dashboard/returnees")
    expect(page.locator("table")).to_contain_text("Wilner Joseph")
    expect(page.locator("table")).not_to_contain_text("Andre Campbell")
    shot(page, "haiti-returnees")


def test_a_csv_registration_list_is_imported_with_progress_and_the_supervisor_reads_the_audit(
    dashboard: str, page: Page, sign_in: SignIn, shot: Shooter, tmp_path: Path,
    new_page: PageMaker,
) -> None:  # fmt: skip
    rows = ["name,country,phone,language,returned_on"]
    rows += [f"Returnee {i:03d},JM,+1876556{i:04d},en,2026-10-01" for i in range(450)]
    rows += ["Bad Country,HT,,en,", "Bad Date,JM,,en,2026-02-30"]
    listing = tmp_path / "registrations.csv"
    listing.write_text("\n".join(rows) + "\n", encoding="utf-8")
    sign_in(page, "marcia@demo.invalid")
    page.get_by_role("link", name="Register").click()
    expect(page.get_by_role("heading", name="Register a returnee")).to_be_visible()
    shot(page, "register")
    page.get_by_role("link", name="Import").click()
    page.set_input_files("input[type=file]", str(listing))
    page.get_by_role("button", name="Import").click()
    progress = page.locator("#progress-text")
    expect(progress).to_have_text("452 of 452 rows: 450 registered, 2 with errors", timeout=60_000)
    errors = page.locator("#outcomes tr.error")
    expect(errors).to_have_count(2)
    expect(errors.first).to_contain_text("not one of your offices")
    expect(errors.last).to_contain_text("is not a date")
    shot(page, "import-done")

    supervisor = new_page()
    sign_in(supervisor, "desmond@demo.invalid")
    supervisor.get_by_role("link", name="Audit log").click()
    expect(supervisor.locator("table")).to_contain_text("import")
    expect(supervisor.locator("table")).to_contain_text("Marcia Brown")
    shot(supervisor, "audit-log")


def test_during_a_handoff_the_open_page_shows_each_new_message_and_the_alert_is_closed_there(
    dashboard: str, page: Page, sign_in: SignIn, shot: Shooter, fake_twilio: FakeTwilio,
    contact_id: Callable[[str], int],
) -> None:  # fmt: skip
    crisis = inbound_form("SM" + "h" * 32, "they going to kill me tonight", sender=ANDRE)
    assert post_inbound(dashboard, fake_twilio.auth_token, crisis).status_code == 200
    sign_in(page, "marcia@demo.invalid")
    page.goto(f"{dashboard}/dashboard/returnees/{contact_id(ANDRE)}")
    alerts = page.locator("#alerts-of-returnee")
    alerts.get_by_role("button", name="Acknowledge").click()
    expect(alerts).to_contain_text("acknowledged by Marcia Brown")
    expect(page.locator("#profile")).to_contain_text("Marcia Brown has the conversation")

    # The returnee writes while the page is open: it reloads by itself and shows the message.
    hello = inbound_form("SM" + "i" * 32, "hello? are you still there?", sender=ANDRE)
    assert post_inbound(dashboard, fake_twilio.auth_token, hello).status_code == 200
    expect(page.locator("#thread li.in.returnee").filter(has_text="are you still there")
           ).to_have_count(1, timeout=POLL_TIMEOUT_MS)  # fmt: skip
    expect(alerts).to_contain_text("handoff message")
    shot(page, "handoff-message-arrived")

    page.get_by_label("Reply").fill("Andre, it's Marcia. I am calling you now.")
    page.get_by_role("button", name="Send", exact=True).click()
    expect(page.locator("#thread li.out.caseworker")).to_contain_text("I am calling you now")
    expect(page.locator("#thread li.out.bot").first).to_contain_text("We are worried about you")
    crisis_card = alerts.locator("div.alert.crisis")
    crisis_card.get_by_label("resolution note").fill("Called him; he is with his sister.")
    crisis_card.get_by_role("button", name="Resolve").click()
    expect(page.locator(".flash.ok")).to_contain_text("resolved")
    expect(page.locator("#profile")).to_contain_text("Bot: answering")
    shot(page, "handoff-resolved-on-the-returnee-page")

"""Casework on the dashboard in a real browser, against gunicorn and the worker in live mode:
a referral from the returnee page through its statuses, the sustainability survey sent by a
supervisor, and erasure started by a supervisor."""

import re
from collections.abc import Callable

import pytest
import requests
from playwright.sync_api import Page, expect

from tests.browser.conftest import Shooter
from tests.fakes.smtp import FakeSmtp
from tests.fakes.twilio_api import FakeTwilio
from tests.helpers import PUBLIC_BASE_URL, inbound_form, live_env, sign, wait_until

pytestmark = pytest.mark.slow
ANDRE = "+18765550101"  # the demo returnee in Jamaica
SignIn = Callable[[Page, str], None]
ContactId = Callable[[str], int]
DANGER_RED = "rgb(176, 0, 32)"  # dashboard/static/app.css, button.danger


@pytest.fixture
def e2e_env(
    database_url: str, fake_twilio: FakeTwilio, engine: object, smtp: FakeSmtp
) -> dict[str, str]:
    """Live mode against the fake Twilio API and a local SMTP server; messages may go out at
    any hour, so a survey is sent now whatever time the test runs."""
    return live_env(database_url, fake_twilio, SEND_RATE_PER_SECOND="200", LOG_LEVEL="WARNING",
                    QUIET_HOURS="00:00-23:59", SMTP_PORT=str(smtp.port))  # fmt: skip


def texts_to(fake: FakeTwilio, number: str) -> list[str]:
    """Every SMS the fake Twilio API accepted for `number`, in order."""
    return [m["body"] for m in fake.messages if m["to"] == number]


def text_from(base: str, fake: FakeTwilio, number: str, body: str, sid: str) -> None:
    """The returnee texts `body`: a signed webhook, as Twilio posts it."""
    form = inbound_form("SM" + sid * 32, body, sender=number)
    signature = sign(fake.auth_token, f"{PUBLIC_BASE_URL}/twilio/messages", form)
    answer = requests.post(f"{base}/twilio/messages", data=form, timeout=15,
                           headers={"X-Twilio-Signature": signature})  # fmt: skip
    assert answer.status_code == 200, answer.text


def update_referral(page: Page, status: str, shown: str) -> None:
    """Pick the next status of the (only) referral and save it."""
    card = page.locator("#referrals .referral")
    card.get_by_label("new status").select_option(status)
    card.get_by_role("button", name="Update").click()
    expect(page.locator(".flash.ok")).to_have_text("Referral updated.")
    expect(page.locator("#referrals .referral .status")).to_have_text(shown)


def test_a_caseworker_refers_a_returnee_who_agrees_to_share_and_follows_it_to_completed(
    dashboard: str, new_page: Callable[..., Page], sign_in: SignIn, shot: Shooter,
    fake_twilio: FakeTwilio, smtp: FakeSmtp, contact_id: ContactId,
) -> None:  # fmt: skip
    # The supervisor completes the demo partner's details: a phone and an email.
    supervisor = new_page()
    sign_in(supervisor, "desmond@demo.invalid")
    supervisor.get_by_role("link", name="Partners").click()
    supervisor.locator("#partners").get_by_role("link", name="NODM").click()
    supervisor.get_by_label("Phone").fill("876-555-0199")
    supervisor.get_by_label("Email").fill("intake@nodm.example.org")
    supervisor.get_by_role("button", name="Save").click()
    expect(supervisor.locator(".flash.ok")).to_have_text("Partner saved.")
    expect(supervisor.locator("#partner")).to_contain_text("+1 876-555-0199")
    shot(supervisor, "partner-saved")

    page = new_page()
    sign_in(page, "marcia@demo.invalid")
    page.goto(f"{dashboard}/dashboard/returnees/{contact_id(ANDRE)}")
    expect(page.locator("#erasure")).to_have_count(0)  # a caseworker cannot erase
    expect(page.locator("#referrals")).to_contain_text("No referrals yet.")
    form = page.locator("#new-referral")
    form.locator("select[name=partner_id]").select_option(label="NODM (counselling, job_placement)")
    form.locator("select[name=service]").select_option("counselling")
    form.get_by_label("Note for the partner").fill("Lost his ID on return; ask for Ms Grant.")
    form.scroll_into_view_if_needed()
    shot(page, "referral-form")
    form.get_by_role("button", name="Refer").click()
    expect(page.locator(".flash.ok")).to_have_text("Referral made; the returnee gets an SMS.")
    card = page.locator("#referrals .referral")
    expect(card).to_have_count(1)
    expect(card.locator(".status")).to_have_text("made")
    expect(card).to_contain_text("NODM · counselling")
    expect(card).to_contain_text("share: asked")
    expect(card).to_contain_text("Lost his ID on return; ask for Ms Grant.")
    card.scroll_into_view_if_needed()
    shot(page, "referral-made")

    # The returnee reads where to go and is asked whether NODM may know who they are.
    told = wait_until(lambda: texts_to(fake_twilio, ANDRE)[1:], timeout=30)
    assert texts_to(fake_twilio, ANDRE)[0] == (
        "Counselling: we referred you to NODM. Call +1 876-555-0199 or go to 5 Example Lane, "
        "Kingston. Reply MENU for more."
    )
    assert told[0] == ("May we tell NODM your name and number so they can contact you? "
                       "Reply 1 YES or 2 NO.")  # fmt: skip
    # The page's conversation lists the two messages in the order they were sent.
    page.reload()
    expect(page.locator("#thread li.out.bot .body")).to_have_text(
        [re.compile(r"^Counselling: we referred you to NODM"), re.compile(r"^May we tell NODM")]
    )
    text_from(dashboard, fake_twilio, ANDRE, "1", "a")
    page.reload()
    expect(card).to_contain_text("share: given")
    email = wait_until(lambda: smtp.messages, timeout=30)[0]
    assert email["To"] == "intake@nodm.example.org"
    body = email.get_payload(decode=True).decode()
    for fact in ("Name: Andre Campbell", f"Number: {ANDRE}", "Service: counselling"):
        assert fact in body

    update_referral(page, "contacted", "contacted")
    update_referral(page, "in_progress", "in progress")
    stale = page.context.new_page()  # a second tab, opened while the referral is in progress
    stale.goto(page.url)
    update_referral(page, "completed", "completed")
    expect(card.get_by_role("button", name="Update")).to_have_count(0)  # closed: no moves
    shot(page, "referral-completed")

    # The older tab still offers the moves of a referral in progress: the server refuses.
    stale_card = stale.locator("#referrals .referral")
    stale_card.get_by_label("new status").select_option("declined")
    stale_card.get_by_role("button", name="Update").click()
    expect(stale.locator(".flash.error")).to_have_text(
        "A referral that is completed cannot become declined: it is closed."
    )
    expect(stale_card.locator(".status")).to_have_text("completed")
    shot(stale, "wrong-transition-refused")


def test_a_supervisor_sends_the_sustainability_survey_and_the_first_question_goes_out(
    dashboard: str, page: Page, sign_in: SignIn, shot: Shooter, fake_twilio: FakeTwilio,
    contact_id: ContactId,
) -> None:  # fmt: skip
    sign_in(page, "desmond@demo.invalid")
    page.goto(f"{dashboard}/dashboard/returnees/{contact_id(ANDRE)}")
    section = page.locator("#sustainability")
    expect(section).to_contain_text("No surveys yet.")
    section.get_by_role("button", name="Send the survey now").click()
    expect(page.locator(".flash.ok")).to_have_text("Survey sent.")
    expect(section.locator("tr.survey")).to_have_count(1)
    expect(section.locator("tr.survey")).to_contain_text("asked by a caseworker")
    expect(section.locator("tr.survey")).to_contain_text("being answered (0)")
    expect(section.get_by_role("button", name="Send the survey now")).to_be_disabled()
    section.scroll_into_view_if_needed()
    shot(page, "survey-sent")

    first = wait_until(lambda: texts_to(fake_twilio, ANDRE), timeout=30)
    assert first == [
        "Returnee Assistant survey: a few quick questions on how life is going. Answer each "
        "with one number. STOP to stop messages. How happy are you with your money situation? "
        "1 Happy 2 So-so 3 Not happy"
    ]
    text_from(dashboard, fake_twilio, ANDRE, "2", "b")
    page.reload()
    expect(section.locator("tr.survey")).to_contain_text("being answered (1)")
    second = wait_until(lambda: texts_to(fake_twilio, ANDRE)[1:], timeout=30)
    assert second == ["In the last month, did you eat less because money was short? "
                      "1 Never 2 Sometimes 3 Often"]  # fmt: skip


def test_a_supervisor_erases_a_returnee_who_confirms_and_another_in_person(
    dashboard: str, page: Page, sign_in: SignIn, shot: Shooter, fake_twilio: FakeTwilio,
    contact_id: ContactId,
) -> None:  # fmt: skip
    andre = contact_id(ANDRE)
    sign_in(page, "desmond@demo.invalid")
    page.goto(f"{dashboard}/dashboard/returnees/{andre}")
    box = page.locator("#erasure")
    box.get_by_text("Erase this returnee's data").click()
    now = box.get_by_role("button", name=re.compile(r"^Erase now"))
    expect(now).to_be_visible()
    expect(now).to_have_css("background-color", DANGER_RED)
    expect(now).to_have_css("color", "rgb(255, 255, 255)")
    shot(page, "erasure-box")

    box.get_by_role("button", name="Ask the returnee to confirm by SMS").click()
    expect(page.locator(".flash.ok")).to_have_text(
        "The returnee was asked to confirm erasure (reply 1)."
    )
    asked = wait_until(lambda: texts_to(fake_twilio, ANDRE), timeout=30)
    assert asked == ["Reply 1 to delete everything we hold about you (name, number, messages), "
                     "2 to keep it. After deleting you get no more messages."]  # fmt: skip
    text_from(dashboard, fake_twilio, ANDRE, "1", "c")
    done = wait_until(lambda: texts_to(fake_twilio, ANDRE)[1:], timeout=30)
    assert done[0].startswith("Done: your name, number and messages are deleted")
    answer = page.goto(f"{dashboard}/dashboard/returnees/{andre}")
    assert answer is not None and answer.status == 404
    expect(page.locator("body")).not_to_contain_text("Andre")
    shot(page, "erased-returnee-404")

    # A registered case confirmed in person: erased at once with the danger button.
    page.goto(f"{dashboard}/dashboard/returnees")
    expect(page.locator("table")).not_to_contain_text("Andre Campbell")
    page.locator("table").get_by_role("link", name="Tashana Reid").click()
    tashana = page.url
    page.locator("#erasure").get_by_text("Erase this returnee's data").click()
    page.locator("#erasure input[name=confirm]").check()
    page.get_by_role("button", name=re.compile(r"^Erase now")).click()
    expect(page.locator(".flash.ok")).to_have_text("The returnee's data was erased.")
    expect(page).to_have_url(f"{dashboard}/dashboard/returnees")
    expect(page.locator("table")).not_to_contain_text("Tashana Reid")
    shot(page, "returnees-after-erasure")
    answer = page.goto(tashana)
    assert answer is not None and answer.status == 404

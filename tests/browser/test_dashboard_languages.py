"""The dashboard in French and Spanish in a real browser: a Haitian caseworker works the queue in
French, switches to Spanish from the navigation, and the script's texts (SLA countdown, SMS
counter) follow; a Spanish browser gets the sign-in page in Spanish."""

import re

import pytest
import requests
from playwright.sync_api import Page, expect
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from storage.casework import Caseworker
from storage.staff import AuditEntry
from tests.browser.conftest import Shooter
from tests.fakes.twilio_api import FakeTwilio
from tests.helpers import PUBLIC_BASE_URL, inbound_form, sign
from tests.integration.test_dashboard_languages import catalogs  # noqa: F401  (a fixture)

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("catalogs")]
WILNER = "+50937000101"  # the demo returnee in Haiti
POLL_TIMEOUT_MS = 30_000  # the alerts page checks every 5 s
NBSP = "\u00a0"  # French puts a no-break space before a colon


def post_inbound(base: str, token: str, form: dict[str, str]) -> requests.Response:
    """A signed webhook as Twilio sends it, computed over the public URL."""
    signature = sign(token, f"{PUBLIC_BASE_URL}/twilio/messages", form)
    return requests.post(
        f"{base}/twilio/messages", data=form, headers={"X-Twilio-Signature": signature}, timeout=15
    )


def sign_in(page: Page, base: str, email: str, labels: tuple[str, str, str]) -> None:
    """Sign in with the demo password, the form's labels in the browser's language."""
    email_label, password_label, button = labels
    page.goto(f"{base}/dashboard/login")
    page.get_by_label(email_label).fill(email)
    page.get_by_label(password_label).fill("returnee-demo")
    page.get_by_role("button", name=button).click()
    expect(page).to_have_url(f"{base}/dashboard/")


def test_a_haitian_caseworker_works_the_queue_in_french_then_switches_to_spanish(
    dashboard: str, page: Page, shot: Shooter, fake_twilio: FakeTwilio, engine: Engine
) -> None:
    sign_in(page, dashboard, "nadege@demo.invalid", ("Email", "Password", "Sign in"))  # en-US
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("heading", name="Alertes")).to_contain_text("(0 ouverte)")
    expect(page.locator("#alerts")).to_have_text("Aucune alerte ouverte dans vos bureaux.")
    expect(page.locator("nav")).to_contain_text("Nadege Pierre · travailleur social · HT")

    # A crisis message from Haiti while the page is open: it reloads by itself, in French.
    crisis = inbound_form("SM" + "f" * 32, "mwen vle touye tèt mwen", sender=WILNER)
    assert post_inbound(dashboard, fake_twilio.auth_token, crisis).status_code == 200
    card = page.locator("article.alert.crisis")
    expect(card).to_be_visible(timeout=POLL_TIMEOUT_MS)
    expect(card.locator(".kind")).to_have_text("crise")
    expect(card.locator(".status")).to_have_text("ouverte")
    expect(card.locator(".reason")).to_have_text("message de crise")
    expect(card.locator(".sla")).to_have_text(re.compile(rf"^SLA{NBSP}: il reste \d+ min \d+ s$"))
    expect(card.get_by_role("button", name="Prendre en charge")).to_be_visible()
    expect(page.get_by_role("heading", name="Alertes")).to_contain_text("(1 ouverte)")
    shot(page, "queue-in-french")

    # She switches to Spanish in the navigation: saved on her account, the same page comes back.
    page.get_by_label("Ma langue").select_option("es")
    page.get_by_role("button", name="Changer").click()
    expect(page.locator(".flash.ok")).to_have_text("Idioma cambiado a Español.")
    expect(page).to_have_url(f"{dashboard}/dashboard/")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.get_by_role("heading", name="Alertas")).to_contain_text("(1 abierta)")
    expect(card.locator(".kind")).to_have_text("crisis")
    expect(card.locator(".status")).to_have_text("abierta")
    expect(card.locator(".sla")).to_have_text(re.compile(r"^SLA: quedan \d+ min \d+ s$"))
    expect(page.get_by_label("Mi idioma")).to_have_value("es")
    shot(page, "queue-in-spanish")

    code = card.locator(".code").inner_text()
    card.get_by_role("button", name="Atender").click()
    expect(page.locator(".flash.ok")).to_have_text(f"Alerta {code} atendida.")
    expect(card.locator(".status")).to_have_text(
        re.compile(r"^atendida por Nadege Pierre el \d\d/\d\d/\d{4} \d\d:\d\d E[SD]T$")
    )
    shot(page, "acknowledged-in-spanish")

    # The returnee's page, and the reply box's counter, in Spanish.
    card.get_by_role("link", name="Wilner Joseph").click()
    expect(page.get_by_role("heading", name="Wilner Joseph", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="Conversación")).to_be_visible()
    expect(page.locator("#profile")).to_contain_text("idioma criollo haitiano")
    counter = page.locator("#segments")
    expect(counter).to_have_text("0 caracteres · 0 segmentos SMS (GSM-7)")
    page.get_by_label("Respuesta").press_sequentially("Hola")
    expect(counter).to_have_text("4 caracteres · 1 segmento SMS (GSM-7)")
    shot(page, "returnee-in-spanish")

    with Session(engine) as session:
        person = session.scalars(select(Caseworker).where(
            Caseworker.email == "nadege@demo.invalid")).one()  # fmt: skip
        changed = session.scalars(select(AuditEntry).where(
            AuditEntry.action == "change_language")).all()  # fmt: skip
        assert person.language == "es"
        assert [(e.caseworker_id, e.detail) for e in changed] == [(person.id, "fr -> es")]


def test_a_spanish_browser_gets_the_sign_in_page_in_spanish(
    dashboard: str, page: Page, shot: Shooter
) -> None:
    # The browser's locale is en-US: every request of the page says Spanish instead (the
    # context's own route, which keeps the browser on 127.0.0.1, still decides).
    page.route("**/*", lambda route: route.fallback(
        headers={**route.request.headers, "accept-language": "es-DO,es;q=0.9"}))  # fmt: skip
    page.goto(f"{dashboard}/dashboard/login")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.get_by_role("heading", name="Acceso para trabajadores sociales")).to_be_visible()
    page.get_by_label("Correo electrónico").fill("rosa@demo.invalid")
    page.get_by_label("Contraseña").fill("not-the-password")
    page.get_by_role("button", name="Iniciar sesión").click()
    expect(page.locator(".flash.error")).to_have_text(
        "Correo electrónico o contraseña incorrectos."
    )
    shot(page, "wrong-password-in-spanish")
    sign_in(page, dashboard, "rosa@demo.invalid",
            ("Correo electrónico", "Contraseña", "Iniciar sesión"))  # fmt: skip
    expect(page.get_by_role("heading", name="Alertas")).to_be_visible()
    expect(page.locator("nav")).to_contain_text("Rosa Almonte · trabajador social · DO")
    shot(page, "rosa-alerts")

"""Browser tests: Debian's Chromium (`make browser`) driven by Playwright against the real
processes (gunicorn through `returnee web`, `returnee worker`) in live mode, on the fake
Twilio API and the test database, with the demo caseworkers and returnees loaded.

Every test gets a fresh Chromium profile; the browser may only reach 127.0.0.1. Screenshots
go to test-artifacts/screenshots/<test>-<step>.png (and <test>-failed-*.png on failure).
"""

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import BrowserContext, Page, Playwright, Route, expect, sync_playwright
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from storage import repositories as repo
from tests.fakes.twilio_api import FakeTwilio
from tests.helpers import (
    REPO,
    Starter,
    free_port,
    http_ok,
    live_env,
    wait_until,
)

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Names never resolve: only IP literals (the app is on 127.0.0.1) can be reached.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
SCREENSHOTS = REPO / "test-artifacts" / "screenshots"
DESKTOP = {"width": 1280, "height": 900}
TIMEOUT_MS = 15_000
ALLOWED_HOST = "127.0.0.1"


PageMaker = Callable[..., Page]
Shooter = Callable[[Page, str], Path]


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    """Keep each phase's report on the test, so teardown knows whether the test failed."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


# The processes: demo data, gunicorn and the worker


@pytest.fixture
def e2e_env(database_url: str, fake_twilio: FakeTwilio, engine: Engine) -> dict[str, str]:
    """Live mode against the fake Twilio API, sending without delay."""
    return live_env(database_url, fake_twilio, SEND_RATE_PER_SECOND="200", LOG_LEVEL="WARNING")


@pytest.fixture
def dashboard(processes: Starter, e2e_env: dict[str, str]) -> str:
    """The demo data loaded, then gunicorn and the worker running; the app's base URL."""
    demo = processes(["returnee", "demo"], e2e_env)
    assert demo.wait(120) == 0, "`returnee demo` failed (its log is printed below)"
    port = free_port()
    processes(["returnee", "web", "--bind", f"{ALLOWED_HOST}:{port}", "--workers", "2"], e2e_env)
    processes(["returnee", "worker"], e2e_env)
    base = f"http://{ALLOWED_HOST}:{port}"
    wait_until(lambda: http_ok(f"{base}/healthz"), timeout=60)
    return base


@pytest.fixture
def contact_id(engine: Engine) -> Callable[[str], int]:
    """The id of the returnee with this number (from the demo data)."""

    def find(e164: str) -> int:
        with Session(engine) as session:
            number = repo.find_number(session, e164)
            assert number is not None, f"no returnee with the number {e164}"
            return int(number.contact_id)

    return find


# The browser


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    """The Playwright driver (Chromium is Debian's, not a downloaded one)."""
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} is missing: run `make browser` (make test does)")
    expect.set_options(timeout=TIMEOUT_MS)
    with sync_playwright() as driver:
        yield driver


@pytest.fixture
def shot(request: pytest.FixtureRequest) -> Shooter:
    """`shot(page, step)` saves test-artifacts/screenshots/<test>-<nn>-<step>.png."""
    test = re.sub(r"[^\w-]+", "-", request.node.name).strip("-")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for stale in SCREENSHOTS.glob(f"{test}-*.png"):
        stale.unlink()
    taken: list[Path] = []

    def take(page: Page, step: str) -> Path:
        name = re.sub(r"[^\w-]+", "-", step).strip("-")
        path = SCREENSHOTS / f"{test}-{len(taken) + 1:02d}-{name}.png"
        page.screenshot(path=path, full_page=True)
        taken.append(path)
        return path

    return take


@pytest.fixture
def new_page(
    playwright: Playwright, tmp_path: Path, request: pytest.FixtureRequest, shot: Shooter
) -> Iterator[PageMaker]:
    """`new_page(**context options)`: a page in a fresh Chromium with its own profile."""
    contexts: list[BrowserContext] = []
    pages: list[Page] = []
    blocked: list[str] = []

    def only_local(route: Route) -> None:
        if urlsplit(route.request.url).hostname == ALLOWED_HOST:
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort("blockedbyclient")

    def make(**options: Any) -> Page:
        context = playwright.chromium.launch_persistent_context(
            tmp_path / f"chromium-profile-{len(contexts)}",
            executable_path=str(CHROMIUM),
            headless=True,
            args=CHROMIUM_ARGS,
            viewport=options.pop("viewport", DESKTOP),
            locale="en-US",
            timezone_id="America/Jamaica",
            **options,
        )
        contexts.append(context)
        context.set_default_timeout(TIMEOUT_MS)
        context.route("**/*", only_local)
        page = context.pages[0] if context.pages else context.new_page()
        pages.append(page)
        return page

    yield make
    call = getattr(request.node, "report_call", None)
    try:
        if call is not None and call.failed:
            for page in pages:
                if not page.is_closed():
                    shot(page, "failed")
    finally:
        for context in contexts:
            context.close()
    assert not blocked, f"the browser tried to leave {ALLOWED_HOST}: {blocked}"


@pytest.fixture
def page(new_page: PageMaker) -> Page:
    """A desktop-sized page in a fresh browser."""
    return new_page()


@pytest.fixture
def sign_in(dashboard: str, shot: Shooter) -> Callable[[Page, str], None]:
    """`sign_in(page, email)`: sign in with the demo password, landing on the alerts page."""

    def go(page: Page, email: str) -> None:
        page.goto(f"{dashboard}/dashboard/login")
        page.get_by_label("Email").fill(email)
        page.get_by_label("Password").fill("returnee-demo")
        shot(page, "sign-in")
        page.get_by_role("button", name="Sign in").click()
        expect(page).to_have_url(f"{dashboard}/dashboard/")
        # The page speaks the caseworker's language (Haiti's demo caseworker reads French).
        heading = re.compile(r"^(?:Alerts|Alertas|Alertes)\b")
        expect(page.get_by_role("heading", name=heading)).to_be_visible()

    return go

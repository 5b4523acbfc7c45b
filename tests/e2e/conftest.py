"""Real processes: gunicorn through `returnee web`, `returnee worker`, honcho."""

import time
from collections.abc import Iterator

import pytest

from nlu.client import RasaClient
from tests.fakes.twilio_api import FakeTwilio
from tests.helpers import (
    REPO,
    Starter,
    free_port,
    http_ok,
    live_env,
    start_process,
    stop_process,
    wait_until,
)


@pytest.fixture
def e2e_env(database_url: str, fake_twilio: FakeTwilio, engine: object) -> dict[str, str]:
    """Live mode against the fake Twilio API, short leases and backoff for the fault tests."""
    return live_env(
        database_url,
        fake_twilio,
        OUTBOX_LEASE_SECONDS="3",
        OUTBOX_RETRY_BASE_SECONDS="0.05",
        SEND_RATE_PER_SECOND="200",
        LOG_LEVEL="WARNING",
    )


@pytest.fixture
def web(processes: Starter, e2e_env: dict[str, str]) -> str:
    """gunicorn serving the app, started the way the Procfile does; its base URL."""
    port = free_port()
    processes(["returnee", "web", "--bind", f"127.0.0.1:{port}", "--workers", "2"], e2e_env)
    base = f"http://127.0.0.1:{port}"
    wait_until(lambda: http_ok(f"{base}/healthz"), timeout=60)
    return base


MODELS = REPO / "nlu/models"
TOKEN = "test-nlu-token"


@pytest.fixture(scope="session")
def rasa(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RasaClient]:
    """The Procfile's nlu process on a free port, with the model `make nlu-train` built."""
    models = sorted(MODELS.glob("nlu-*.tar.gz"))
    if not models:
        pytest.fail("no trained model in nlu/models: run `make nlu-train` (make test does)")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {"RASA_URL": url, "RASA_AUTH_TOKEN": TOKEN, "RASA_TELEMETRY_ENABLED": "false"}
    log = tmp_path_factory.mktemp("rasa") / "rasa.log"
    process = start_process(["returnee", "nlu-serve", "--models", str(models[-1])], env, log)
    client = RasaClient(url, TOKEN, read_timeout=5.0)
    try:
        deadline = time.monotonic() + 240
        while not client.ready():
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail("the Rasa server did not start:\n" + log.read_text()[-3000:])
            time.sleep(1)
        yield client
    finally:
        stop_process(process, timeout=20)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """The persona conversations' pass rate, for the README (from each test's report, so it
    also counts the tests that ran in pytest-xdist workers)."""
    results = [
        value
        for outcome in ("passed", "failed")
        for report in terminalreporter.stats.get(outcome, [])
        if getattr(report, "when", "") == "call"
        for name, value in getattr(report, "user_properties", [])
        if name == "persona_turns"
    ]
    if results:
        passed, total = sum(r[0] for r in results), sum(r[1] for r in results)
        whole = sum(r[0] == r[1] for r in results)
        terminalreporter.write_line(
            f"persona conversations: {whole} of {len(results)} passed whole; returnee turns "
            f"{passed} of {total} ({passed / total:.1%})"
        )

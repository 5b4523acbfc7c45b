"""Shared fixtures: the network guard, a real database, the fake Twilio API, signed requests."""

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import network_guard
import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url

from bot.bootstrap import Services, bootstrap
from bot.config import Settings, load_settings
from storage import migrate
from storage.db import make_engine, normalise_url
from storage.models import Base
from tests.fakes.smtp import FakeSmtp
from tests.fakes.twilio_api import FakeTwilio
from tests.helpers import PUBLIC_BASE_URL, Starter, live_env, start_process, stop_process
from webhooks import create_app

# Any attempt to reach a host other than this machine fails the test loudly.
network_guard.install()


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the xdist_group marks
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The tests that use the real Rasa server run in one pytest-xdist worker (one server,
    started once, not one per worker). TEST_DATABASE_ONLY=1 (the PostgreSQL leg): only the
    tests that use the database run again; the pure ones (flows, lexicon, NLU server) gave
    their answer in the SQLite leg."""
    for item in items:
        if "rasa" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.xdist_group("rasa"))
    if os.environ.get("TEST_DATABASE_ONLY") != "1":
        return
    uses = [item for item in items if "database_url" in getattr(item, "fixturenames", ())]
    config.hook.pytest_deselected(items=[item for item in items if item not in uses])
    items[:] = uses


def _worker_database(url: str, worker: str) -> str:
    """Each pytest-xdist worker gets its own PostgreSQL database beside TEST_DATABASE_URL's
    (test -> test_gw0, test_gw1), created when missing; without workers, the URL itself."""
    if worker == "master" or not normalise_url(url).startswith("postgresql"):
        return url
    base = make_url(normalise_url(url))
    name = f"{base.database}_{worker}"
    engine = make_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        exists = connection.scalar(
            text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}
        )
        if not exists:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return base.set(database=name).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Iterator[str]:
    """TEST_DATABASE_URL (PostgreSQL in CI; one database per xdist worker) or a fresh SQLite
    file; migrated to head."""
    given = os.environ.get("TEST_DATABASE_URL")
    url = (
        _worker_database(given, worker_id)
        if given
        else f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"
    )
    engine = make_engine(url)
    with engine.begin() as connection:  # start from nothing, even after a crashed run
        if connection.dialect.name == "postgresql":
            connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    engine.dispose()
    migrate.upgrade(url)
    yield normalise_url(url)


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """An engine on the test database; every table is emptied after each test."""
    engine = make_engine(database_url)
    yield engine
    with engine.begin() as connection:
        for table in reversed(Base.metadata.sorted_tables):
            connection.execute(table.delete())
    engine.dispose()


@pytest.fixture(scope="session")
def fake_twilio_server() -> Iterator[FakeTwilio]:
    """One fake Twilio API on 127.0.0.1 for the whole run."""
    with FakeTwilio() as fake:
        yield fake


@pytest.fixture
def fake_twilio(fake_twilio_server: FakeTwilio) -> FakeTwilio:
    """The fake Twilio API, emptied and unscripted for this test."""
    fake_twilio_server.reset()
    return fake_twilio_server


@pytest.fixture
def settings(database_url: str, fake_twilio: FakeTwilio, tmp_path: Path) -> Settings:
    """Live-mode settings: real twilio SDK, pointed at the fake API."""
    return load_settings(live_env(database_url, fake_twilio), instance_path=tmp_path)


@pytest.fixture
def services(settings: Settings, engine: Engine) -> Iterator[Services]:
    """The services of one process, on the test database."""
    built = bootstrap(settings)
    yield built
    built.engine.dispose()


@pytest.fixture
def app(services: Services) -> Flask:
    """The web app in live (Twilio) mode."""
    return create_app(services, {"TESTING": True})


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """A test client for the web app."""
    return app.test_client()


@pytest.fixture
def public_base_url() -> str:
    """The URL Twilio is configured to call (signatures are computed over it)."""
    return PUBLIC_BASE_URL


@pytest.fixture
def smtp() -> Iterator[FakeSmtp]:
    """A local SMTP server that keeps every email (alert emails to caseworkers)."""
    with FakeSmtp().running() as server:
        yield server


@pytest.fixture
def processes(tmp_path: Path) -> Iterator[Starter]:
    """Start project processes; all are stopped after, their logs printed (shown on failure)."""
    started: list[tuple[subprocess.Popen[bytes], Path]] = []

    def start(args: list[str], env: dict[str, str]) -> subprocess.Popen[bytes]:
        log = tmp_path / f"process-{len(started)}-{args[1]}.log"
        process = start_process(args, env, log)
        started.append((process, log))
        return process

    yield start
    for process, log in started:
        stop_process(process)
        print(f"--- {log.name} ---\n" + log.read_text(errors="replace")[-4000:])

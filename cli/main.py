"""`returnee`: operator commands for the database, the processes and demo data."""

import os
import shutil
import signal
import sys
import threading
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlparse

import click

from bot.bootstrap import Services, bootstrap
from bot.clock import utcnow
from bot.config import ConfigError, Settings, load_settings
from bot.demo import load_demo
from bot.logs import configure_logging, get_logger
from bot.schedule.planning import plan_checkins
from scheduler.clock import Clock
from storage import migrate

log = get_logger("cli")


def _settings() -> Settings:
    """Settings, or one clear line and exit status 2."""
    try:
        return load_settings()
    except ConfigError as error:
        click.echo(str(error), err=True)
        sys.exit(2)


def _services() -> Services:
    configure_logging(os.environ.get("LOG_LEVEL", "INFO"))
    try:
        return bootstrap(_settings())
    except ConfigError as error:  # a bad content file, named with its key
        click.echo(str(error), err=True)
        sys.exit(2)


def _stop_on_signals() -> threading.Event:
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    return stop


@click.group()
def cli() -> None:
    """Operate the returnee assistant."""


@cli.command("check-config")
def check_config() -> None:
    """Validate the environment and say which channel is in use."""
    services = _services()
    channel = "demo channel (phone simulator)" if services.settings.demo_channel else "Twilio"
    countries = len(services.desk.catalogue.countries)
    click.echo(f"configuration ok: {channel}, content for {countries} countries")


@cli.group()
def db() -> None:
    """Database commands."""


@db.command("upgrade")
@click.option("--revision", default="head", show_default=True)
def db_upgrade(revision: str) -> None:
    """Apply the migrations (creates the SQLite file and its folder if needed)."""
    settings = _settings()
    migrate.upgrade(settings.database_url, revision)
    click.echo(f"database at {revision}")


@cli.command()
def demo() -> None:
    """Load the demo returnees, caseworkers and milestones (safe to run again)."""
    services = _services()
    now = utcnow()
    added = load_demo(services.desk, now)
    planned = plan_checkins(services.desk, now)
    click.echo(f"demo data loaded ({added} returnees added, {planned} check-ins planned); "
               "see `returnee schedule preview`")  # fmt: skip


@cli.command()
@click.option("--workers", default=2, show_default=True)
@click.option("--bind", default=None, help="host:port; default 127.0.0.1:$PORT")
def web(workers: int, bind: str | None) -> None:
    """Check the settings, then become gunicorn serving the web app."""
    settings = _settings()
    gunicorn = shutil.which("gunicorn") or "gunicorn"
    address = bind or f"127.0.0.1:{settings.port}"
    args = [
        gunicorn, "--bind", address, "--workers", str(workers), "--threads", "4",
        "--timeout", "30", "--graceful-timeout", "20", "--no-control-socket",
        "webhooks:create_app()",
    ]  # fmt: skip
    os.execv(gunicorn, args)  # noqa: S606


@cli.command()
@click.option("--once", is_flag=True, help="dispatch one batch and exit")
def worker(once: bool) -> None:
    """Drain the outbox (SMS and WhatsApp) and the email outbox until stopped."""
    services = _services()
    dispatcher, mail = services.dispatcher(), services.email_dispatcher()
    if once:
        click.echo(f"dispatched {dispatcher.run_once()} messages, {mail.run_once()} emails")
        return
    stop = _stop_on_signals()
    emails = threading.Thread(target=mail.run_forever, args=(stop,), name="emails", daemon=True)
    emails.start()
    log.info("worker.started", owner=dispatcher.owner)
    dispatcher.run_forever(stop)
    emails.join(timeout=10)


@cli.command()
@click.option("--every", default=15.0, show_default=True, help="seconds between ticks")
@click.option(
    "--lease",
    default=60.0,
    show_default=True,
    help="seconds a silent leader keeps the lease before a standby clock takes over",
)
def clock(every: float, lease: float) -> None:
    """Run the periodic jobs: send what is due, plan check-ins hourly (one leader at a time)."""
    if lease <= every:
        raise click.BadParameter("must be longer than --every", param_hint="--lease")
    Clock(_services(), lease_ttl=timedelta(seconds=lease)).run(_stop_on_signals(), every)


@cli.command("nlu-serve")
@click.option("--models", default="nlu/models", show_default=True, help="model file or folder")
def nlu_serve(models: str) -> None:
    """Become the Rasa server (`rasa run --enable-api`) on RASA_URL's port, on 127.0.0.1."""
    settings = _settings()
    url = urlparse(settings.rasa_url or "http://127.0.0.1:5005")
    rasa = os.environ.get("RASA_BIN", str(Path(".venv-rasa/bin/rasa").resolve()))
    if not Path(rasa).exists():
        click.echo(
            f"configuration error: RASA_BIN {rasa} does not exist (run make nlu-env)", err=True
        )
        sys.exit(2)
    args = [rasa, "run", "--enable-api", "-m", models, "-i", "127.0.0.1",
            "-p", str(url.port or 5005), "--quiet"]  # fmt: skip
    if settings.rasa_auth_token:
        args += ["--auth-token", settings.rasa_auth_token]
    os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
    # The project's own Rasa components (nlu/components) must be importable by the server.
    components = str(Path(__file__).resolve().parents[1] / "nlu" / "components")
    os.environ["PYTHONPATH"] = os.pathsep.join(
        p for p in (components, os.environ.get("PYTHONPATH", "")) if p
    )
    os.execv(rasa, args)  # noqa: S606


from cli import casework, exports, reports, schedule  # noqa: E402  (register their commands)

casework.register(cli, _services)
schedule.register(cli, _services)
exports.register(cli, _services)
reports.register(cli, _services)

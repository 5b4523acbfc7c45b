"""Helpers for tests: environment, signed Twilio requests, processes, waiting."""

import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import network_guard
from sqlalchemy import select
from twilio.request_validator import RequestValidator

from tests.fakes.twilio_api import FakeTwilio

REPO = Path(__file__).resolve().parents[1]
# Starts a project process: (args, env) -> the process (the `processes` fixture).
Starter = Callable[..., subprocess.Popen[bytes]]
VENV_BIN = Path(sys.executable).parent
PUBLIC_BASE_URL = "https://returnee.example.org"
SMS_FROM = "+18765550000"
WHATSAPP_FROM = "+18765550001"
RETURNEE = "+18765551234"


def live_env(database_url: str, fake: FakeTwilio, **extra: str) -> dict[str, str]:
    """Environment for live mode against the fake Twilio API."""
    return {
        "DATABASE_URL": database_url,
        "TWILIO_ACCOUNT_SID": fake.account_sid,
        "TWILIO_AUTH_TOKEN": fake.auth_token,
        "TWILIO_API_BASE_URL": fake.base_url,
        "TWILIO_SMS_FROM": SMS_FROM,
        "TWILIO_WHATSAPP_FROM": WHATSAPP_FROM,
        "PUBLIC_BASE_URL": PUBLIC_BASE_URL,
        "SECRET_KEY": "test-secret-key-0123456789",
        "SMTP_HOST": "127.0.0.1",
        "SMTP_PORT": "9",  # discard: tests that read email start a local SMTP server
        "SMTP_FROM": "alerts@returnee.test",
        "ALLOW_UNCONFIRMED_CONTENT": "1",  # the shipped content is the demo's
        **extra,
    }


def sign(token: str, url: str, params: Mapping[str, str]) -> str:
    """The X-Twilio-Signature Twilio would send for this URL and form."""
    return str(RequestValidator(token).compute_signature(url, dict(params)))


def inbound_form(
    sid: str, body: str = "hello", sender: str = RETURNEE, **extra: str
) -> dict[str, str]:
    """A Twilio inbound-message form, as Twilio posts it."""
    return {
        "MessageSid": sid,
        "SmsSid": sid,
        "AccountSid": "AC" + "0" * 32,
        "From": sender,
        "To": SMS_FROM,
        "Body": body,
        "NumMedia": "0",
        "NumSegments": "1",
        "ApiVersion": "2010-04-01",
        **extra,
    }


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_process(args: list[str], env: Mapping[str, str], log: Path) -> subprocess.Popen[bytes]:
    """Start a project process with the network guard installed, logging to `log`."""
    full_env = network_guard.guarded_env({**os.environ, **env})
    full_env["PATH"] = f"{VENV_BIN}{os.pathsep}{full_env.get('PATH', '')}"
    handle = log.open("ab")
    return subprocess.Popen(args, env=full_env, cwd=REPO, stdout=handle, stderr=subprocess.STDOUT)


def stop_process(process: subprocess.Popen[bytes], timeout: float = 10) -> None:
    """Stop gracefully (SIGTERM), then kill."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)


def http_ok(url: str) -> bool:
    """True when `url` answers 200; any failure (refused, slow, reset) means not yet."""
    import requests

    try:
        return requests.get(url, timeout=3).status_code == 200
    except requests.RequestException:
        return False


def wait_until(check: Callable[[], Any], timeout: float = 60, every: float = 0.05) -> Any:
    """Poll `check` until it returns something truthy; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(every)
    raise AssertionError(f"condition not met within {timeout}s")


def db_rows(services: Any, model: type[Any], *where: Any) -> list[Any]:
    """Every row of `model` matching `where`, by id, detached so tests can read them."""
    with services.sessions.begin() as session:
        found = list(session.scalars(select(model).where(*where).order_by(model.id)))
        session.expunge_all()
        return found

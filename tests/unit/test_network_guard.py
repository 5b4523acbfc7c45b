"""The network guard makes any attempt to reach a real external host fail loudly."""

import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.messaging.channels.twilio_client import make_twilio_client

GUARD_DIR = Path(__file__).resolve().parents[1] / "guard"
if str(GUARD_DIR) not in sys.path:
    sys.path.insert(0, str(GUARD_DIR))

import network_guard  # noqa: E402
from network_guard import ExternalNetworkBlocked  # noqa: E402

network_guard.install()

PROXY_VARIABLES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy")


@pytest.fixture
def listener() -> Iterator[socket.socket]:
    """A TCP socket listening on 127.0.0.1."""
    with socket.create_server(("127.0.0.1", 0)) as server:
        yield server


def causes(error: BaseException) -> list[BaseException]:
    """An exception and everything it was raised from or during."""
    chain: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and current not in chain:
        chain.append(current)
        current = current.__cause__ or current.__context__
    return chain


def test_connecting_to_a_non_loopback_address_is_blocked_quickly() -> None:
    started = time.monotonic()

    with (
        socket.socket() as sock,
        pytest.raises(ExternalNetworkBlocked, match=r"external host 203\.0\.113\.1:443"),
    ):
        sock.connect(("203.0.113.1", 443))

    assert time.monotonic() - started < 0.5


def test_connect_ex_create_connection_and_name_lookups_are_blocked_too() -> None:
    with socket.socket() as sock, pytest.raises(ExternalNetworkBlocked):
        sock.connect_ex(("198.51.100.7", 80))
    with pytest.raises(ExternalNetworkBlocked, match=r"external host api\.twilio\.com:443"):
        socket.create_connection(("api.twilio.com", 443), timeout=1)
    with pytest.raises(ExternalNetworkBlocked, match=r"api\.twilio\.com"):
        socket.getaddrinfo("api.twilio.com", 443)
    with socket.socket() as sock, pytest.raises(ExternalNetworkBlocked, match=r"api\.twilio"):
        sock.connect(("api.twilio.com", 443))


def test_loopback_addresses_and_localhost_still_connect(listener: socket.socket) -> None:
    port = listener.getsockname()[1]

    for host in ("127.0.0.1", "localhost"):
        with socket.create_connection((host, port), timeout=2):
            pass
    with socket.socket() as sock:
        assert sock.connect_ex(("127.0.0.1", port)) == 0


def test_unix_sockets_are_not_restricted() -> None:
    with tempfile.TemporaryDirectory() as directory:
        path = os.path.join(directory, "s")
        with socket.socket(socket.AF_UNIX) as server, socket.socket(socket.AF_UNIX) as client:
            server.bind(path)
            server.listen()
            client.connect(path)


@pytest.mark.parametrize(
    ("host", "local"),
    [
        ("127.0.0.1", True),
        ("127.9.8.7", True),
        ("::1", True),
        ("[::1]", True),
        ("::ffff:127.0.0.1", True),
        ("LOCALHOST.", True),
        (b"localhost", True),
        ("0.0.0.0", True),
        (None, True),
        ("10.0.0.1", False),
        ("2001:db8::1", False),
        ("api.twilio.com", False),
        ("localhost.evil.example", False),
    ],
)
def test_only_loopback_hosts_count_as_local(host: object, local: bool) -> None:
    assert network_guard.is_local_host(host) is local


def test_installing_twice_keeps_a_single_layer_of_patches() -> None:
    patched = (socket.getaddrinfo, socket.create_connection, socket.socket.connect)

    network_guard.install()

    assert (socket.getaddrinfo, socket.create_connection, socket.socket.connect) == patched
    assert network_guard.is_installed()


def test_guarded_env_puts_the_guard_first_on_pythonpath_and_switches_it_on() -> None:
    env = network_guard.guarded_env({"PYTHONPATH": "/somewhere", "HOME": "/root"})

    assert env["PYTHONPATH"].split(os.pathsep) == [network_guard.GUARD_DIR, "/somewhere"]
    assert env["RETURNEE_NETWORK_GUARD"] == "1" and env["HOME"] == "/root"


def _run_guarded(code: str) -> subprocess.CompletedProcess[str]:
    """Run `code` in a fresh Python with the guard installed the way tests start processes."""
    return subprocess.run(
        [sys.executable, "-c", code],
        env=network_guard.guarded_env(os.environ),
        capture_output=True,
        text=True,
        timeout=15,
    )


def test_a_guarded_subprocess_cannot_reach_an_external_host() -> None:
    code = "import socket; socket.create_connection(('api.twilio.com', 443), timeout=2)"

    result = _run_guarded(code)

    assert result.returncode != 0
    assert "ExternalNetworkBlocked" in result.stderr
    assert "api.twilio.com:443" in result.stderr


def test_a_guarded_subprocess_can_still_use_loopback(listener: socket.socket) -> None:
    port = listener.getsockname()[1]
    code = f"import socket; socket.create_connection(('127.0.0.1', {port}), timeout=2).close()"

    result = _run_guarded(code)

    assert result.returncode == 0, result.stderr


def test_the_twilio_client_with_its_default_base_url_hits_the_guard(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for variable in PROXY_VARIABLES:
        monkeypatch.delenv(variable, raising=False)
    client = make_twilio_client("AC" + "0" * 32, "token", timeout=2)

    with pytest.raises(Exception) as raised:
        client.messages.create(to="+18685550101", from_="+15005550006", body="hi")

    blocked = [e for e in causes(raised.value) if isinstance(e, ExternalNetworkBlocked)]
    assert blocked, f"expected the network guard, got {raised.value!r}"
    assert "api.twilio.com:443" in str(blocked[0])

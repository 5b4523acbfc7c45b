"""Make tests fail loudly when anything tries to reach a host that is not loopback.

`install()` patches `socket.socket.connect`, `socket.socket.connect_ex`,
`socket.create_connection` and `socket.getaddrinfo`: loopback (127.0.0.0/8, ::1,
"localhost"), the unspecified address and unix sockets pass, anything else raises
`ExternalNetworkBlocked`. Import this module as the top-level `network_guard` (its directory
on sys.path), the way `sitecustomize` does in subprocesses started with `guarded_env`.
"""

from __future__ import annotations

import ipaddress
import os
import socket
import threading
from collections.abc import Mapping
from typing import Any

GUARD_DIR = os.path.dirname(os.path.abspath(__file__))
ENV_VAR = "RETURNEE_NETWORK_GUARD"
_MARK = "_returnee_network_guard"
_LOCAL_NAMES = frozenset({"", "localhost", "localhost.localdomain", "ip6-localhost"})
_INET_FAMILIES = (socket.AF_INET, socket.AF_INET6)
_originals: dict[str, Any] = {}
_lock = threading.Lock()


class ExternalNetworkBlocked(RuntimeError):
    """Raised when code under test tries to reach a host that is not loopback."""


def is_local_host(host: object) -> bool:
    """Whether `host` (name, IP literal, None) is loopback, unspecified or 'localhost'."""
    if host is None:
        return True
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    if not isinstance(host, str):
        return False
    name = host.strip().rstrip(".").lower().strip("[]").split("%")[0]
    if name in _LOCAL_NAMES:
        return True
    try:
        address = ipaddress.ip_address(name)
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_loopback or address.is_unspecified


def check_host(host: object, port: object = None) -> None:
    """Raise ExternalNetworkBlocked unless `host` is local."""
    if not is_local_host(host):
        raise ExternalNetworkBlocked(f"test tried to reach external host {host!s}:{port!s}")


def _check_address(family: int, address: Any) -> None:
    """Check a socket address; only internet families are restricted."""
    if family in _INET_FAMILIES and isinstance(address, tuple) and address:
        check_host(address[0], address[1] if len(address) > 1 else None)


def _guarded_connect(self: socket.socket, address: Any) -> None:
    """socket.socket.connect, refusing external hosts."""
    _check_address(self.family, address)
    _originals["connect"](self, address)


def _guarded_connect_ex(self: socket.socket, address: Any) -> int:
    """socket.socket.connect_ex, refusing external hosts."""
    _check_address(self.family, address)
    result: int = _originals["connect_ex"](self, address)
    return result


def _guarded_create_connection(address: tuple[str, int], *args: Any, **kwargs: Any) -> Any:
    """socket.create_connection, refusing external hosts."""
    check_host(address[0], address[1])
    return _originals["create_connection"](address, *args, **kwargs)


def _guarded_getaddrinfo(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
    """socket.getaddrinfo, refusing external hosts."""
    check_host(host, port)
    return _originals["getaddrinfo"](host, port, *args, **kwargs)


def is_installed() -> bool:
    """Whether the guard (from any copy of this module) is active."""
    return bool(getattr(socket.getaddrinfo, _MARK, False))


def _patches() -> list[tuple[object, str, Any]]:
    """(owner, attribute, guarded replacement) for each patched socket function."""
    return [
        (socket.socket, "connect", _guarded_connect),
        (socket.socket, "connect_ex", _guarded_connect_ex),
        (socket, "create_connection", _guarded_create_connection),
        (socket, "getaddrinfo", _guarded_getaddrinfo),
    ]


def install() -> None:
    """Patch the socket module so external hosts raise ExternalNetworkBlocked (idempotent)."""
    with _lock:
        if is_installed():
            return
        for owner, name, guarded in _patches():
            _originals[name] = getattr(owner, name)
            setattr(guarded, _MARK, True)
            setattr(owner, name, guarded)


def uninstall() -> None:
    """Undo install() done by this copy of the module (for tests of the guard itself)."""
    with _lock:
        if socket.getaddrinfo is not _guarded_getaddrinfo:
            return
        for owner, name, _guarded in _patches():
            setattr(owner, name, _originals.pop(name))


def guarded_env(base_env: Mapping[str, str]) -> dict[str, str]:
    """A copy of `base_env` whose Python subprocesses install the guard at startup."""
    env = dict(base_env)
    paths = [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p and p != GUARD_DIR]
    env["PYTHONPATH"] = os.pathsep.join([GUARD_DIR, *paths])
    env[ENV_VAR] = "1"
    return env

"""Facts about the machine and software the figures were taken on."""

import os
import platform
import sqlite3
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, text


def cpu_model() -> str:
    """The CPU model name from /proc/cpuinfo, or the platform's processor string."""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text(errors="replace").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def machine_facts() -> dict[str, Any]:
    """nproc, CPU, memory, OS, Python and SQLite versions."""
    return {
        "nproc": len(os.sched_getaffinity(0)),
        "cpu_count": os.cpu_count(),
        "cpu_model": cpu_model(),
        "memory_gb": _memory_gb(),
        "platform": platform.platform(),
        "python": sys.version.split()[0],
        "sqlite": sqlite3.sqlite_version,
    }


def _memory_gb() -> float | None:
    """Total memory in GB from /proc/meminfo, if readable."""
    meminfo = Path("/proc/meminfo")
    if not meminfo.exists():
        return None
    for line in meminfo.read_text().splitlines():
        if line.startswith("MemTotal:"):
            return round(int(line.split()[1]) / 1024 / 1024, 1)
    return None


def server_version(engine: Engine) -> str:
    """The database server's version string (short)."""
    with engine.connect() as connection:
        if connection.dialect.name == "postgresql":
            return str(connection.execute(text("SHOW server_version")).scalar_one())
        return "sqlite " + str(connection.execute(text("select sqlite_version()")).scalar_one())

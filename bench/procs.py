"""The processes under test: gunicorn through `returnee web`, and `returnee worker`."""

import subprocess
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import requests

from tests.helpers import free_port, start_process, stop_process, wait_until

WEB_WORKERS = 2


def _healthy(url: str) -> bool:
    """Whether GET `url` answers 200."""
    try:
        return requests.get(url, timeout=1).status_code == 200
    except requests.RequestException:
        return False


def _fresh_log(path: Path) -> Path:
    """An empty log file at `path` (start_process appends)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"")
    return path


@contextmanager
def web_server(env: dict[str, str], log: Path) -> Iterator[str]:
    """Real gunicorn (`returnee web`) with WEB_WORKERS workers; its base URL once healthy."""
    port = free_port()
    args = ["returnee", "web", "--bind", f"127.0.0.1:{port}", "--workers", str(WEB_WORKERS)]
    process = start_process(args, env, _fresh_log(log))
    try:
        base = f"http://127.0.0.1:{port}"
        wait_until(lambda: process.poll() is not None or _healthy(f"{base}/healthz"), timeout=30)
        if process.poll() is not None:
            raise RuntimeError(f"web process exited with {process.returncode}; see {log}")
        yield base
    finally:
        stop_process(process, timeout=20)


@contextmanager
def workers(
    count: int, env: dict[str, str], log_dir: Path, label: str
) -> Iterator[list[subprocess.Popen[bytes]]]:
    """`count` outbox workers (`returnee worker`), stopped on exit."""
    with ExitStack() as stack:
        started = []
        for index in range(count):
            log = _fresh_log(log_dir / f"{label}-worker-{index + 1}.log")
            process = start_process(["returnee", "worker"], env, log)
            stack.callback(stop_process, process, 20)
            started.append(process)
        yield started
